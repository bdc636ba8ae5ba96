package io.rhmlab.engine.curve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * P* of a curve as a figure shows it (docs/science.md §9.6): the median over realisations with an interval
 * [lower, upper] (0 / ∞ bounds = outside the measured range) that says what it is. From {@value #MIN_BOOTSTRAP}
 * realisations on it is the 95 % percentile bootstrap of the median; below that a bootstrap of 2–4 values is only
 * their range in disguise, so the interval is the min–max range and is labelled so. {@code recrossings} are the P
 * where the median curve is back above the threshold after its first crossing (P* is that first crossing),
 * {@code seedsRecrossing} how many realisations do so on their own.
 *
 * @param threshold    the test-error level, e.g. 0.10
 * @param median       the median over realisations
 * @param perSeed      P* of each realisation, in increasing seed
 * @param realisations realisations with data
 */
public record PStarReading(double threshold, PStar median, double lower, double upper, List<PStar> perSeed,
                           Interval interval, int realisations, List<Long> recrossings, int seedsRecrossing) {

    /** Realisations needed before a bootstrap interval is drawn instead of the min–max range. */
    public static final int MIN_BOOTSTRAP = 5;

    /** What the interval is. */
    public enum Interval { RANGE, BOOTSTRAP_95 }

    public PStarReading {
        perSeed = List.copyOf(perSeed);
        recrossings = List.copyOf(recrossings);
    }

    /** The reading of a curve given its per-P median and each realisation's curve (P ↦ test error, no NaN). */
    static PStarReading of(double threshold, SortedMap<Long, Double> median, Map<Integer, SortedMap<Long, Double>> perSeedCurves) {
        List<PStar> perSeed = new ArrayList<>();
        int recrossing = 0;
        for (SortedMap<Long, Double> c : perSeedCurves.values()) {
            perSeed.add(SampleComplexity.crossing(c, threshold));
            if (!recrossings(c, threshold).isEmpty()) recrossing++;
        }
        PStar m = SampleComplexity.median(perSeed);
        double[] keys = perSeed.stream().mapToDouble(PStar::sortKey).filter(x -> !Double.isNaN(x)).toArray();
        List<Long> back = recrossings(median, threshold);
        if (keys.length < MIN_BOOTSTRAP) {
            double lo = keys.length == 0 ? Double.NaN : java.util.Arrays.stream(keys).min().orElseThrow();
            double hi = keys.length == 0 ? Double.NaN : java.util.Arrays.stream(keys).max().orElseThrow();
            return new PStarReading(threshold, m, lo, hi, perSeed, Interval.RANGE, keys.length, back, recrossing);
        }
        SampleComplexity.Interval b = SampleComplexity.bootstrap(perSeed, 0.95);
        return new PStarReading(threshold, m, b.lower(), b.upper(), perSeed, Interval.BOOTSTRAP_95, keys.length, back, recrossing);
    }

    /** Whether the median crossed the threshold inside the measured range. */
    public boolean crossed() {
        return median.outcome() == PStar.Outcome.CROSSED;
    }

    /** P* in samples (NaN unless crossed). */
    public double value() {
        return median.samples();
    }

    /** Whether the median curve crosses the threshold more than once (it rises above it again). */
    public boolean nonMonotone() {
        return !recrossings.isEmpty();
    }

    /** What the interval is, for legends: "min–max over 2 realisations", "95 % bootstrap over 8 realisations". */
    public String intervalLabel() {
        if (realisations <= 1) return "one realisation: no interval";
        return interval == Interval.RANGE ? "min–max over " + realisations + " realisations"
                : "95 % bootstrap over " + realisations + " realisations";
    }

    /** The P (in increasing order) where {@code curve} is above the threshold again after having reached it. */
    private static List<Long> recrossings(SortedMap<Long, Double> curve, double threshold) {
        boolean reached = false;
        List<Long> out = new ArrayList<>();
        for (Map.Entry<Long, Double> e : curve.entrySet()) {
            if (e.getValue().isNaN()) continue;
            if (e.getValue() <= threshold) reached = true;
            else if (reached) out.add(e.getKey());
        }
        return out;
    }
}
