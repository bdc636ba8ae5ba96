package io.rhmlab.engine.curve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The decisions of the P* search, from the median errors known so far: which P to train next, or why to stop.
 * Pure (no training, no store), so the logic is tested on its own. docs/science.md §9.6.
 *
 * <p>The crossing is read as on a grid ({@link SampleComplexity#crossing}): walking up in P, the first point at or
 * below the threshold is the upper end hi of the bracket and the point before it the lower end lo. A later point
 * that rises above the threshold again (a non-monotone median, e.g. one unlucky seed) is ignored, exactly as
 * the grid's reading ignores it; so a search and a grid over the same points report the same P*.
 *
 * <p>Refining a bracket of log-width w = ln(hi/lo) with t = ln(1 + tolerance): the next points are placed
 * around the predicted crossing ĉ, the interpolation of ln ε against ln P (a power law ε ∝ P^−α between lo and
 * hi). That is not P*'s own reading (linear in ε, as on a grid): near P* the median error falls like a sigmoid
 * in ln P, whose upper half is convex, so the linear interpolation from a wide bracket lands too high, by 15–22 %
 * from the first bracket on the curves of {@code bench pstar}, and the next round misses; ln ε lands 5–8 % low
 * there instead. That bias has a reason: for a logistic ε(ln P) = A/(1 + e^{k(ln P − x0)}), ln ε is concave in ln P,
 * so its chord crosses the threshold before the curve does and ĉ is a lower estimate of the crossing. The points are
 * therefore aimed a quarter step above it, at ĉ' = ĉ + t/4 (two points then span [ĉ − t/4, ĉ + 3t/4]: −3 % to +11 %
 * at tolerance 0.15, around a crossing that lies at or above ĉ). A median of 0 at hi is read as
 * {@link #ERROR_FLOOR}·threshold (a test set bounds the error it can see from below, not the curve):
 * <ul>
 *   <li>w ≤ 2t: one point, as near ĉ' as keeps both halves at most t wide — this round resolves;</li>
 *   <li>w ≤ 3t: two points t apart around ĉ', placed so that all three parts are at most t wide — this round resolves;</li>
 *   <li>wider: two points t apart around ĉ' (if the crossing lies within [ĉ − t/4, ĉ + 3t/4], this round resolves),
 *       with ĉ' kept in the middle half of the bracket, since no interpolation between far-apart points is to be
 *       trusted far out; so every round at least cuts the bracket to about three quarters.</li>
 * </ul>
 * Not yet bracketed: the first round tries start·firstFrom and start·firstTo; while every median is above the
 * threshold the search goes up (×2 and ×4 the largest P: above P* members converge in few epochs), while every
 * median is at or below it, down one point at a time (÷2: below P* members run to the epoch cap).
 *
 * <p>The planner is its settings: those of {@link SampleComplexitySearch} it reads, the start resolved, and the
 * sizes [minSize, maxSize] the search may train.
 */
record SearchPlanner(double threshold, double tolerance, long start, double firstFrom, double firstTo, long minSize,
                     long maxSize) {

    /** What to do next: train {@code sizes}, or stop with {@code stop}. */
    record Step(List<Long> sizes, SampleComplexitySearchResult.Outcome stop, long lower, long upper) {
        boolean stops() {
            return stop != null;
        }
    }

    /**
     * The smallest median error, as a fraction of the threshold, that the ln ε interpolation takes at face value:
     * below it (0 on a finite test set) ln ε carries no information about where the threshold is crossed.
     */
    static final double ERROR_FLOOR = 0.1;

    /** Rounding to integer P may widen a part slightly: aim a little inside the tolerance. */
    private static final double MARGIN = 0.98;

    /**
     * The next step, given P ↦ median error of every P evaluated or stored (NaN: every run failed) and the P this
     * search has already tried (never proposed again, so failed points cannot loop).
     */
    Step next(SortedMap<Long, Double> median, Set<Long> tried) {
        TreeMap<Long, Double> known = new TreeMap<>();
        for (Map.Entry<Long, Double> e : median.entrySet()) {
            if (!Double.isNaN(e.getValue()) && e.getKey() >= minSize && e.getKey() <= maxSize) known.put(e.getKey(), e.getValue());
        }
        if (known.isEmpty()) return propose(List.of(Math.round(start * firstFrom), Math.round(start * firstTo)), median, tried, 0, 0);
        Long hi = null;
        for (Map.Entry<Long, Double> e : known.entrySet()) {
            if (e.getValue() <= threshold) {
                hi = e.getKey();
                break;
            }
        }
        if (hi == null) {
            long top = known.lastKey();
            if (top >= maxSize) return stop(SampleComplexitySearchResult.Outcome.NOT_REACHED, top, 0);
            return propose(List.of(2 * top, 4 * top), median, tried, top, 0);
        }
        Long lo = known.lowerKey(hi);
        if (lo == null) {
            if (hi <= minSize) return stop(SampleComplexitySearchResult.Outcome.BELOW_RANGE, 0, hi);
            return propose(List.of(hi / 2), median, tried, 0, hi);
        }
        if (hi <= lo * (1 + tolerance) || hi - lo <= 1) return stop(SampleComplexitySearchResult.Outcome.RESOLVED, lo, hi);
        return propose(refine(lo, known.get(lo), hi, known.get(hi)), median, tried, lo, hi);
    }

    /** Interior points of the bracket (lo, hi), per the rules in the class comment. */
    List<Long> refine(long lo, double errLo, long hi, double errHi) {
        double w = Math.log((double) hi / lo);
        double t = Math.log(1 + tolerance) * MARGIN;
        double c = crossing(errLo, errHi) * w + t / 4;
        List<Double> offsets = new ArrayList<>();
        if (w <= 2 * t) {
            offsets.add(clamp(c, w - t, t));
        } else if (w <= 3 * t) {
            double a = clamp(c - t / 2, w - 2 * t, t);
            offsets.add(a);
            offsets.add(a + t);
        } else {
            double mid = clamp(c, w / 4, 3 * w / 4);
            offsets.add(mid - t / 2);
            offsets.add(mid + t / 2);
        }
        List<Long> out = new ArrayList<>();
        for (double o : offsets) {
            long p = Math.round(lo * Math.exp(o));
            if (p > lo && p < hi) out.add(p);
        }
        return out;
    }

    /**
     * Where in the bracket, as a fraction of its log-width, ln ε crosses ln threshold on the straight line
     * between (ln lo, ln errLo) and (ln hi, ln errHi); errHi ≤ threshold < errLo, so the fraction is in (0, 1].
     */
    double crossing(double errLo, double errHi) {
        double floor = ERROR_FLOOR * threshold;
        return Math.log(errLo / threshold) / Math.log(errLo / Math.max(errHi, floor));
    }

    private Step propose(List<Long> candidates, SortedMap<Long, Double> known, Set<Long> tried, long lower, long upper) {
        TreeSet<Long> out = new TreeSet<>();
        for (long p : candidates) {
            long q = Math.max(minSize, Math.min(maxSize, p));
            if (!tried.contains(q) && !known.containsKey(q)) out.add(q);
        }
        if (out.isEmpty()) return stop(SampleComplexitySearchResult.Outcome.UNRESOLVED, lower, upper);
        return new Step(List.copyOf(out), null, lower, upper);
    }

    private static Step stop(SampleComplexitySearchResult.Outcome outcome, long lower, long upper) {
        return new Step(List.of(), outcome, lower, upper);
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
