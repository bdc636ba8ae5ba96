package io.rhmlab.dsl.data;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.grammar.Rules;

import java.math.BigInteger;
import io.rhmlab.dsl.Seeds;

import java.util.SplittableRandom;

/**
 * A training and a test set drawn from a hierarchy (docs/science.md §2.A, §5.4–5.5). Immutable.
 *
 * <p>Without replacement (default): one uniformly random ordered sequence of P_test + P_train distinct indices
 * from [0, P_max), seeded by {@code sampleSeed}; the test set is its first P_test indices and the training set
 * the next P_train. Hence train and test are disjoint, the test set does not depend on P_train, and the training
 * sets of a learning curve are nested ({@code train().first(P)} equals the training set drawn with P_train = P).
 *
 * <p>With replacement: P_test then P_train i.i.d. uniform indices from the same stream, i.e. label and every
 * rule and placement drawn independently and uniformly; duplicates and train/test overlaps may occur.
 *
 * <p>Streams and exactness: see {@link IndexSampler}. When P_max &lt; 2^63 drawing is overlapped with decoding on
 * the other cores ({@link Pipeline}); beyond, indices are {@link BigInteger}s and decoding is chunked in parallel.
 * Either way the bytes depend only on the spec, the rules and the sizes.
 */
public final class Dataset {
    private final Hierarchy hierarchy;
    private final Rules rules;
    private final boolean withReplacement;
    private final Tokens train, test;
    private final Indices trainIndices, testIndices;

    private Dataset(Hierarchy hierarchy, Rules rules, boolean withReplacement, Tokens train, Tokens test,
                    Indices trainIndices, Indices testIndices) {
        this.hierarchy = hierarchy;
        this.rules = rules;
        this.withReplacement = withReplacement;
        this.train = train;
        this.test = test;
        this.trainIndices = trainIndices;
        this.testIndices = testIndices;
    }

    /** Draws the rules from {@code h.ruleSeed()} and samples without replacement. */
    public static Dataset sample(Hierarchy h, int train, int test) {
        return sample(h, Rules.draw(h), train, test, h.replacement());
    }

    /** Samples with the given rules, with replacement iff the hierarchy says so. */
    public static Dataset sample(Hierarchy h, Rules rules, int train, int test) {
        return sample(h, rules, train, test, h.replacement());
    }

    /**
     * Largest input length d that is sampled. A datum is decoded from its index, a number of about d·log2(m) bits,
     * one mixed-radix digit at a time: O(d²) bit operations per datum, so far larger d would run for hours.
     */
    public static final int MAX_INPUT_LENGTH = 1 << 12;

    /** Fails with one line naming L when the data of {@code h} are too long to be sampled ({@link #MAX_INPUT_LENGTH}). */
    public static void requireMaterialisable(Hierarchy h) {
        require(h.inputLength() <= MAX_INPUT_LENGTH, "L", "input length d = (s(s0+1))^L = " + h.inputLength() + " exceeds "
                + MAX_INPUT_LENGTH + " (each datum is decoded from an index of " + h.maxSamples().bitLength()
                + " bits; that would run for hours): lower L or s");
    }

    public static Dataset sample(Hierarchy h, Rules rules, int train, int test, boolean withReplacement) {
        require(sameGrammar(h, rules.hierarchy()), "rules", "were drawn for " + rules.hierarchy().summary() + ", not " + h.summary());
        requireMaterialisable(h);
        require(train >= 0, "P_train", "P_train = " + train + " must be ≥ 0");
        require(test >= 0, "P_test", "P_test = " + test + " must be ≥ 0");
        long total = (long) train + test;
        BigInteger pMax = h.maxSamples();
        require(withReplacement || BigInteger.valueOf(total).compareTo(pMax) <= 0, "P_train",
                "P_train + P_test = " + train + " + " + test + " = " + total + " > P_max = " + pMax
                        + " (without replacement every datum is distinct)");
        int d = h.inputLength();
        require(total <= Integer.MAX_VALUE - 8, "P_train", "P_train + P_test = " + total + " exceeds one Java array");
        require((long) train * d <= Integer.MAX_VALUE - 8, "P_train", "P_train·d = " + (long) train * d + " tokens exceed one Java array");
        require((long) test * d <= Integer.MAX_VALUE - 8, "P_test", "P_test·d = " + (long) test * d + " tokens exceed one Java array");

        SplittableRandom rng = new SplittableRandom(Seeds.derive(h.sampleSeed(), Seeds.Purpose.SAMPLE_ORDER));
        int k = (int) total;
        if (pMax.bitLength() <= 63) {
            long n = pMax.longValueExact();
            Pipeline.Result r = Pipeline.run(rules, new IndexSampler.LongDraws(n, k, withReplacement, rng), test, train);
            Indices all = Indices.ofLongs(r.indices());
            return new Dataset(h, rules, withReplacement, r.train(), r.test(), all.slice(test, k), all.slice(0, test));
        }
        Indices all = Indices.ofBig(withReplacement ? IndexSampler.independent(pMax, k, rng) : IndexSampler.distinct(pMax, k, rng));
        Indices testIdx = all.slice(0, test), trainIdx = all.slice(test, k);
        Codec codec = new Codec(rules);
        return new Dataset(h, rules, withReplacement, codec.decodeAll(trainIdx), codec.decodeAll(testIdx), trainIdx, testIdx);
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    public Rules rules() {
        return rules;
    }

    public boolean withReplacement() {
        return withReplacement;
    }

    public Tokens train() {
        return train;
    }

    public Tokens test() {
        return test;
    }

    /** Indices of the training data, in order: {@code trainIndices().get(i)} decodes to {@code train()} datum i. */
    public Indices trainIndices() {
        return trainIndices;
    }

    public Indices testIndices() {
        return testIndices;
    }

    /** Rules may come from a spec with other seeds (injected tables); the grammar's shape must match. */
    private static boolean sameGrammar(Hierarchy a, Hierarchy b) {
        return a.withSeeds(0, 0).withReplacement(false).equals(b.withSeeds(0, 0).withReplacement(false));
    }

    private static void require(boolean ok, String parameter, String constraint) {
        if (!ok) throw new InvalidSpecException(parameter, constraint);
    }
}
