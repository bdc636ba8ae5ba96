package io.rhmlab.engine.science;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.net.Architecture;

import java.util.ArrayList;
import java.util.List;

/**
 * P1 §2.E.2, one parameter at a time: at fixed v and n_c, the CNN's P* grows as m^L. v = 8, n_c = 4, s = 2,
 * L = 3 and m ∈ {3, 4, 6, 8} ({3, 4, 6} with --quick), so P_max/(n_c·m^L) = m^4 ≥ 81 leaves the test set room, and m ≤ v^(s−1), n_c·m ≤ v^s hold. The grid is {0.8 … 6}·n_c·m^L (×1.5).
 * The exponent of m is fitted per realisation; predicted: L = 3. A P* that followed v (fixed here) or n_c·m^(L−1)
 * would give 0 or 2.
 */
final class RhmCnnMultiplicity {

    static final int V = 8, NC = 4, L = 3;
    static final int MAX_EPOCHS = 2000;

    static final Reproduction REPRODUCTION = new NamedReproduction("rhm-cnn-m",
            "RHM, CNN, v=8 n_c=4 L=3: P* ∝ m^L (exponent of m = 3) over m ∈ {3, 4, 6, 8} ({3, 4, 6} with --quick)", RhmCnnMultiplicity::measure);

    static Hierarchy rhm(int v, int nc, int m, int depth) {
        return Hierarchy.rhm().vocabulary(v).classes(nc).multiplicity(m).branching(2).depth(depth).seed(1).build();
    }

    static double[] ratios(boolean quick) {
        return quick ? new double[] {1.2, 2.7, 6} : new double[] {0.8, 1.2, 1.8, 2.7, 4, 6};
    }

    static int seeds(boolean quick) {
        return quick ? 2 : 5;
    }

    static LawSweep.Arm cnn() {
        return new LawSweep.Arm("CNN", Architecture.cnn().width(64).build(), LawSweep.sgd(MAX_EPOCHS));
    }

    private static Findings measure(ReproductionContext ctx) {
        List<LawSweep.Point> points = new ArrayList<>();
        for (int m : ctx.quick() ? new int[] {3, 4, 6} : new int[] {3, 4, 6, 8}) {
            Hierarchy h = rhm(V, NC, m, L);
            points.add(new LawSweep.Point(h, m, "m=" + m, Readings.unit(h)));
        }
        int seeds = seeds(ctx.quick());
        LawSweep.Outcome o = LawSweep.run(ctx, points, cnn(), ratios(ctx.quick()), seeds);
        List<ReproductionReport.Row> rows = new ArrayList<>();
        LawSweep.pStarRows(rows, "CNN", o, "n_c·m^L", "C·n_c·m^L, C = O(1–10)");
        ExponentFit f = ExponentFit.of(o.xs(), o.perSeed(seeds), L, ExponentFit.DEFAULT_TOLERANCE);
        rows.add(LawSweep.fitRow("exponent of m in P* (v, n_c fixed)", f, "L = " + L));
        rows.add(new ReproductionReport.Row("  criterion", f.verdictReason(), "", "n/a"));
        rows.add(new ReproductionReport.Row("  alternatives L−1 = 2 and L+1 = 4 excluded", Readings.yes(f.excludes(L - 1) && f.excludes(L + 1)),
                "(a bug scaling P* with one level too few / many)", "n/a"));
        rows.add(LawSweep.cappedRow("CNN", o, MAX_EPOCHS));
        List<String> notes = List.of(
                "tests P* ∝ m^L alone: v = " + V + ", n_c = " + NC + ", L = " + L + " fixed; P_max/(n_c·m^L) = m^4 ≥ 81, so P* ≪ P_max",
                "CNN width 64 (new parametrisation), SGD lr 0.1·H, momentum 0.9, batch 32, constant lr, stop at loss 10^-3 (≤ "
                        + MAX_EPOCHS + " epochs); " + seeds + " realisations (new rules each); ≤ 2000 test points" + (ctx.quick() ? "; --quick: m ∈ {3, 4, 6}, 3 sizes" : ""),
                LawSweep.criterion(ExponentFit.DEFAULT_TOLERANCE));
        return new Findings(rows, notes, o.curves());
    }
}
