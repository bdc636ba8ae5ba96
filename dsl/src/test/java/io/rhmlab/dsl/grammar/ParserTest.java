package io.rhmlab.dsl.grammar;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.Placement;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.testing.Examples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParserTest {
    private static final int B = 3;

    @ParameterizedTest
    @EnumSource(Placement.class)
    void randomDataReencodeToTheirIndex(Placement law) {
        var builder = law == Placement.NONE ? Hierarchy.rhm() : Hierarchy.srhm().sparsity(2).placement(law);
        Hierarchy h = builder.v(6).classes(5).m(3).s(2).L(3).seed(12).build();
        Rules rules = Rules.draw(h);
        Dataset data = Dataset.sample(h, rules, 2000, 0);
        Parser parser = new Parser(rules);
        Tokens t = data.train();
        for (int i = 0; i < t.size(); i++) {
            ParseResult r = parser.parse(t.datum(i));
            assertThat(r.isAccepted()).as(r.rejection()).isTrue();
            assertThat(r.derivation().label()).isEqualTo(t.label(i));
            assertThat(parser.indexSpace().encode(r.derivation().label(), r.derivation().choices()))
                    .isEqualTo(data.trainIndices().get(i));
        }
    }

    @Test
    void stringsOutsideTheLanguageAreRejectedWithAReason() {
        Parser rhm = new Parser(Examples.rules(Examples.rhm()));
        assertThat(rhm.parse(new byte[]{0, 1, 2}).rejection()).contains("length");
        assertThat(rhm.parse(new byte[]{0, 1, 2, 7}).rejection()).contains("token 7");
        assertThat(rhm.parse(new byte[]{0, 1, 2, 3}).rejection()).contains("token 3");     // blank in a dense RHM
        assertThat(rhm.parse(new byte[]{1, 0, 2, 1}).rejection()).contains("no rule");     // (1,0) is no feature tuple
        assertThat(rhm.parse(new byte[]{2, 1, 2, 1}).isAccepted()).isTrue();               // parents (2,2): class 0
        assertThat(rhm.parse(new byte[]{2, 0, 2, 0}).rejection()).contains("depth 0");     // parents (1,1): no class
        assertThatThrownBy(() -> rhm.indexOf(new byte[]{1, 0, 2, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the language");

        Parser a = new Parser(Examples.rules(Examples.srhm(Placement.A)));
        byte[] ok = {B, B, B, B, 0, B, 1, B, B, 2, B, 1, B, B, B, B};
        assertThat(a.parse(ok).isAccepted()).isTrue();
        byte[] sameSubPatch = {B, B, B, B, 0, 1, B, B, B, 2, B, 1, B, B, B, B};
        assertThat(a.parse(sameSubPatch).rejection()).contains("placement A");
        byte[] extraSymbol = {B, B, B, B, 0, B, 1, 0, B, 2, B, 1, B, B, B, B};
        assertThat(a.parse(extraSymbol).rejection()).contains("more than s");
        byte[] missingSymbol = {B, B, B, B, 0, B, B, B, B, 2, B, 1, B, B, B, B};
        assertThat(a.parse(missingSymbol).rejection()).contains("not s = 2");
        byte[] blank = new byte[16];
        java.util.Arrays.fill(blank, (byte) B);
        assertThat(a.parse(blank).rejection()).contains("blank");
        // placement B accepts the same symbols in one sub-patch
        Parser b = new Parser(Examples.rules(Examples.srhm(Placement.B)));
        assertThat(b.parse(sameSubPatch).isAccepted()).isTrue();
    }
}
