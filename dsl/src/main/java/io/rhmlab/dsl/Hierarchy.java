package io.rhmlab.dsl;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import static io.rhmlab.dsl.InvalidSpecException.require;

/**
 * A Random Hierarchy Model (Cagnetta et al., PRX 2024) or a Sparse RHM (Tomasini &amp; Wyart, ICML 2024):
 * an immutable, validated value. Equal specs generate the same rules and the same data, byte for byte.
 *
 * @param vocabulary  v, the number of symbols at every level
 * @param classes     n_c, the number of classes (root symbols)
 * @param multiplicity m, the number of production rules (synonyms) per symbol
 * @param branching   s, the number of children of a rule
 * @param depth       L, the number of levels
 * @param sparsity    s0, the blank slots added per informative child (0 for the dense RHM)
 * @param placement   the placement law of the informative children ({@link Placement#NONE} iff s0 = 0)
 * @param ruleSeed    seed of the rule tables
 * @param sampleSeed  seed of the data sampling and of the train/test split
 * @param replacement whether data are drawn independently, with replacement (the reference code's
 *                    {@code --replacement}: training and test data may then repeat and overlap), instead of as distinct
 *                    data (the default, the papers' protocol); left out of the JSON when false, so that the keys of
 *                    specs written before it stay
 */
public record Hierarchy(int vocabulary, int classes, int multiplicity, int branching, int depth,
                        int sparsity, Placement placement, long ruleSeed, long sampleSeed,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean replacement) {

    /** Data drawn without replacement (distinct data). */
    public Hierarchy(int vocabulary, int classes, int multiplicity, int branching, int depth,
                     int sparsity, Placement placement, long ruleSeed, long sampleSeed) {
        this(vocabulary, classes, multiplicity, branching, depth, sparsity, placement, ruleSeed, sampleSeed, false);
    }

    public Hierarchy {
        require(placement != null, "placement", "must be NONE, A or B");
        require(vocabulary >= 2, "v", "v = " + vocabulary + " must be ≥ 2");
        require(classes >= 2, "n_c", "n_c = " + classes + " must be ≥ 2");
        require(branching >= 2, "s", "s = " + branching + " must be ≥ 2");
        require(depth >= 1, "L", "L = " + depth + " must be ≥ 1");
        require(multiplicity >= 1, "m", "m = " + multiplicity + " must be ≥ 1");
        require(sparsity >= 0, "s0", "s0 = " + sparsity + " must be ≥ 0");
        require((sparsity == 0) == (placement == Placement.NONE), "placement",
                sparsity == 0 ? "a dense RHM (s0 = 0) has placement NONE, not " + placement
                              : "s0 = " + sparsity + " > 0 needs placement A or B");
        BigInteger tuples = BigInteger.valueOf(vocabulary).pow(branching);
        require(BigInteger.valueOf(classes).multiply(BigInteger.valueOf(multiplicity)).compareTo(tuples) <= 0, "m",
                "n_c·m = " + (long) classes * multiplicity + " > v^s = " + tuples + " (each class needs m distinct s-tuples)");
        require(depth == 1 || BigInteger.valueOf(vocabulary).multiply(BigInteger.valueOf(multiplicity)).compareTo(tuples) <= 0, "m",
                "m = " + multiplicity + " > v^(s-1) = " + BigInteger.valueOf(vocabulary).pow(branching - 1)
                        + " (v·m must not exceed the v^s tuples of a level)");
        BigInteger d = BigInteger.valueOf((long) branching * (sparsity + 1L)).pow(depth);
        require(d.bitLength() < 31, "d", "input length d = (s(s0+1))^L = " + d + " does not fit in an int");
    }

    /** A fluent builder for a dense RHM: {@code Hierarchy.rhm().vocabulary(8).classes(8)...build()}. */
    public static HierarchyBuilder rhm() {
        return new HierarchyBuilder(Placement.NONE);
    }

    /** A fluent builder for a Sparse RHM (placement A unless told otherwise). */
    public static HierarchyBuilder srhm() {
        return new HierarchyBuilder(Placement.A);
    }

    /** Whether blanks are inserted (s0 &gt; 0). */
    public boolean isSparse() {
        return sparsity > 0;
    }

    /** Patch width of one node, s(s0+1): the filter size (= stride) of a tree-matched network. */
    public int patchSize() {
        return branching * (sparsity + 1);
    }

    /** d = (s(s0+1))^L, the number of input positions. */
    public int inputLength() {
        return Math.toIntExact(pow(patchSize(), depth));
    }

    /** s^L, the number of informative input positions. */
    public long informativePositions() {
        return pow(branching, depth);
    }

    /** (s^L − 1)/(s − 1): the informative expanded nodes, each picking a rule (and a placement). */
    public long expandedNodes() {
        return (pow(branching, depth) - 1) / (branching - 1);
    }

    /** Placements per informative node: 1 (dense), (s0+1)^s (A) or C(s(s0+1), s) (B). */
    public long placementsPerNode() {
        return switch (placement) {
            case NONE -> 1;
            case A -> pow(sparsity + 1, branching);
            case B -> binomial(patchSize(), branching);
        };
    }

    /** Choices per informative node: m rules times its placements; the radix of the datum index. */
    public BigInteger choicesPerNode() {
        return BigInteger.valueOf(multiplicity).multiply(BigInteger.valueOf(placementsPerNode()));
    }

    /** P_max, the exact number of distinct data: n_c·(m·placements)^((s^L−1)/(s−1)). */
    public BigInteger maxSamples() {
        return BigInteger.valueOf(classes).multiply(choicesPerNode().pow(Math.toIntExact(expandedNodes())));
    }

    /** n_c·m^L, the sample complexity scale of a deep CNN on the dense RHM (P1). */
    public BigInteger sampleComplexityScale() {
        return BigInteger.valueOf(classes).multiply(BigInteger.valueOf(multiplicity).pow(depth));
    }

    /** (s0+1)^L·n_c·m^L, the scale of a locally connected network on the Sparse RHM (P2). */
    public BigInteger lcnScale() {
        return BigInteger.valueOf(sparsity + 1L).pow(depth).multiply(sampleComplexityScale());
    }

    /** (s0+1)^2·n_c·m^L, the empirical scale of a weight-sharing CNN on the Sparse RHM (P2). */
    public BigInteger cnnScale() {
        return BigInteger.valueOf(sparsity + 1L).pow(2).multiply(sampleComplexityScale());
    }

    /** The token that stands for a blank: v (tokens 0..v−1 are the informative symbols). */
    public int blankToken() {
        return vocabulary;
    }

    /**
     * Training-set sizes log-spaced between {@code from} and {@code to} times n_c·m^L, rounded, distinct and
     * capped at P_max, for learning curves measured in units of the predicted sample complexity.
     */
    public long[] sizesAround(double from, double to, int points) {
        require(from > 0 && to >= from, "sizes", "need 0 < from ≤ to, got from = " + from + ", to = " + to);
        require(points >= 1, "points", "points = " + points + " must be ≥ 1");
        double unit = sampleComplexityScale().doubleValue();
        double cap = maxSamples().doubleValue();
        return java.util.stream.IntStream.range(0, points)
                .mapToDouble(i -> points == 1 ? from : from * Math.pow(to / from, i / (double) (points - 1)))
                .mapToLong(x -> (long) Math.max(1, Math.min(cap, Math.round(x * unit))))
                .distinct().toArray();
    }

    /** A copy with other seeds: the same grammar family, another realisation. */
    public Hierarchy withSeeds(long ruleSeed, long sampleSeed) {
        return new Hierarchy(vocabulary, classes, multiplicity, branching, depth, sparsity, placement, ruleSeed, sampleSeed, replacement);
    }

    /** A copy whose data are drawn with replacement or not ({@link #replacement}). */
    public Hierarchy withReplacement(boolean withReplacement) {
        return new Hierarchy(vocabulary, classes, multiplicity, branching, depth, sparsity, placement, ruleSeed, sampleSeed, withReplacement);
    }

    /** A short human summary: {@code RHM(v=8, n_c=8, m=8, s=2, L=3) d=8 P_max=16777216 n_c·m^L=4096}. */
    public String summary() {
        return name() + " d=" + inputLength() + " P_max=" + maxSamples() + " n_c·m^L=" + sampleComplexityScale();
    }

    /** The task by its parameters, e.g. {@code RHM(v=4, n_c=4, m=4, s=2, L=3)} or {@code SRHM-A(…, s0=1)}: titles and labels. */
    public String name() {
        StringJoiner params = new StringJoiner(", ", family() + "(", ")");
        parameters().forEach((name, value) -> params.add(name + "=" + value));
        return params + (replacement ? " with replacement" : "");
    }

    /** The model, as names and legends call it: {@code RHM}, or {@code SRHM-A} / {@code SRHM-B} by the placement. */
    public String family() {
        return isSparse() ? "SRHM-" + placement : "RHM";
    }

    /**
     * The parameters that define the task, by the names that {@link #name()} and legends give them, in that order:
     * v, n_c, m, s, L, and s0 on a Sparse RHM. Figures ask for them here rather than reading them back out of a name.
     */
    public Map<String, Integer> parameters() {
        Map<String, Integer> p = new LinkedHashMap<>();
        p.put("v", vocabulary);
        p.put("n_c", classes);
        p.put("m", multiplicity);
        p.put("s", branching);
        p.put("L", depth);
        if (isSparse()) p.put("s0", sparsity);
        return Collections.unmodifiableMap(p);
    }

    static long pow(long base, int exp) {
        long r = 1;
        for (int i = 0; i < exp; i++) r = Math.multiplyExact(r, base);
        return r;
    }

    static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }
}
