package io.rhmlab.engine.science;

import io.rhmlab.dsl.Hierarchy;

import java.util.ArrayList;
import java.util.List;

/**
 * P1 §2.E.2, one parameter at a time: at fixed v and m, the CNN's P* grows linearly with the number of classes.
 * v = 8, m = 4, s = 2, L = 3, n_c ∈ {2, 4, 8} (n_c·m ≤ v^s = 64; P_max = n_c·m^7 ≫ P*). The n_c = 4 task is the
 * m = 4 task of {@link RhmCnnMultiplicity} (same specs: served from the store after it). Predicted exponent of n_c: 1.
 */
final class RhmCnnClasses {

    static final int V = 8, M = 4, L = 3;

    static final Reproduction REPRODUCTION = new NamedReproduction("rhm-cnn-nc",
            "RHM, CNN, v=8 m=4 L=3: P* ∝ n_c (exponent of n_c = 1) over n_c ∈ {2, 4, 8}", RhmCnnClasses::measure);

    private static Findings measure(ReproductionContext ctx) {
        List<LawSweep.Point> points = new ArrayList<>();
        for (int nc : new int[] {2, 4, 8}) {
            Hierarchy h = RhmCnnMultiplicity.rhm(V, nc, M, L);
            points.add(new LawSweep.Point(h, nc, "n_c=" + nc, Readings.unit(h)));
        }
        int seeds = RhmCnnMultiplicity.seeds(ctx.quick());
        LawSweep.Outcome o = LawSweep.run(ctx, points, RhmCnnMultiplicity.cnn(), RhmCnnMultiplicity.ratios(ctx.quick()), seeds);
        List<ReproductionReport.Row> rows = new ArrayList<>();
        LawSweep.pStarRows(rows, "CNN", o, "n_c·m^L", "C·n_c·m^L, C = O(1–10)");
        ExponentFit f = ExponentFit.of(o.xs(), o.perSeed(seeds), 1, ExponentFit.DEFAULT_TOLERANCE);
        rows.add(LawSweep.fitRow("exponent of n_c in P* (v, m fixed)", f, "1"));
        rows.add(new ReproductionReport.Row("  criterion", f.verdictReason(), "", "n/a"));
        rows.add(new ReproductionReport.Row("  alternative 0 (P* blind to n_c) excluded", Readings.yes(f.excludes(0)), "", "n/a"));
        rows.add(LawSweep.cappedRow("CNN", o, RhmCnnMultiplicity.MAX_EPOCHS));
        List<String> notes = List.of(
                "tests P* ∝ n_c alone: v = " + V + ", m = " + M + ", L = " + L + " fixed; chance error 1 − 1/n_c differs across tasks, the 10 % threshold does not",
                "CNN width 64, SGD lr 0.1·H, momentum 0.9, batch 32, stop at loss 10^-3 (≤ " + RhmCnnMultiplicity.MAX_EPOCHS
                        + " epochs); " + seeds + " realisations (new rules each); ≤ 2000 test points",
                LawSweep.criterion(ExponentFit.DEFAULT_TOLERANCE));
        return new Findings(rows, notes, o.curves());
    }
}
