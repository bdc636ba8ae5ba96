package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;

/**
 * The signal-to-noise argument for the sample complexity of deep networks (docs/science.md §2.E.4): the class–tuple
 * correlations have a signal variance ≈ v/(n_c²·m^(L−1)) over the rules, a sampling noise ≈ v·m/(n_c·P) at
 * P training points, and the two cross at P_c = n_c·m^L.
 */
public final class CorrelationScales {
    private CorrelationScales() {
    }

    /** v/(n_c²·m^(L−1)): the predicted variance of f_j(α|μ) around 1/n_c. */
    public static double predictedSignal(Hierarchy h) {
        return h.vocabulary() / ((double) h.classes() * h.classes() * Math.pow(h.multiplicity(), h.depth() - 1));
    }

    /**
     * v·m/(n_c·P): a valid tuple occurs at a given patch ≈ P/(v·m) times, so its empirical f̂ has a sampling
     * variance ≈ (1/n_c)/(P/(v·m)).
     */
    public static double predictedNoise(Hierarchy h, double trainSize) {
        return h.vocabulary() * (double) h.multiplicity() / (h.classes() * trainSize);
    }

    /** n_c·m^L: where {@link #predictedNoise} equals {@link #predictedSignal}. */
    public static double predictedCrossover(Hierarchy h) {
        return h.classes() * Math.pow(h.multiplicity(), h.depth());
    }

    /** The P at which the predicted noise equals a given (e.g. exact) signal variance: v·m/(n_c·signal). */
    public static double crossover(Hierarchy h, double signalVariance) {
        return h.vocabulary() * (double) h.multiplicity() / (h.classes() * signalVariance);
    }

    /** The signal and noise magnitudes of one training set at one patch, with the exact values they estimate. */
    public static SignalToNoise measure(Hierarchy h, TupleClassCounts exact, TupleClassCounts empirical) {
        double p = empirical.total();
        return new SignalToNoise(p, exact.signalVariance(), predictedSignal(h), empirical.squaredErrorAgainst(exact),
                predictedNoise(h, p), empirical.signalVariance());
    }
}
