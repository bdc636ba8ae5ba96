package io.rhmlab.engine.science;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.curve.ObservableComplexity;
import io.rhmlab.engine.curve.PStar;

import java.util.ArrayList;
import java.util.List;

/**
 * P1 §2.E.3: the synonymic sensitivity S_{2,1} of a CNN falls where its test error falls (same rescaled P). Uses
 * the stored runs of {@link CnnCollapse} (same specs, measured with S_{k,ℓ}), so after that reproduction it is
 * instant.
 */
final class RhmSensitivity {

    static final Reproduction REPRODUCTION = new NamedReproduction("rhm-sensitivity",
            "RHM, CNN: S_{2,1} falls (to 0.3) at the P where the test error falls (to 10%), within a factor 2", RhmSensitivity::measure);

    private static Findings measure(ReproductionContext ctx) {
        List<ReproductionReport.Row> rows = new ArrayList<>();
        for (Hierarchy h : CnnCollapse.tasks(ctx.quick())) {
            LearningCurveResult r = CnnCollapse.cnnCurve(ctx, h);
            double unit = Readings.unit(h);
            PStar pe = r.sampleComplexity().median();
            ObservableComplexity ps = r.synonymComplexity();
            PStar pS = ps.median();
            boolean both = pe.value().isPresent() && pS.value().isPresent();
            double ratio = both ? pS.samples() / pe.samples() : Double.NaN;
            rows.add(new ReproductionReport.Row("v=" + h.vocabulary() + " L=" + h.depth() + ": P*_ε/(n_c·m^L), P*_S/(n_c·m^L)",
                    pe.ratioCell(unit) + ", " + pS.ratioCell(unit) + (both ? String.format(" (P*_S/P*_ε = %.2f)", ratio) : ""),
                    "P*_S ≈ P*_ε (same rescaled P)", both ? Readings.yes(ratio >= 0.5 && ratio <= 2) : "no"));
            StringBuilder curve = new StringBuilder();
            r.synonymSensitivity().forEach((p, s) -> curve.append(String.format("%s%.2g:%.2f", curve.length() == 0 ? "" : " ", p / unit, s)));
            rows.add(new ReproductionReport.Row("  S_{2,1} by P/(n_c·m^L)", curve.toString(), "O(1) → small across P*", "n/a"));
        }
        List<String> notes = List.of("S_{2,1}: 2nd hidden layer (post-ReLU), level-1 synonym exchanges, 500 held-out base points, median over realisations",
                "thresholds: 10% test error; S_{2,1} = 0.3 (docs/science.md §3.E.5)");
        return new Findings(rows, notes);
    }
}
