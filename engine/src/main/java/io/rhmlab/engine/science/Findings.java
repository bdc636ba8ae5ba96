package io.rhmlab.engine.science;

import io.rhmlab.engine.curve.LearningCurveResult;

import java.util.List;

/**
 * What a reproduction measured, before {@link NamedReproduction} reports it under its name, title and wall time.
 *
 * @param rows   one per compared quantity
 * @param notes  protocol deviations, scale reductions, caveats
 * @param curves the learning curves behind the rows (may be empty)
 */
record Findings(List<ReproductionReport.Row> rows, List<String> notes, List<LearningCurveResult> curves) {

    /** Findings without curves. */
    Findings(List<ReproductionReport.Row> rows, List<String> notes) {
        this(rows, notes, List.of());
    }
}
