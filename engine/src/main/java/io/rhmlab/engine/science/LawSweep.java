package io.rhmlab.engine.science;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.curve.CurveMember;
import io.rhmlab.engine.curve.ErrorMetric;
import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.curve.PStarCriterion;
import io.rhmlab.engine.curve.PStarReading;
import io.rhmlab.engine.curve.SampleComplexity;
import io.rhmlab.engine.train.Status;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the law sweeps share ({@code rhm-cnn-m}, {@code rhm-cnn-nc}, {@code rhm-cnn-depth}, {@code rhm-fcn-pmax},
 * {@code srhm-s0}, {@code srhm-invariance}): one learning curve per task of a sweep, on a grid placed in units of
 * the scale the law predicts, read with the project's one P* ({@link LearningCurveResult#pStarReading}: 10 %
 * final test error, per realisation, median and min–max / bootstrap interval), and the members that stopped at
 * the epoch cap counted, since such a member did not follow the stopping rule and its P* is not the law's.
 */
final class LawSweep {
    private LawSweep() {
    }

    /** The P* threshold: 10 % final test error. */
    static final double THRESHOLD = SampleComplexity.DEFAULT_THRESHOLD;
    /** The loss threshold of the stopping rule. */
    static final double LOSS_THRESHOLD = 1e-3;

    /** SGD lr0 = 0.1 (×H), momentum 0.9, batch 32, stop at training loss 10^-3 checked every epoch. */
    static Training sgd(int maxEpochs) {
        return Training.sgd(0.1).momentum(0.9).batch(32).lossThreshold(LOSS_THRESHOLD).checkEvery(1).maxEpochs(maxEpochs).build();
    }

    /**
     * One point of a sweep.
     *
     * @param task  the hierarchy
     * @param x     the swept parameter's value (what the exponent is fitted against)
     * @param label e.g. "m=4"
     * @param unit  the scale the grid is placed in (the law's predicted scale, e.g. n_c·m^L)
     */
    record Point(Hierarchy task, double x, String label, double unit) {
    }

    /** A network and its training. */
    record Arm(String label, Architecture arch, Training training, Measures measures) {
        Arm(String label, Architecture arch, Training training) {
            this(label, arch, training, null);
        }
    }

    /** The curves of one arm over the points, their P* readings, and the members at the cap or left out. */
    record Outcome(List<Point> points, List<LearningCurveResult> curves, List<PStarReading> readings, int capped,
                   int excluded, int members, double seconds) {

        /** y[seed][point]: each realisation's P* (NaN where it did not cross inside the grid). */
        double[][] perSeed(int seeds) {
            double[][] y = new double[seeds][points.size()];
            for (double[] row : y) Arrays.fill(row, Double.NaN);
            for (int i = 0; i < points.size(); i++) {
                for (int s = 0; s < seeds; s++) y[s][i] = readings.get(i).ofSeed(s + 1).value().orElse(Double.NaN);
            }
            return y;
        }

        double[] xs() {
            return points.stream().mapToDouble(Point::x).toArray();
        }

        /** The spread (max/min over points) of the median P* in units of {@code scale(point)}; NaN if one did not cross. */
        double spread(java.util.function.ToDoubleFunction<Point> scale) {
            double lo = Double.POSITIVE_INFINITY, hi = 0;
            for (int i = 0; i < points.size(); i++) {
                PStarReading r = readings.get(i);
                if (!r.crossed()) return Double.NaN;
                double v = r.value() / scale.applyAsDouble(points.get(i));
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            return hi / lo;
        }
    }

    /** The grid of a point: {@code ratios}·unit, rounded, distinct. */
    static long[] sizes(Point p, double[] ratios) {
        return Arrays.stream(ratios).mapToLong(r -> Math.max(1, Math.round(r * p.unit()))).distinct().toArray();
    }

    /** min(2000, P_max − largest P): train and test are disjoint and both fit in the P_max distinct data. */
    static int testSize(Hierarchy h, long maxP) {
        long room = h.maxSamples().min(java.math.BigInteger.valueOf(1L << 40)).longValue() - maxP;
        if (room < 100) throw new IllegalStateException(h.summary() + ": only " + room + " data left for the test set");
        return (int) Math.min(2000, room);
    }

    /** Trains (or reads) one curve per point. */
    static Outcome run(ReproductionContext ctx, List<Point> points, Arm arm, double[] ratios, int seeds) {
        return run(ctx, points, arm, p -> ratios, seeds);
    }

    /** Trains (or reads) one curve per point, each on its own grid (in units of the point's scale). */
    static Outcome run(ReproductionContext ctx, List<Point> points, Arm arm, java.util.function.Function<Point, double[]> grid, int seeds) {
        return run(ctx, points, arm, grid, seeds, THRESHOLD);
    }

    /** The same, P* read at test error {@code threshold} instead of 10 %. */
    static Outcome run(ReproductionContext ctx, List<Point> points, Arm arm, java.util.function.Function<Point, double[]> grid, int seeds,
                       double threshold) {
        long start = System.nanoTime();
        List<LearningCurveResult> curves = new ArrayList<>();
        List<PStarReading> readings = new ArrayList<>();
        int capped = 0, excluded = 0, members = 0;
        for (Point p : points) {
            long[] sizes = sizes(p, grid.apply(p));
            var curve = ctx.curve(p.task()).model(arm.arch()).training(arm.training()).sizes(sizes).seeds(seeds)
                    .testSize(testSize(p.task(), sizes[sizes.length - 1]));
            if (arm.measures() != null) curve = curve.measure(arm.measures());
            // the curve carries the criterion its P* is read with, so a figure of it shows the same P*
            LearningCurveResult r = curve.run().withCriterion(new PStarCriterion(threshold, ErrorMetric.FINAL))
                    .withLabel(arm.label() + " " + p.label());
            ctx.log(arm.label() + " " + p.label() + ": " + p.task().summary() + "\n" + r);
            curves.add(r);
            readings.add(r.sampleComplexity());
            for (CurveMember m : r.members()) {
                members++;
                if (m.status() == Status.MAX_EPOCHS) capped++;
                if (m.excluded()) excluded++;
            }
        }
        return new Outcome(points, curves, readings, capped, excluded, members, (System.nanoTime() - start) / 1e9);
    }

    /** One row per point: the median P* with its interval, in samples and in the point's unit. */
    static void pStarRows(List<ReproductionReport.Row> rows, String arm, Outcome o, String unitName, String papers) {
        for (int i = 0; i < o.points().size(); i++) {
            Point p = o.points().get(i);
            PStarReading r = o.readings().get(i);
            String measured = r.median().cell(p.unit(), unitName);
            if (r.realisations() > 1 && Double.isFinite(r.lower()) && Double.isFinite(r.upper()) && r.lower() > 0) {
                measured += String.format(", %s %.0f–%.0f", r.interval().kind() == io.rhmlab.engine.curve.SampleComplexity.Interval.Kind.RANGE ? "min–max" : "95 %", r.lower(), r.upper());
            } else if (r.realisations() > 1) {
                measured += String.format(", min–max %s–%s", bound(r.lower()), bound(r.upper()));
            }
            long[] grid = o.curves().get(i).sizes().stream().mapToLong(Long::longValue).toArray();
            String where = unitName.equals("P_max") ? String.format("P_max = %s; grid %d–%d", pMax(p.task()), grid[0], grid[grid.length - 1])
                    : String.format("%s = %.0f; grid %d–%d; P_max = %s", unitName, p.unit(), grid[0], grid[grid.length - 1], pMax(p.task()));
            rows.add(new ReproductionReport.Row(String.format("%s P*, %s (%s)", arm, p.label(), where), measured, papers, "n/a"));
        }
    }

    private static String bound(double b) {
        if (Double.isNaN(b)) return "?";
        if (b == 0) return "below grid";
        if (Double.isInfinite(b)) return "not reached";
        return String.format("%.0f", b);
    }

    static String pMax(Hierarchy h) {
        java.math.BigInteger p = h.maxSamples();
        return p.bitLength() < 40 ? p.toString() : String.format("%.2g", p.doubleValue());
    }

    /** The fit row: measured exponent with its interval against the prediction, and the verdict. */
    static ReproductionReport.Row fitRow(String quantity, ExponentFit f, String papers) {
        return new ReproductionReport.Row(quantity, f.describe(), papers, Readings.yes(f.holds()));
    }

    /** The stopping-rule row: no member may stop at the epoch cap (or fail, or diverge). */
    static ReproductionReport.Row cappedRow(String arm, Outcome o, int maxEpochs) {
        String measured = o.capped() + " of " + o.members() + " at the cap (" + maxEpochs + " epochs)"
                + (o.excluded() > 0 ? ", " + o.excluded() + " failed or diverged" : "");
        return new ReproductionReport.Row(arm + " members trained to loss " + LOSS_THRESHOLD, measured,
                "every member stops at the loss threshold", Readings.yes(o.capped() == 0 && o.excluded() == 0));
    }

    /** The criterion, for the notes. */
    static String criterion(double tolerance) {
        return criterion(tolerance, THRESHOLD);
    }

    /** The criterion, for P* read at test error {@code threshold}. */
    static String criterion(double tolerance, double threshold) {
        return String.format("exponent: per-realisation least-squares slope of ln P* against ln(parameter), median over realisations, "
                + "interval min–max (< %d realisations) or 95 %% bootstrap; the law holds when the prediction is inside the "
                + "interval or the median is within %.0f %% of the prediction (the drift of P*'s prefactor over the sweep, docs/science.md "
                + "§2.E.6), every realisation crossed %.0f %% at every value, and no member stopped at the epoch cap",
                ExponentFit.MIN_BOOTSTRAP, 100 * tolerance, 100 * threshold);
    }
}
