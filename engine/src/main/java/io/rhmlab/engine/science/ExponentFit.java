package io.rhmlab.engine.science;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The exponent a of a power law y ∝ x^a measured over realisations: for each realisation (seed) the least-squares
 * slope of ln y against ln x over the swept parameter values, then the median slope over realisations with an
 * interval — the min–max range below {@value #MIN_BOOTSTRAP} realisations, from then on the 95 % percentile
 * bootstrap of the median (the same rule as P*'s interval, {@link io.rhmlab.engine.curve.SampleComplexity}).
 *
 * <p><b>When the law holds.</b> A realisation without a finite, positive y at every x (its P* not reached, or below
 * the grid) has no slope, and then the law is not decided: {@link #holds()} is false. Otherwise the law holds when
 * the predicted exponent lies inside the interval, <em>or</em> when the median slope is within {@code tolerance}
 * (relative) of it. The second clause is there because the interval over 3–4 realisations can be narrower than
 * the known drift of the prefactor C of P* = C·(scale) with the parameter (C moves from about 2 to about 3 over
 * the calibrated range, docs/science.md §2.E.6 and §3.E.1); a sweep over a factor 2–3 in the parameter turns that
 * into an error of about 0.2–0.4 on the exponent. Both numbers are printed, so a reader sees which clause decided.
 *
 * @param x          the parameter values (all &gt; 0, at least two distinct)
 * @param y          y[seed][i] at x[i]; NaN where the realisation has no value
 * @param predicted  the predicted exponent
 * @param tolerance  the relative tolerance of the second clause (e.g. 0.2)
 * @param slopes     per realisation, its slope (NaN when it has no value at some x)
 * @param median     the median of the finite slopes (NaN when none)
 * @param lower      the interval's lower end
 * @param upper      the interval's upper end
 * @param bootstrap  whether the interval is a bootstrap interval (else the min–max range)
 */
public record ExponentFit(double[] x, double[][] y, double predicted, double tolerance, double[] slopes,
                          double median, double lower, double upper, boolean bootstrap) {

    /** Realisations needed before the interval is a bootstrap interval: P*'s own rule, one constant. */
    public static final int MIN_BOOTSTRAP = io.rhmlab.engine.curve.SampleComplexity.MIN_BOOTSTRAP;
    static final int BOOTSTRAP_SAMPLES = io.rhmlab.engine.curve.SampleComplexity.BOOTSTRAP_SAMPLES;
    static final long BOOTSTRAP_SEED = io.rhmlab.engine.curve.SampleComplexity.BOOTSTRAP_SEED;
    /** The default relative tolerance of the second clause of {@link #holds()}. */
    public static final double DEFAULT_TOLERANCE = 0.2;

    /** Fits y[seed][·] ∝ x^a for each realisation. */
    public static ExponentFit of(double[] x, double[][] y, double predicted, double tolerance) {
        if (x.length < 2) throw new IllegalArgumentException("need at least two parameter values, got " + x.length);
        for (double xi : x) if (!(xi > 0)) throw new IllegalArgumentException("parameter values must be > 0, got " + xi);
        if (Arrays.stream(x).distinct().count() < 2) throw new IllegalArgumentException("need two distinct parameter values");
        for (double[] row : y) {
            if (row.length != x.length) throw new IllegalArgumentException("need one y per x in every realisation");
        }
        double[] slopes = new double[y.length];
        for (int s = 0; s < y.length; s++) slopes[s] = slope(x, y[s]);
        double[] finite = Arrays.stream(slopes).filter(Double::isFinite).sorted().toArray();
        double med = finite.length == 0 ? Double.NaN : median(finite);
        double lo, hi;
        boolean boot = finite.length >= MIN_BOOTSTRAP;
        if (finite.length == 0) {
            lo = hi = Double.NaN;
        } else if (!boot) {
            lo = finite[0];
            hi = finite[finite.length - 1];
        } else {
            double[] b = bootstrapMedians(finite);
            lo = b[(int) Math.max(0, Math.ceil(0.025 * b.length) - 1)];
            hi = b[(int) Math.min(b.length - 1, Math.ceil(0.975 * b.length) - 1)];
        }
        return new ExponentFit(x.clone(), deepCopy(y), predicted, tolerance, slopes, med, lo, hi, boot);
    }

    /** The least-squares slope of ln y against ln x; NaN when some y is not finite and positive. */
    static double slope(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            if (!(y[i] > 0) || !Double.isFinite(y[i])) return Double.NaN;
            mx += Math.log(x[i]);
            my += Math.log(y[i]);
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            sxy += dx * (Math.log(y[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    /** Realisations with a slope. */
    public int fitted() {
        return (int) Arrays.stream(slopes).filter(Double::isFinite).count();
    }

    /** Whether every realisation has a slope (a P* at every parameter value). */
    public boolean complete() {
        return slopes.length > 0 && fitted() == slopes.length;
    }

    /** Whether the predicted exponent lies inside the interval. */
    public boolean insideInterval() {
        return complete() && predicted >= lower && predicted <= upper;
    }

    /** Whether the median slope is within the relative tolerance of the prediction. */
    public boolean withinTolerance() {
        return complete() && Math.abs(median - predicted) <= tolerance * Math.abs(predicted);
    }

    /** The verdict: every realisation fitted, and the prediction inside the interval or within the tolerance. */
    public boolean holds() {
        return insideInterval() || withinTolerance();
    }

    /** Whether {@code other} (a competing exponent) is excluded: outside the interval and beyond the tolerance. */
    public boolean excludes(double other) {
        return complete() && (other < lower || other > upper) && Math.abs(median - other) > tolerance * Math.abs(other);
    }

    /** "2.91 [2.55, 3.30] (min–max over 3 realisations)". */
    public String describe() {
        if (fitted() == 0) return "no realisation has P* at every value";
        String kind = bootstrap ? "95 % bootstrap over " + fitted() + " realisations"
                : fitted() == 1 ? "one realisation: no interval" : "min–max over " + fitted() + " realisations";
        String missing = complete() ? "" : "; " + (slopes.length - fitted()) + " of " + slopes.length + " realisations lack a P*";
        return String.format("%.2f [%.2f, %.2f] (%s%s)", median, lower, upper, kind, missing);
    }

    /** The criterion in words, with which clause decided. */
    public String verdictReason() {
        if (!complete()) return "not decided: some realisation has no P* at some value";
        List<String> parts = new ArrayList<>();
        parts.add((insideInterval() ? "inside" : "outside") + " the interval");
        parts.add(String.format("|median − %.3g| = %.2f %s %.0f %% of %.3g", predicted, Math.abs(median - predicted),
                withinTolerance() ? "≤" : ">", 100 * tolerance, Math.abs(predicted)));
        return String.join("; ", parts);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static double[] bootstrapMedians(double[] values) {
        SplittableRandom rng = new SplittableRandom(BOOTSTRAP_SEED);
        double[] out = new double[BOOTSTRAP_SAMPLES];
        double[] r = new double[values.length];
        for (int b = 0; b < BOOTSTRAP_SAMPLES; b++) {
            for (int i = 0; i < r.length; i++) r[i] = values[rng.nextInt(values.length)];
            Arrays.sort(r);
            out[b] = median(r);
        }
        Arrays.sort(out);
        return out;
    }

    private static double[][] deepCopy(double[][] y) {
        double[][] c = new double[y.length][];
        for (int i = 0; i < y.length; i++) c[i] = y[i].clone();
        return c;
    }
}
