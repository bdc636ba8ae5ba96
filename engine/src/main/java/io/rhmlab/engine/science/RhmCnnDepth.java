package io.rhmlab.engine.science;

import io.rhmlab.dsl.Hierarchy;

import java.util.ArrayList;
import java.util.List;

/**
 * P1 §2.E.2, the depth: at fixed v, n_c, m one more level multiplies the CNN's P* by m. v = m = 8, n_c = 4, s = 2,
 * L ∈ {2, 3} (a CNN of matching depth each). At L = 2 P_max/(n_c·m^L) = m = 8 (P_max = 2048), the tightest room
 * that still leaves a test set; the grid there stops at 4·n_c·m^L = 1024. The ratio P*(L=3)/P*(L=2) is read per
 * realisation as m^a with a the exponent of n_c·m^L (predicted 1), i.e. the ratio m^a against m.
 */
final class RhmCnnDepth {

    static final int V = 8, NC = 4, M = 8;

    static final Reproduction REPRODUCTION = new NamedReproduction("rhm-cnn-depth",
            "RHM, CNN, v=m=8 n_c=4: P*(L=3)/P*(L=2) = m = 8", RhmCnnDepth::measure);

    private static Findings measure(ReproductionContext ctx) {
        int seeds = RhmCnnMultiplicity.seeds(ctx.quick());
        double[] ratios = ctx.quick() ? new double[] {1.2, 2.0, 3.4} : new double[] {0.8, 1.2, 1.8, 2.7, 4};
        List<LawSweep.Point> points = new ArrayList<>();
        for (int depth : new int[] {2, 3}) {
            Hierarchy h = RhmCnnMultiplicity.rhm(V, NC, M, depth);
            points.add(new LawSweep.Point(h, Readings.unit(h), "L=" + depth, Readings.unit(h)));
        }
        LawSweep.Outcome o = LawSweep.run(ctx, points, RhmCnnMultiplicity.cnn(), ratios, seeds);
        List<ReproductionReport.Row> rows = new ArrayList<>();
        LawSweep.pStarRows(rows, "CNN", o, "n_c·m^L", "C·n_c·m^L, C = O(1–10)");
        ExponentFit f = ExponentFit.of(o.xs(), o.perSeed(seeds), 1, ExponentFit.DEFAULT_TOLERANCE);
        double r = Math.pow(M, f.median()), lo = Math.pow(M, f.lower()), hi = Math.pow(M, f.upper());
        String measured = f.complete() ? String.format("%.2f [%.2f, %.2f] (%s)", r, lo, hi,
                f.fitted() >= ExponentFit.MIN_BOOTSTRAP ? "95 % bootstrap" : "min–max over " + f.fitted() + " realisations") : f.describe();
        rows.add(new ReproductionReport.Row("P*(L=3)/P*(L=2) per realisation", measured, "m = " + M, Readings.yes(f.holds())));
        rows.add(new ReproductionReport.Row("  as the exponent of n_c·m^L", f.describe() + "; " + f.verdictReason(), "1", "n/a"));
        rows.add(LawSweep.cappedRow("CNN", o, RhmCnnMultiplicity.MAX_EPOCHS));
        List<String> notes = List.of(
                "tests the m^L of P* through L alone: v = " + V + ", n_c = " + NC + ", m = " + M + " fixed; realisation k of L = 2 is paired with realisation k of L = 3 (independent rules)",
                String.format("the %.0f %% tolerance on the exponent is a factor m^±%.1f = %.2f–%.2f on the ratio", 100 * f.tolerance(), f.tolerance(),
                        Math.pow(M, 1 - f.tolerance()), Math.pow(M, 1 + f.tolerance())),
                "CNN width 64, SGD lr 0.1·H, momentum 0.9, batch 32, stop at loss 10^-3 (≤ " + RhmCnnMultiplicity.MAX_EPOCHS
                        + " epochs); " + seeds + " realisations; test points ≤ 2000 (fewer at L = 2: P_max = 2048)",
                LawSweep.criterion(ExponentFit.DEFAULT_TOLERANCE));
        return new Findings(rows, notes, o.curves());
    }
}
