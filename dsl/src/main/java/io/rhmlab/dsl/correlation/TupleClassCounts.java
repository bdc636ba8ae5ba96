package io.rhmlab.dsl.correlation;

import java.util.Arrays;

/**
 * Class–tuple co-occurrences at one input patch (docs/science.md §2.D, §2.E.4): N_j(μ, α), the number of data of
 * class α whose j-th input s-patch is the tuple μ, for every tuple code μ ∈ [0, v^s) (code base v, child 0 most
 * significant, as in {@link io.rhmlab.dsl.grammar.Rules#tupleCode}) and class α ∈ [0, n_c).
 *
 * <p>Counts are doubles: the exact counts over all P_max data exceed a long for moderate hierarchies, and the
 * observables below only need ratios of them.
 *
 * @param patch   j, the patch index (input positions j·s .. j·s + s − 1)
 * @param tuples  v^s, the number of tuple codes
 * @param classes n_c
 * @param counts  N_j(μ, α) at index μ·n_c + α
 */
public record TupleClassCounts(int patch, int tuples, int classes, double[] counts) {

    public TupleClassCounts {
        if (counts.length != (long) tuples * classes)
            throw new IllegalArgumentException("counts hold " + counts.length + " entries, not v^s·n_c = " + tuples + "·" + classes);
        counts = counts.clone();
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }

    /** N_j(μ, α). */
    public double count(int tuple, int cls) {
        return counts[tuple * classes + cls];
    }

    /** Σ_α N_j(μ, α): how often the tuple occurs at this patch. */
    public double tupleTotal(int tuple) {
        double n = 0;
        for (int a = 0; a < classes; a++) n += counts[tuple * classes + a];
        return n;
    }

    /** Σ_{μ, α} N_j(μ, α): the number of data counted. */
    public double total() {
        return Arrays.stream(counts).sum();
    }

    /** Whether μ occurs at this patch (a valid tuple for exact counts, a seen one for empirical counts). */
    public boolean occurs(int tuple) {
        return tupleTotal(tuple) > 0;
    }

    /** The number of tuples that occur. */
    public int occurringTuples() {
        int n = 0;
        for (int mu = 0; mu < tuples; mu++) if (occurs(mu)) n++;
        return n;
    }

    /** f_j(α|μ) = N_j(μ, α) / Σ_α' N_j(μ, α'); NaN when μ does not occur. */
    public double frequency(int cls, int tuple) {
        double n = tupleTotal(tuple);
        return n > 0 ? count(tuple, cls) / n : Double.NaN;
    }

    /**
     * The signal magnitude: the variance of f_j(α|μ) around 1/n_c, i.e. the mean over occurring tuples μ and all
     * classes α of (f_j(α|μ) − 1/n_c)². Every μ weighs the same (a property of the rules, not of how often μ
     * is drawn); the mean over α of f_j(α|μ) is exactly 1/n_c, so this is a variance. Predicted ≈
     * v/(n_c²·m^(L−1)) for exact counts ({@link CorrelationScales#predictedSignal}).
     */
    public double signalVariance() {
        double sum = 0;
        int n = 0;
        double uniform = 1.0 / classes;
        for (int mu = 0; mu < tuples; mu++) {
            double tot = tupleTotal(mu);
            if (tot <= 0) continue;
            for (int a = 0; a < classes; a++) {
                double dev = counts[mu * classes + a] / tot - uniform;
                sum += dev * dev;
            }
            n += classes;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The sampling noise of these (empirical) counts against the exact ones: the mean over the tuples that occur
     * here and all classes of (f̂_j(α|μ) − f_j(α|μ))². Predicted ≈ v·m/(n_c·P)
     * ({@link CorrelationScales#predictedNoise}).
     */
    public double squaredErrorAgainst(TupleClassCounts exact) {
        if (exact.tuples != tuples || exact.classes != classes)
            throw new IllegalArgumentException("counts of different shapes: v^s·n_c = " + tuples + "·" + classes
                    + " vs " + exact.tuples + "·" + exact.classes);
        double sum = 0;
        int n = 0;
        for (int mu = 0; mu < tuples; mu++) {
            double tot = tupleTotal(mu);
            if (tot <= 0) continue;
            double exactTot = exact.tupleTotal(mu);
            if (exactTot <= 0)
                throw new IllegalArgumentException("tuple " + mu + " occurs at patch " + patch + " here but cannot be generated");
            for (int a = 0; a < classes; a++) {
                double dev = count(mu, a) / tot - exact.count(mu, a) / exactTot;
                sum += dev * dev;
            }
            n += classes;
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
