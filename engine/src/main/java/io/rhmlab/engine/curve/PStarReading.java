package io.rhmlab.engine.curve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/**
 * The sample complexity P* of a learning curve, as rhmlab reports it everywhere (grid, search, command line, JSON,
 * figures, notebooks; docs/science.md "P* and its interval"): each realisation's own crossing of the threshold, read
 * on its own points by {@link SampleComplexity#crossing}, and <b>their median</b> with an interval over realisations
 * ({@link SampleComplexity#interval}: the min–max range below {@value SampleComplexity#MIN_BOOTSTRAP} realisations,
 * the 95 % percentile bootstrap of the median from there on).
 *
 * <p>Why the median of per-realisation P*, not the crossing of the median curve: it is a statistic of P* itself, so its
 * interval says how P* varies across grammars, data and initialisations, and it does not depend on which realisations
 * were trained at which P (the median curve of a search or of a store with uneven points mixes realisations from one P
 * to the next). The crossing of the per-P median curve, over the P that every realisation has, is kept as a named
 * secondary reading, {@link #ofMedianCurve()}; on dense grids of monotone curves the two agree closely.
 *
 * <p>{@code recrossings} are the P where the median curve is back above the threshold after its first crossing,
 * {@code seedsRecrossing} how many realisations do so on their own (P* is always the first crossing).
 *
 * @param criterion      the threshold and the error metric
 * @param median         the median over realisations (the P*)
 * @param interval       its interval over realisations, saying what it is
 * @param seeds          the realisations with data, increasing
 * @param perSeed        P* of each of {@code seeds}, in the same order
 * @param ofMedianCurve  the secondary reading: where the curve of per-P median errors crosses the threshold
 * @param recrossings    P where the median curve is above the threshold again after its first crossing
 * @param seedsRecrossing realisations whose own curve does so
 */
public record PStarReading(PStarCriterion criterion, PStar median, SampleComplexity.Interval interval, List<Integer> seeds,
                           List<PStar> perSeed, PStar ofMedianCurve, List<Long> recrossings, int seedsRecrossing) {

    public PStarReading {
        seeds = List.copyOf(seeds);
        perSeed = List.copyOf(perSeed);
        recrossings = List.copyOf(recrossings);
    }

    /** The reading of a curve given its per-P median and each realisation's curve (P ↦ error, no NaN). */
    static PStarReading of(PStarCriterion criterion, SortedMap<Long, Double> median, Map<Integer, SortedMap<Long, Double>> perSeedCurves) {
        List<PStar> perSeed = new ArrayList<>();
        List<Integer> seeds = new ArrayList<>();
        int recrossing = 0;
        for (Map.Entry<Integer, SortedMap<Long, Double>> c : perSeedCurves.entrySet()) {
            seeds.add(c.getKey());
            perSeed.add(SampleComplexity.crossing(c.getValue(), criterion.threshold()));
            if (!recrossings(c.getValue(), criterion.threshold()).isEmpty()) recrossing++;
        }
        PStar ofMedian = median.isEmpty() ? new PStar(PStar.Outcome.NO_DATA, Double.NaN, "undefined: no finished run")
                : SampleComplexity.crossing(median, criterion.threshold());
        return new PStarReading(criterion, SampleComplexity.median(perSeed), SampleComplexity.interval(perSeed, 0.95), seeds,
                perSeed, ofMedian, recrossings(median, criterion.threshold()), recrossing);
    }

    /** The test-error level of P*. */
    public double threshold() {
        return criterion.threshold();
    }

    /** Final or best test error. */
    public ErrorMetric metric() {
        return criterion.metric();
    }

    /** Whether the median crossed the threshold inside the measured range. */
    public boolean crossed() {
        return median.outcome() == PStar.Outcome.CROSSED;
    }

    /** P* in samples (NaN unless crossed). */
    public double value() {
        return median.samples();
    }

    /** The interval's lower bound (0: P* may lie below the measured range). */
    public double lower() {
        return interval.lower();
    }

    /** The interval's upper bound (+∞: P* may lie beyond the measured range). */
    public double upper() {
        return interval.upper();
    }

    /** Realisations with data. */
    public int realisations() {
        return interval.realisations();
    }

    /** Whether the median curve crosses the threshold more than once (it rises above it again). */
    public boolean nonMonotone() {
        return !recrossings.isEmpty();
    }

    /** P* of realisation {@code seed} (NO_DATA when it has none). */
    public PStar ofSeed(int seed) {
        int i = seeds.indexOf(seed);
        return i < 0 ? new PStar(PStar.Outcome.NO_DATA, Double.NaN, "undefined: realisation " + seed + " has no data") : perSeed.get(i);
    }

    /** What the interval is, for legends: "min–max over 2 realisations", "95 % bootstrap over 8 realisations". */
    public String intervalLabel() {
        return interval.describe();
    }

    /*
     * The texts of P* for people. Every place that shows a P* (command line, figures, notebooks, samples) asks for
     * them here, so that a figure says what the command printed for the same curve. They differ only in how much they
     * say and in how numbers are written, which each caller passes.
     */

    /** "P* = 462 = 1.81 n_c·m^L", or "P* not reached in at least half of 2 realisations" ({@link PStar#label}). */
    public String label(double unit, String unitName) {
        return median.label(unit, unitName);
    }

    /**
     * With the interval, numbers written by {@code number}: "P* = 462 [440, 486] (min–max over 2 realisations) =
     * 1.81 n_c·m^L", or "P* not reached in at least half of 2 realisations". The figures' subtitles.
     */
    public String labelWithInterval(double unit, String unitName, DoubleFunction<String> number) {
        if (!crossed()) return "P* " + median.reason();
        return "P* = " + number.apply(value()) + " " + intervalText(number) + " = " + number.apply(value() / unit) + " " + unitName;
    }

    /**
     * The command line's line: "P* = 1130, min–max over 2 realisations [980, 1300]; P*&#47;(n_c·m^L) = 4.41 at final
     * test error 0.1, median of 2 realisations' own P*", or why there is none.
     */
    public String commandLine(double unit, String unitName) {
        String at = " at " + criterion + ", median of " + perSeed.size() + " realisations' own P*";
        if (!crossed()) return "P* " + median.reason() + at;
        return String.format("P* = %.4g, %s [%.4g, %.4g]; P*/(%s) = %.3g%s", value(), intervalLabel(), lower(), upper(),
                unitName, value() / unit, at);
    }

    /** "[440, 486] (min–max over 2 realisations)", or "(one realisation)": no interval to give. */
    public String intervalText(DoubleFunction<String> number) {
        return realisations() <= 1 ? "(one realisation)" : "[" + number.apply(lower()) + ", " + number.apply(upper()) + "] (" + intervalLabel() + ")";
    }

    /** "440–486 (min–max over 2 realisations)", or "one realisation": the interval where a point is hovered. */
    public String intervalRange(DoubleFunction<String> number) {
        return realisations() <= 1 ? "one realisation" : number.apply(lower()) + "–" + number.apply(upper()) + " (" + intervalLabel() + ")";
    }

    /**
     * What a bar drawn for the interval is, whatever the number of realisations: "min–max over realisations" or
     * "95 % bootstrap interval"; empty with one realisation, which draws none.
     */
    public String intervalKind() {
        if (realisations() <= 1) return "";
        return interval.kind() == SampleComplexity.Interval.Kind.RANGE ? "min–max over realisations"
                : String.format("%.0f %% bootstrap interval", 100 * interval.level());
    }

    /** "; non-monotone: back above ε at P = 800, 1600 (P* = first crossing)", or nothing when the median curve stays below. */
    public String nonMonotoneNote() {
        if (!nonMonotone()) return "";
        return "; non-monotone: back above ε at P = " + recrossings.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " (P* = first crossing)";
    }

    /**
     * One line for people: "P* = 473 [420, 530] (min–max over 3 realisations) at final test error 0.1", or why there is
     * none. The JSON's text and the notebooks' printouts say it so.
     */
    @Override
    public String toString() {
        String at = " at " + criterion;
        if (!crossed()) return "P* " + median.reason() + at;
        return "P* = " + FOUR_DIGITS.apply(value()) + " " + intervalText(FOUR_DIGITS) + at;
    }

    private static final DoubleFunction<String> FOUR_DIGITS = x -> String.format("%.4g", x);

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
