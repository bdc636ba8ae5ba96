package io.rhmlab.engine.observe;

/**
 * Sensitivities of every member of an ensemble (docs/science.md §2.D, §3.D): value(member, k, ℓ) for representation
 * k = 1..depth (hidden layers, post-ReLU) and k = depth + 1 (the output logits), and perturbation level
 * ℓ = 1..L (1 = input tuples, L = the top tuple).
 *
 * @param kind   what was perturbed ("synonyms" for S_{k,ℓ}, "diffeo" for D_{k,ℓ}, "noise" for the
 *               Gaussian-noise sensitivity G_k, which has a single "level")
 * @param values [member][k − 1][ℓ − 1]
 */
public record SensitivityTable(String kind, double[][][] values) {

    public SensitivityTable {
        double[][][] copy = new double[values.length][][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = new double[values[i].length][];
            for (int k = 0; k < values[i].length; k++) copy[i][k] = values[i][k].clone();
        }
        values = copy;
    }

    @Override
    public double[][][] values() {
        return new SensitivityTable(kind, values).values;
    }

    /** S_{k,ℓ} (or D_{k,ℓ}) of one member; k = layers() is the output. */
    public double value(int member, int layer, int level) {
        return values[member][layer - 1][level - 1];
    }

    public int members() {
        return values.length;
    }

    /** Hidden layers + 1 (the output). */
    public int layers() {
        return values[0].length;
    }

    public int levels() {
        return values[0][0].length;
    }

    /** The mean over members of value(·, k, ℓ). */
    public double mean(int layer, int level) {
        double s = 0;
        for (int i = 0; i < values.length; i++) s += value(i, layer, level);
        return s / values.length;
    }

    /** The entry (k, ℓ) of one member's [layer k − 1][level ℓ − 1] table, NaN when the table or the entry is missing. */
    public static double cell(double[][] t, int layer, int level) {
        if (t == null || layer < 1 || layer > t.length || level < 1 || level > t[layer - 1].length) return Double.NaN;
        return t[layer - 1][level - 1];
    }
}
