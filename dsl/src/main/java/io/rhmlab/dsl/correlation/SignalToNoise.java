package io.rhmlab.dsl.correlation;

/**
 * Correlation signal and sampling noise at one training-set size (docs/science.md §2.E.4).
 *
 * @param trainSize        P
 * @param signal           exact variance of f_j(α|μ) around 1/n_c (over valid tuples)
 * @param predictedSignal  v/(n_c²·m^(L−1))
 * @param noise            measured mean squared error of the empirical f̂_j(α|μ) against the exact f_j(α|μ)
 * @param predictedNoise   v·m/(n_c·P)
 * @param empiricalSpread  variance of the empirical f̂_j(α|μ) around 1/n_c (≈ signal + noise)
 */
public record SignalToNoise(double trainSize, double signal, double predictedSignal, double noise,
                            double predictedNoise, double empiricalSpread) {

    /** Whether the correlations can be read from the data: signal above noise. */
    public boolean signalDominates() {
        return signal > noise;
    }
}
