package io.rhmlab.dsl.data;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.Placement;
import io.rhmlab.dsl.grammar.Parser;
import io.rhmlab.dsl.grammar.Rules;
import io.rhmlab.dsl.testing.Examples;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/science.md §10.2, §10.3, §10.5: enumerate every index of tiny instances. */
class BruteForceTest {

    /** Decodes all P_max indices; checks distinctness, class balance, one label per input and the bijection. */
    private static void enumerate(Hierarchy h, Rules rules) {
        int pMax = h.maxSamples().intValueExact();
        Codec codec = new Codec(rules);
        Parser parser = new Parser(rules);
        Map<ByteBuffer, Integer> labelOf = new HashMap<>();
        int[] perClass = new int[h.classes()];
        int v = h.vocabulary();
        for (int i = 0; i < pMax; i++) {
            Datum x = codec.decode(i);
            byte[] tokens = x.tokens();
            Integer previous = labelOf.put(ByteBuffer.wrap(tokens), x.label());
            assertThat(previous).as("index %d repeats an input (label %s)", i, previous).isNull();
            perClass[x.label()]++;
            assertThat(parser.indexOf(tokens)).isEqualTo(BigInteger.valueOf(i));
            int informative = 0;
            for (byte b : tokens) if ((b & 0xff) < v) informative++;
            assertThat(informative).isEqualTo(h.informativePositions());
            if (h.isSparse()) assertBlanksFormWholeSubtreesOrEmptySlots(h, tokens);
        }
        assertThat(labelOf).hasSize(pMax);
        for (int c : perClass) assertThat(c).isEqualTo(pMax / h.classes());
    }

    /**
     * Bottom-up: a patch is either all blank (a blank subtree) or holds exactly s symbols with s·s0 empty slots;
     * the top patch is informative.
     */
    private static void assertBlanksFormWholeSubtreesOrEmptySlots(Hierarchy h, byte[] tokens) {
        int S = h.patchSize(), v = h.vocabulary();
        boolean[] informative = new boolean[tokens.length];
        for (int p = 0; p < tokens.length; p++) informative[p] = (tokens[p] & 0xff) < v;
        int width = tokens.length;
        while (width > 1) {
            boolean[] up = new boolean[width / S];
            for (int p = 0; p < up.length; p++) {
                int count = 0;
                for (int k = 0; k < S; k++) if (informative[p * S + k]) count++;
                assertThat(count).isIn(0, h.branching());
                up[p] = count > 0;
            }
            informative = up;
            width /= S;
        }
        assertThat(informative[0]).isTrue();
    }

    @Test
    void workedRhm() {
        Hierarchy h = Examples.rhm();
        enumerate(h, Examples.rules(h));
    }

    @Test
    void drawnRhmWithUnusedTuples() {
        Hierarchy h = Hierarchy.rhm().v(4).classes(3).m(2).s(2).L(3).seed(3).build();
        assertThat(h.maxSamples()).isEqualTo(BigInteger.valueOf(3 * 128));
        enumerate(h, Rules.draw(h));
    }

    @Test
    void ternaryRhm() {
        Hierarchy h = Hierarchy.rhm().v(3).classes(3).m(3).s(3).L(2).seed(4).build();
        assertThat(h.maxSamples()).isEqualTo(BigInteger.valueOf(243));
        enumerate(h, Rules.draw(h));
    }

    @Test
    void sparsityAOfTheWorkedExampleHas1024Data() {
        Hierarchy h = Examples.srhm(Placement.A);
        assertThat(h.maxSamples()).isEqualTo(BigInteger.valueOf(1024));
        enumerate(h, Examples.rules(h));
    }

    @Test
    void sparsityBOfTheWorkedExampleHas3456Data() {
        Hierarchy h = Examples.srhm(Placement.B);
        assertThat(h.maxSamples()).isEqualTo(BigInteger.valueOf(3456));
        enumerate(h, Examples.rules(h));
    }

    @Test
    void sparsityBWithTwoBlankSlotsPerChild() {
        Hierarchy h = Hierarchy.srhm().v(2).classes(2).m(2).s(2).L(2).s0(2).placement(Placement.B).seed(6).build();
        assertThat(h.maxSamples()).isEqualTo(BigInteger.valueOf(2L * 30 * 30 * 30));
        enumerate(h, Rules.draw(h));
    }

    @Test
    void sparsityAWithThreeLevels() {
        Hierarchy h = Hierarchy.srhm().v(2).classes(2).m(1).s(2).L(3).s0(1).placement(Placement.A).seed(2).build();
        assertThat(h.maxSamples()).isEqualTo(BigInteger.valueOf(2L << 14));
        enumerate(h, Rules.draw(h));
    }
}
