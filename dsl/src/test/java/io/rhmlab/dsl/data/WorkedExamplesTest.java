package io.rhmlab.dsl.data;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.Placement;
import io.rhmlab.dsl.grammar.Parser;
import io.rhmlab.dsl.grammar.Rules;
import io.rhmlab.dsl.testing.Examples;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/science.md §8, reproduced exactly with the injected tables. */
class WorkedExamplesTest {
    private static final int B = 3; // blank = v

    @Test
    void rhmIndexFiveIsTheWorkedDatum() {
        Hierarchy h = Examples.rhm();
        Codec codec = new Codec(Examples.rules(h));
        assertThat(h.maxSamples()).isEqualTo(BigInteger.valueOf(16));
        Datum x = codec.decode(5);
        assertThat(x.label()).isZero();
        assertThat(x.tokens()).containsExactly(0, 1, 2, 1);
        assertThat(codec.indexOf(new byte[]{0, 1, 2, 1})).isEqualTo(BigInteger.valueOf(5));
    }

    @Test
    void rhmSynonymExchangesKeepTheClass() {
        Parser parser = new Parser(Examples.rules(Examples.rhm()));
        assertThat(parser.parse(new byte[]{0, 1, 0, 1}).derivation().label()).isZero();
        assertThat(parser.parse(new byte[]{1, 1, 2, 0}).derivation().label()).isZero();
        // class 1 → (1,0): feature 1 → (2,0), feature 0 → (1,1)
        assertThat(parser.parse(new byte[]{2, 0, 1, 1}).derivation().label()).isEqualTo(1);
    }

    @Test
    void srhmAWorkedDatum() {
        Hierarchy h = Examples.srhm(Placement.A);
        Rules rules = Examples.rules(h);
        Codec codec = new Codec(rules);
        // class 0, rule 1 (2,2), offsets (1,0) → q = 2; first 2: rule 0 (0,1), offsets (0,0) → q = 0;
        // second 2: rule 1 (2,1), offsets (1,1) → q = 3. Choice = rule·4 + q, radix 8.
        int[] choices = {1 * 4 + 2, 0, 1 * 4 + 3};
        BigInteger index = codec.indexSpace().encode(0, choices);
        assertThat(index).isEqualTo(BigInteger.valueOf(6 * 64 + 0 * 8 + 7));
        Datum x = codec.decode(index);
        assertThat(x.label()).isZero();
        assertThat(x.tokens()).containsExactly(B, B, B, B, 0, B, 1, B, B, 2, B, 1, B, B, B, B);
        assertThat(codec.indexOf(x.tokens())).isEqualTo(index);
        // τ_1 moves the third patch to (2,∅,1,∅): same label, other index
        byte[] moved = {B, B, B, B, 0, B, 1, B, 2, B, 1, B, B, B, B, B};
        Parser parser = new Parser(rules);
        assertThat(parser.parse(moved).derivation().label()).isZero();
        assertThat(parser.indexOf(moved)).isNotEqualTo(index);
    }

    @Test
    void srhmMaxSamplesOfTheExample() {
        assertThat(Examples.srhm(Placement.A).maxSamples()).isEqualTo(BigInteger.valueOf(1024));
        assertThat(Examples.srhm(Placement.B).maxSamples()).isEqualTo(BigInteger.valueOf(3456));
        assertThat(Examples.srhm(Placement.A).inputLength()).isEqualTo(16);
    }
}
