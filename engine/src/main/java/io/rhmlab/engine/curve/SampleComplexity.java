package io.rhmlab.engine.curve;

import io.rhmlab.dsl.InvalidSpecException;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The sample complexity P* of docs/science.md §9.6: the P where the piecewise-linear interpolation of the test error
 * ε against log P first falls to the threshold (10% by default), interpolated between grid points rather than
 * snapped to one (§5.11). The same procedure serves sensitivity curves S_{2,1}(P) with their own threshold.
 */
public final class SampleComplexity {

    /** The threshold of the papers: 10% test error. */
    public static final double DEFAULT_THRESHOLD = 0.10;
    /** Bootstrap resamples of the realisations. */
    public static final int BOOTSTRAP_SAMPLES = 2000;
    /** Fixed so that the same curve always reports the same interval. */
    public static final long BOOTSTRAP_SEED = 0x5EED_0F_9A6L;
    /**
     * Realisations needed before P*'s interval is a bootstrap interval; below, it is the min–max range. A percentile
     * bootstrap of the median of 2–4 values only returns their extremes (docs/science.md §9.6), so calling it a 95 %
     * interval would claim a confidence it does not have. Figures, tables and the command line all read this rule.
     */
    public static final int MIN_BOOTSTRAP = 5;

    private SampleComplexity() {
    }

    /**
     * P* of one curve. Points with a NaN value (failed runs) are skipped; the points are taken in increasing P.
     * Walking up in P, the first point at or below the threshold ends the search: if it is the first point, P* is
     * below the range; otherwise log P* is interpolated linearly between it and the point before (which is above).
     */
    public static PStar crossing(long[] sizes, double[] values, double threshold) {
        InvalidSpecException.require(sizes != null && values != null && sizes.length == values.length, "sizes",
                "need one value per size, got " + (sizes == null ? 0 : sizes.length) + " sizes and "
                        + (values == null ? 0 : values.length) + " values");
        InvalidSpecException.require(Double.isFinite(threshold), "threshold", "threshold = " + threshold + " must be finite");
        Integer[] order = IntStream.range(0, sizes.length).filter(i -> !Double.isNaN(values[i])).boxed()
                .sorted(Comparator.comparingLong(i -> sizes[i])).toArray(Integer[]::new);
        for (int i : order) InvalidSpecException.require(sizes[i] >= 1, "sizes", "every P must be ≥ 1, got " + sizes[i]);
        for (int j = 1; j < order.length; j++) {
            InvalidSpecException.require(sizes[order[j]] != sizes[order[j - 1]], "sizes",
                    "P = " + sizes[order[j]] + " appears twice; give one value per P (e.g. the median over seeds)");
        }
        if (order.length == 0) return new PStar(PStar.Outcome.NO_DATA, Double.NaN, "undefined: no finished run");
        String level = fmt(threshold);
        for (int j = 0; j < order.length; j++) {
            int i = order[j];
            if (values[i] > threshold) continue;
            if (j == 0) {
                return new PStar(PStar.Outcome.BELOW_AT_SMALLEST, Double.NaN,
                        "< " + sizes[i] + ": error " + fmt(values[i]) + " ≤ " + level + " already at the smallest P");
            }
            int before = order[j - 1];
            double x0 = Math.log(sizes[before]), x1 = Math.log(sizes[i]);
            double y0 = values[before], y1 = values[i];
            double p = Math.exp(x0 + (y0 - threshold) / (y0 - y1) * (x1 - x0));
            // exp(log P) may land a rounding error away from a grid point; an exact hit must read as that P
            if (y1 == threshold) p = sizes[i];
            return new PStar(PStar.Outcome.CROSSED, p, String.format("error crosses %s between P = %d and %d", level, sizes[before], sizes[i]));
        }
        long last = sizes[order[order.length - 1]];
        return new PStar(PStar.Outcome.NOT_REACHED, Double.NaN,
                "> " + last + ": not reached, error " + fmt(values[order[order.length - 1]]) + " > " + level + " at the largest P");
    }

    /** P* of a curve given as P ↦ value. */
    public static PStar crossing(SortedMap<Long, Double> curve, double threshold) {
        long[] p = curve.keySet().stream().mapToLong(Long::longValue).toArray();
        double[] v = curve.values().stream().mapToDouble(Double::doubleValue).toArray();
        return crossing(p, v, threshold);
    }

    /**
     * The median of per-realisation P* values, realisations below the range counting as smaller and those not
     * reaching the threshold as larger than any P; realisations without data are left out. An even count takes
     * the geometric mean of the middle two, so a middle realisation that never crosses makes the median
     * NOT_REACHED: of 2 realisations, one crossing at P = 500 and one never, the median is "not reached" (half of
     * them need more than the range), while of 4 with one never crossing it is the geometric mean of the 2nd and
     * 3rd. A middle pair below the range and beyond it gives NO_DATA.
     */
    public static PStar median(List<PStar> perSeed) {
        double[] keys = perSeed.stream().mapToDouble(PStar::sortKey).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (keys.length == 0) return new PStar(PStar.Outcome.NO_DATA, Double.NaN, "undefined: no realisation has data");
        return fromKey(medianOfSorted(keys), keys.length);
    }

    /**
     * The interval of P* over realisations that rhmlab reports: from {@value #MIN_BOOTSTRAP} realisations on the
     * percentile {@link #bootstrap bootstrap} of the median at {@code level}; with fewer, the min–max range of the
     * per-realisation P* (0 / +∞ for realisations below / beyond the range). Realisations without data are left out.
     */
    public static Interval interval(List<PStar> perSeed, double level) {
        double[] keys = perSeed.stream().mapToDouble(PStar::sortKey).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (keys.length >= MIN_BOOTSTRAP) return bootstrap(perSeed, level);
        if (keys.length == 0) return new Interval(Double.NaN, Double.NaN, level, Interval.Kind.RANGE, 0);
        return new Interval(keys[0], keys[keys.length - 1], level, Interval.Kind.RANGE, keys.length);
    }

    /**
     * A percentile bootstrap interval of the median over realisations: {@value #BOOTSTRAP_SAMPLES} resamples with
     * replacement, seeded with {@link #BOOTSTRAP_SEED}, nearest-rank quantiles at (1 ± level)/2. A bound is 0
     * where some resamples put P* below the range and +∞ where they put it beyond.
     */
    public static Interval bootstrap(List<PStar> perSeed, double level) {
        InvalidSpecException.require(level > 0 && level < 1, "level", "confidence level = " + level + " must be in (0, 1)");
        double[] keys = perSeed.stream().mapToDouble(PStar::sortKey).filter(x -> !Double.isNaN(x)).toArray();
        if (keys.length == 0) return new Interval(Double.NaN, Double.NaN, level, Interval.Kind.BOOTSTRAP, 0);
        SplittableRandom rng = new SplittableRandom(BOOTSTRAP_SEED);
        double[] medians = new double[BOOTSTRAP_SAMPLES];
        double[] resample = new double[keys.length];
        int kept = 0;
        for (int b = 0; b < BOOTSTRAP_SAMPLES; b++) {
            for (int i = 0; i < keys.length; i++) resample[i] = keys[rng.nextInt(keys.length)];
            Arrays.sort(resample);
            double m = medianOfSorted(resample);
            if (!Double.isNaN(m)) medians[kept++] = m;
        }
        double[] sorted = Arrays.copyOf(medians, kept);
        Arrays.sort(sorted);
        return new Interval(nearestRank(sorted, (1 - level) / 2), nearestRank(sorted, (1 + level) / 2), level,
                Interval.Kind.BOOTSTRAP, keys.length);
    }

    /**
     * An interval of P* in samples, saying what it is.
     *
     * @param lower        0 if P* may lie below the measured range
     * @param upper        +∞ if P* may lie beyond it
     * @param level        the bootstrap's confidence level, e.g. 0.95 (what was asked for; a RANGE ignores it)
     * @param kind         a bootstrap interval of the median, or the min–max range of the realisations
     * @param realisations how many realisations it is over (those with data)
     */
    public record Interval(double lower, double upper, double level, Kind kind, int realisations) {

        public enum Kind { RANGE, BOOTSTRAP }

        public boolean contains(double p) {
            return p >= lower && p <= upper;
        }

        /** What the interval is: "min–max over 2 realisations", "95 % bootstrap over 8 realisations". */
        public String describe() {
            if (realisations <= 1) return realisations == 1 ? "one realisation: no interval" : "no realisation";
            return kind == Kind.RANGE ? "min–max over " + realisations + " realisations"
                    : String.format("%.0f %% bootstrap over %d realisations", 100 * level, realisations);
        }

        @Override
        public String toString() {
            return String.format("[%.4g, %.4g] (%s)", lower, upper, describe());
        }
    }

    private static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        if (n % 2 == 1) return sorted[n / 2];
        double a = sorted[n / 2 - 1], b = sorted[n / 2];
        if (a == b) return a;
        if (a == 0 && b == Double.POSITIVE_INFINITY) return Double.NaN;
        return Math.sqrt(a) * Math.sqrt(b);   // geometric mean: P lives on a log axis; 0·x → 0, x·∞ → ∞
    }

    private static PStar fromKey(double key, int seeds) {
        if (Double.isNaN(key)) {
            return new PStar(PStar.Outcome.NO_DATA, Double.NaN,
                    "undefined: half of the " + seeds + " realisations are below the range, half beyond it");
        }
        if (key == 0) return new PStar(PStar.Outcome.BELOW_AT_SMALLEST, Double.NaN, "below the range in at least half of " + seeds + " realisations");
        if (key == Double.POSITIVE_INFINITY) return new PStar(PStar.Outcome.NOT_REACHED, Double.NaN, "not reached in at least half of " + seeds + " realisations");
        return new PStar(PStar.Outcome.CROSSED, key, "median over " + seeds + " realisations");
    }

    private static double nearestRank(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    private static String fmt(double x) {
        return String.format("%.3g", x);
    }
}
