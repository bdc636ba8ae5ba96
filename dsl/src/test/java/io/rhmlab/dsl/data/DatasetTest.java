package io.rhmlab.dsl.data;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.Placement;
import io.rhmlab.dsl.grammar.Parser;
import io.rhmlab.dsl.grammar.Rules;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetTest {
    private static final Hierarchy RHM = Hierarchy.rhm().v(8).classes(8).m(4).s(2).L(3).ruleSeed(1).sampleSeed(2).build();
    private static final Hierarchy SRHM = Hierarchy.srhm().v(4).classes(4).m(4).s(2).L(2).s0(1).placement(Placement.A).seed(3).build();

    private static Set<BigInteger> indexSet(Indices indices) {
        Set<BigInteger> out = new HashSet<>();
        for (int i = 0; i < indices.size(); i++) out.add(indices.get(i));
        return out;
    }

    @Test
    void sameSeedsSameBytesOtherSampleSeedOtherData() {
        Rules rules = Rules.draw(RHM);
        Dataset a = Dataset.sample(RHM, rules, 5000, 1000), b = Dataset.sample(RHM, Rules.draw(RHM), 5000, 1000);
        assertThat(a.train().sameAs(b.train())).isTrue();
        assertThat(a.test().sameAs(b.test())).isTrue();
        Hierarchy other = RHM.withSeeds(1, 3);
        Dataset c = Dataset.sample(other, Rules.draw(other), 5000, 1000);
        assertThat(c.train().sameAs(a.train())).isFalse();
        assertThat(c.train().toByteArray()).isNotEqualTo(a.train().toByteArray());
    }

    @Test
    void trainAndTestAreDisjointAndDistinct() {
        Dataset data = Dataset.sample(SRHM, 3000, 1000);
        Set<BigInteger> train = indexSet(data.trainIndices()), test = indexSet(data.testIndices());
        assertThat(train).hasSize(3000);
        assertThat(test).hasSize(1000);
        assertThat(train).doesNotContainAnyElementsOf(test);
        Set<String> inputs = new HashSet<>();
        for (Tokens t : new Tokens[]{data.train(), data.test()})
            for (int i = 0; i < t.size(); i++) inputs.add(java.util.Arrays.toString(t.datum(i)));
        assertThat(inputs).hasSize(4000);
    }

    @Test
    void trainingSetsAreNestedAndTheTestSetDoesNotDependOnP() {
        Rules rules = Rules.draw(RHM);
        Dataset small = Dataset.sample(RHM, rules, 700, 300), large = Dataset.sample(RHM, rules, 4000, 300);
        assertThat(large.test().sameAs(small.test())).isTrue();
        assertThat(large.train().first(700).sameAs(small.train())).isTrue();
        assertThat(large.train().first(701).sameAs(small.train())).isFalse();
    }

    @Test
    void indicesDecodeToTheirTokens() {
        Rules rules = Rules.draw(SRHM);
        Dataset data = Dataset.sample(SRHM, rules, 500, 100);
        Codec codec = new Codec(rules);
        Parser parser = new Parser(rules);
        for (int i = 0; i < 500; i++) {
            Datum x = codec.decode(data.trainIndices().get(i));
            assertThat(x.tokens()).isEqualTo(data.train().datum(i));
            assertThat(x.label()).isEqualTo(data.train().label(i));
            assertThat(parser.indexOf(data.train().datum(i))).isEqualTo(data.trainIndices().get(i));
        }
    }

    @Test
    void enumeratingAllDataGivesEveryIndexOnce() {
        Hierarchy h = Hierarchy.rhm().v(4).classes(2).m(2).s(2).L(2).seed(5).build();
        Dataset data = Dataset.sample(h, 6, 10);
        Set<BigInteger> all = indexSet(data.trainIndices());
        all.addAll(indexSet(data.testIndices()));
        assertThat(all).hasSize(16);
        assertThat(all).allMatch(i -> i.signum() >= 0 && i.intValueExact() < 16);
    }

    @Test
    void bulkDecodingDoesNotDependOnTheNumberOfThreads() throws Exception {
        Rules rules = Rules.draw(RHM);
        Indices indices = Indices.ofLongs(IndexSampler.distinct(RHM.maxSamples().longValueExact(), 100_000, new SplittableRandom(1)));
        Codec codec = new Codec(rules);
        Tokens parallel = codec.decodeAll(indices);
        ForkJoinPool single = new ForkJoinPool(1);
        Tokens one = single.submit(() -> codec.decodeAll(indices)).get();
        single.shutdown();
        assertThat(one.sameAs(parallel)).isTrue();
        for (int i = 0; i < 100_000; i += 997) assertThat(codec.decode(indices.get(i)).tokens()).isEqualTo(parallel.datum(i));
    }

    @Test
    void overlappedSamplingAndDecodingMatchesPlainDecodingAcrossChunks() {
        Rules rules = Rules.draw(RHM);
        Dataset data = Dataset.sample(RHM, rules, 70_000, 30_000); // 7 chunks, the split inside one
        Codec codec = new Codec(rules);
        assertThat(codec.decodeAll(data.trainIndices()).sameAs(data.train())).isTrue();
        assertThat(codec.decodeAll(data.testIndices()).sameAs(data.test())).isTrue();
        long[] expected = IndexSampler.distinct(RHM.maxSamples().longValueExact(), 100_000, new SplittableRandom(io.rhmlab.dsl.Seeds.derive(RHM.sampleSeed(), io.rhmlab.dsl.Seeds.Purpose.SAMPLE_ORDER)));
        assertThat(data.testIndices().longValues()).containsExactly(java.util.Arrays.copyOfRange(expected, 0, 30_000));
        assertThat(data.trainIndices().longValues()).containsExactly(java.util.Arrays.copyOfRange(expected, 30_000, 100_000));
    }

    @Test
    void hashSetAndBitsetSamplersDrawTheSameSequence() {
        long n = 10_000_000;
        long[] viaHash = IndexSampler.distinct(n, 100, new SplittableRandom(3));      // 256·k + 65536 < n
        long[] viaBits = IndexSampler.distinct(n, 50_000, new SplittableRandom(3));   // 256·k ≥ n
        assertThat(viaBits).startsWith(viaHash);
    }

    @Test
    void rejectionSamplingIsUniformOverOrderedSequences() {
        // 3 distinct of 5: 60 ordered sequences, each with probability 1/60
        int[] counts = new int[125];
        SplittableRandom seeds = new SplittableRandom(7);
        int trials = 60_000;
        for (int t = 0; t < trials; t++) {
            long[] x = IndexSampler.distinct(5, 3, new SplittableRandom(seeds.nextLong()));
            counts[(int) (x[0] * 25 + x[1] * 5 + x[2])]++;
        }
        int nonzero = 0;
        double chi2 = 0;
        for (int c : counts) {
            if (c == 0) continue;
            nonzero++;
            chi2 += Math.pow(c - trials / 60.0, 2) / (trials / 60.0);
        }
        assertThat(nonzero).isEqualTo(60);
        assertThat(chi2).isLessThan(110); // 59 degrees of freedom: p ≈ 5·10^-5
    }

    @Test
    void bigIntegerPathBeyondInt64() {
        Hierarchy h = Hierarchy.rhm().v(8).classes(8).m(8).s(2).L(5).seed(9).build();
        assertThat(h.maxSamples().bitLength()).isGreaterThan(63);
        Rules rules = Rules.draw(h);
        Dataset data = Dataset.sample(h, rules, 300, 100);
        assertThat(data.trainIndices().isLong()).isFalse();
        assertThat(indexSet(data.trainIndices())).hasSize(300).doesNotContainAnyElementsOf(indexSet(data.testIndices()));
        assertThat(indexSet(data.trainIndices())).anyMatch(i -> i.bitLength() > 63);
        Parser parser = new Parser(rules);
        for (int i = 0; i < 300; i++) assertThat(parser.indexOf(data.train().datum(i))).isEqualTo(data.trainIndices().get(i));
        assertThat(Dataset.sample(h, rules, 300, 100).train().sameAs(data.train())).isTrue();
        Dataset iid = Dataset.sample(h, rules, 200, 0, true);
        for (int i = 0; i < 200; i++) assertThat(parser.indexOf(iid.train().datum(i))).isEqualTo(iid.trainIndices().get(i));
    }

    @Test
    void withReplacementDrawsIndependentUniformData() {
        Hierarchy tiny = Hierarchy.rhm().v(3).classes(2).m(1).s(2).L(1).seed(1).build(); // P_max = 2
        Dataset data = Dataset.sample(tiny, Rules.draw(tiny), 1000, 1000, true);
        assertThat(data.withReplacement()).isTrue();
        int ones = 0;
        for (int i = 0; i < 1000; i++) ones += data.train().label(i);
        assertThat(ones).isBetween(400, 600);
        Dataset again = Dataset.sample(tiny, Rules.draw(tiny), 1000, 1000, true);
        assertThat(again.train().sameAs(data.train())).isTrue();
    }

    @Test
    void sizesAreValidated() {
        Hierarchy tiny = Hierarchy.rhm().v(4).classes(2).m(2).s(2).L(2).build(); // P_max = 2·2^3 = 16
        Rules rules = Rules.draw(tiny);
        assertThatThrownBy(() -> Dataset.sample(tiny, rules, 14, 3))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("P_train"))
                .hasMessageContaining("P_max = 16");
        assertThatThrownBy(() -> Dataset.sample(tiny, rules, -1, 3))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("P_train"));
        assertThatThrownBy(() -> Dataset.sample(tiny, rules, 3, -1))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("P_test"));
        assertThat(Dataset.sample(tiny, rules, 30, 3, true).train().size()).isEqualTo(30);
        assertThat(Dataset.sample(tiny, rules, 13, 3).train().size()).isEqualTo(13);
        Hierarchy other = Hierarchy.rhm().v(4).classes(2).m(1).s(2).L(2).build();
        assertThatThrownBy(() -> Dataset.sample(other, rules, 1, 1))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.parameter()).isEqualTo("rules"));
    }

    @Test
    void tokensViewsAndAccessors() {
        Dataset data = Dataset.sample(SRHM, 100, 10);
        Tokens t = data.train();
        assertThat(t.length()).isEqualTo(16);
        assertThat(t.buffer().remaining()).isEqualTo(1600);
        assertThat(t.first(10).buffer().remaining()).isEqualTo(160);
        assertThat(t.first(10).labels()).containsExactly(java.util.Arrays.copyOf(t.labels(), 10));
        assertThat(t.token(3, 5)).isEqualTo(t.datum(3)[5] & 0xff).isBetween(0, 4);
        assertThatThrownBy(() -> t.first(101)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Tokens.wrap(new byte[5], new int[2], 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
