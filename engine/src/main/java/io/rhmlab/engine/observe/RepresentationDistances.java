package io.rhmlab.engine.observe;

/**
 * Running sums, per member and representation, from which a sensitivity ratio is formed: Σ_i ‖F0[i] − F'[i]‖²,
 * Σ_i ‖F0[i]‖² and Σ_i F0[i]. The denominator, the mean over all N² ordered pairs (i, j) of ‖F0[i] − F0[j]‖²
 * (pairs with i = j included, as in the reference, hence a factor 1 − 1/N against distinct pairs), equals
 * 2·(⟨‖F0‖²⟩ − ‖⟨F0⟩‖²), so no N² pass is needed and the base can be processed in chunks.
 */
final class RepresentationDistances {
    private final double[] numerator;
    private final double[] squares;
    private final double[][] sums;
    private long rows;

    RepresentationDistances(int members, int features) {
        numerator = new double[members];
        squares = new double[members];
        sums = new double[members][features];
    }

    /** Adds a chunk of b rows: base and perturbed representations, row-major [K, b, F]. */
    void add(float[] base, float[] perturbed, int b) {
        int k = numerator.length, f = sums[0].length;
        for (int m = 0; m < k; m++) {
            double num = 0, sq = 0;
            double[] sum = sums[m];
            for (int i = 0; i < b; i++) {
                int off = (m * b + i) * f;
                for (int j = 0; j < f; j++) {
                    double x = base[off + j];
                    double e = x - perturbed[off + j];
                    num += e * e;
                    sq += x * x;
                    sum[j] += x;
                }
            }
            numerator[m] += num;
            squares[m] += sq;
        }
        rows += b;
    }

    /**
     * Per member: mean ‖F0 − F'‖² over the mean pair distance. A representation that the perturbation leaves
     * unchanged has sensitivity 0, also when it does not depend on the input at all (0/0, e.g. a constant
     * network); a non-zero numerator over a zero denominator gives +∞.
     */
    double[] ratios() {
        double[] out = new double[numerator.length];
        for (int m = 0; m < out.length; m++) {
            double num = numerator[m] / rows;
            double meanSq = 0;
            for (double x : sums[m]) meanSq += (x / rows) * (x / rows);
            double den = 2 * Math.max(0, squares[m] / rows - meanSq);
            out[m] = num == 0 ? 0 : num / den;
        }
        return out;
    }
}
