package io.rhmlab.engine.curve;

import java.util.Arrays;
import java.util.Collection;

/** The small statistics every reading of a curve shares: the median over realisations. */
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
}
