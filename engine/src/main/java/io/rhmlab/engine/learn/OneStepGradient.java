package io.rhmlab.engine.learn;

import io.rhmlab.dsl.Seeds;

import java.util.SplittableRandom;

/**
 * The two-layer net of the reference learner on one s-patch, and its single full-batch gradient step, in closed
 * form on the JVM (docs/science.md §2.E.5).
 *
 * <p>Net: x = one-hot of the patch's tuple μ (T = a^s entries over an alphabet of a symbols), hidden
 * h = ReLU(W x / v), output f = A h / H, cross-entropy averaged over the P training patches; W ∈ R^{H×T}
 * starts at all ones, A ∈ R^{n_c×H} is i.i.d. N(0, 1) and fixed. The scale 1/v is the reference's (its v² input
 * channels for s = 2 divided by v); it is kept for every s.
 *
 * <p>Derivation of the step: at initialisation every input gives the same pre-activation 1/v &gt; 0, so every
 * hidden unit is active, h = 1/v for all inputs, and the output f0 = A·1/(vH) and p = softmax(f0) are the same
 * for every datum. Hence ∂L/∂W[h, μ] = (1/(P·v·H)) Σ_α A[α, h]·(N(μ)·p_α − N(μ, α)), with N(μ, α) the training
 * count of tuple μ with label α; with lr = η·H one step gives
 * W'[h, μ] = 1 + η/(P·v) · Σ_α A[α, h]·(N(μ, α) − N(μ)·p_α), exactly the autograd step of the reference
 * (up to float rounding), with no network framework needed. Columns of unseen tuples stay at all ones.
 */
final class OneStepGradient {
    private final double inputScale;
    /** A[α][h]: n_c rows of H. */
    private final double[][] readout;
    /** W[μ][h] (column μ of W, stored as a row): T rows of H. */
    private final double[][] columns;

    private OneStepGradient(double inputScale, double[][] readout, double[][] columns) {
        this.inputScale = inputScale;
        this.readout = readout;
        this.columns = columns;
    }

    /** The fixed Gaussian readout A of the reference net, n_c × H, from {@code seed}. */
    static double[][] gaussianReadout(int classes, int width, long seed) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, Seeds.Purpose.LEARNER));
        double[][] a = new double[classes][width];
        for (double[] row : a) for (int h = 0; h < width; h++) row[h] = rng.nextGaussian();
        return a;
    }

    /**
     * One step from all-ones on patches with tuple codes {@code tuple[i]} ∈ [0, T) and labels {@code label[i]}.
     *
     * @param vocabulary v, for the reference's 1/v pre-activation scale
     * @param stepSize   η = lr/H
     */
    static OneStepGradient step(int[] tuple, int[] label, int tuples, int vocabulary, double[][] readout, double stepSize) {
        return step(tuple, label, 1, tuples, vocabulary, readout, stepSize);
    }

    /**
     * The step of the weight-shared variant: {@code tuple} holds {@code patches} consecutive tuple codes per datum
     * (datum i owns entries i·patches ..), the hidden layer is mean-pooled over patches before the readout, so
     * each patch's gradient carries a factor 1/patches.
     */
    static OneStepGradient step(int[] tuple, int[] label, int patches, int tuples, int vocabulary, double[][] readout, double stepSize) {
        int classes = readout.length, width = readout[0].length, p = label.length;
        double scale = 1.0 / vocabulary;
        double[] f0 = new double[classes];
        for (int a = 0; a < classes; a++) {
            double sum = 0;
            for (int h = 0; h < width; h++) sum += readout[a][h];
            f0[a] = sum * scale / width;
        }
        double[] prob = softmax(f0);
        double[][] count = new double[tuples][classes];
        double[] total = new double[tuples];
        for (int i = 0; i < tuple.length; i++) {
            count[tuple[i]][label[i / patches]]++;
            total[tuple[i]]++;
        }
        double factor = p == 0 ? 0 : stepSize / (p * (double) vocabulary * patches);
        double[][] cols = new double[tuples][width];
        for (int mu = 0; mu < tuples; mu++) {
            double[] col = cols[mu];
            java.util.Arrays.fill(col, 1.0);
            if (total[mu] == 0) continue;
            for (int a = 0; a < classes; a++) {
                double g = factor * (count[mu][a] - total[mu] * prob[a]);
                if (g == 0) continue;
                double[] ar = readout[a];
                for (int h = 0; h < width; h++) col[h] += g * ar[h];
            }
        }
        return new OneStepGradient(scale, readout, cols);
    }

    /** Column μ of W after the step (a copy): the point k-means clusters. */
    double[] column(int tuple) {
        return columns[tuple].clone();
    }

    int tuples() {
        return columns.length;
    }

    /** The net's logits A·ReLU(W x / v)/H for the one-hot of tuple μ. */
    double[] logits(int tuple) {
        int classes = readout.length, width = readout[0].length;
        double[] out = new double[classes];
        double[] col = columns[tuple];
        for (int h = 0; h < width; h++) {
            double act = Math.max(0, col[h] * inputScale);
            if (act == 0) continue;
            for (int a = 0; a < classes; a++) out[a] += readout[a][h] * act;
        }
        for (int a = 0; a < classes; a++) out[a] /= width;
        return out;
    }

    /** argmax of {@link #logits}, ties to the smaller class. */
    int predict(int tuple) {
        return argmax(logits(tuple));
    }

    static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : z) max = Math.max(max, x);
        double sum = 0;
        double[] e = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < z.length; i++) e[i] /= sum;
        return e;
    }
}
