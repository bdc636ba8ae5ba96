package io.rhmlab.engine.curve;

import java.util.Arrays;
import java.util.Collection;

/** The small statistics every reading of a curve shares: the median over realisations and a table's cell. */
public final class Stats {
    private Stats() {
    }

    /** The median, NaN entries left out (NaN when none is left). */
    public static double median(double... xs) {
        double[] s = Arrays.stream(xs).filter(x -> !Double.isNaN(x)).sorted().toArray();
        int n = s.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The median of {@code xs}, NaN entries left out (NaN when none is left). */
    public static double median(Collection<Double> xs) {
        return median(xs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The entry (k, ℓ) of a [layer k − 1][level ℓ − 1] table, NaN when the table or the entry is missing. */
    public static double cell(double[][] t, int layer, int level) {
        if (t == null || layer < 1 || layer > t.length || level < 1 || level > t[layer - 1].length) return Double.NaN;
        return t[layer - 1][level - 1];
    }
}
