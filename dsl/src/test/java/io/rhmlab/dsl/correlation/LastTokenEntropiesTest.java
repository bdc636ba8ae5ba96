package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.grammar.Rules;
import org.junit.jupiter.api.Test;

import static io.rhmlab.dsl.correlation.LastTokenBruteForce.rhm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LastTokenEntropiesTest {

    @Test
    void everyLevelEqualsTheEnumerationOfAllData() {
        Hierarchy[] grammars = {rhm(4, 4, 2, 2, 3, 1), rhm(4, 4, 3, 2, 3, 2), rhm(4, 4, 2, 3, 2, 3), rhm(3, 3, 2, 3, 2, 4),
                rhm(4, 2, 2, 2, 3, 5), rhm(4, 6, 2, 2, 3, 6), rhm(3, 2, 2, 2, 4, 8), rhm(8, 8, 2, 2, 3, 9)};
        for (Hierarchy h : grammars) {
            Rules rules = Rules.draw(h);
            Tokens all = LastTokenBruteForce.everything(h, rules);
            LastTokenEntropies exact = LastTokenEntropies.of(rules);
            assertThat(exact.maxLevel()).isEqualTo(h.depth());
            for (int k = 0; k <= h.depth(); k++) {
                int context = (int) LastTokenLevels.pow(h.branching(), k) - 1;
                assertThat(exact.entropy(k)).as("%s H_%d", h.name(), k)
                        .isCloseTo(LastTokenBruteForce.conditionalEntropy(all, h.vocabulary(), context), within(1e-10));
            }
        }
    }

    @Test
    void theD1GrammarKeepsSomeAmbiguityWithTheWholeContext() {
        Hierarchy h = rhm(16, 16, 4, 2, 3, 1);
        LastTokenEntropies e = LastTokenEntropies.of(Rules.draw(h));
        // the last token's marginal is not uniform: a symbol's weight follows how many rules hold it in the last
        // slot, ≈ m ± √m of them, so H_0 falls short of ln v by about 1/(2m) nats per level of that variance
        assertThat(e.entropy(0)).isLessThan(Math.log(16)).isGreaterThan(Math.log(16) - 0.3);
        for (int k = 1; k <= 3; k++) assertThat(e.entropy(k)).as("H_%d < H_%d", k, k - 1).isLessThan(e.entropy(k - 1));
        // the parent of the last pair is uncertain, and several of its candidates may start with X_{T−1}
        assertThat(e.entropy(3)).isGreaterThan(0.01);
        // given X_{T−1}, at most m·(rows using it) continuations and at least one: H_1 ≤ ln(v·m)
        assertThat(e.entropy(1)).isLessThan(Math.log(16 * 4));
    }

    @Test
    void refusesRatherThanApproximates() {
        // H_8 of a depth-8 binary tree with v = 16, m = 4 could walk 64·16^7 configurations
        Hierarchy deep = rhm(16, 16, 4, 2, 8, 1);
        assertThat(LastTokenEntropies.configurationBound(deep, 8)).isGreaterThan(LastTokenEntropies.MAX_CONFIGURATIONS);
        Rules rules = Rules.draw(deep);
        assertThatThrownBy(() -> LastTokenEntropies.of(rules))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("k"))
                .hasMessageContaining("H_");
        LastTokenEntropies low = LastTokenEntropies.of(rules, 3);
        assertThat(low.maxLevel()).isEqualTo(3);
        assertThatThrownBy(() -> low.entropy(4)).isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("k"));
        Hierarchy sparse = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(2).depth(2).sparsity(1).build();
        assertThatThrownBy(() -> LastTokenEntropies.of(Rules.draw(sparse)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("s0"));
    }
}
