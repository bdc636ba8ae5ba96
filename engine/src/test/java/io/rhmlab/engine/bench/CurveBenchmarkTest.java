package io.rhmlab.engine.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bound a curve is read against, and the summary over rounds: no training, only the arithmetic of the table. */
class CurveBenchmarkTest {

    private static CurveBenchmark.Row row(double seconds, double before, double after) {
        return new CurveBenchmark.Row("rhm-lcn", seconds, 1e12, 18, 5400, before, after);
    }

    @Test
    void theBoundIsTheFasterReadingSoASlowMomentNeverFlattersACurve() {
        CurveBenchmark.Row r = row(20, 100e9, 200e9);
        assertEquals(5.0, r.boundSeconds(), 1e-12);        // 1 TFLOP at 200 GFLOP/s, not at 100
        assertEquals(25.0, r.percentOfBound(), 1e-12);
        assertTrue(r.drifted());
        assertFalse(row(20, 190e9, 200e9).drifted());       // within 10 %
        assertTrue(row(20, 179e9, 200e9).drifted());
    }

    @Test
    void theSummaryQuotesTheRoundsWhoseReadingsAgree() {
        List<CurveBenchmark.Row> rows = List.of(row(10, 100e9, 100e9), row(40, 50e9, 100e9), row(20, 100e9, 100e9),
                row(30, 100e9, 95e9));
        String summary = CurveBenchmark.summary(rows);
        // rounds 1, 3, 4 agree (the second drifted): wall 10, 20, 30 s, bound 10 s -> 100, 50, 33 %
        assertTrue(summary.contains("3/4"), summary);
        assertTrue(summary.matches("(?s).*rhm-lcn\\s+3/4\\s+20\\.0\\s+50%\\s+33–100 %.*"), summary);
        assertFalse(summary.contains("every round drifted"), summary);
    }

    @Test
    void whenEveryRoundDriftedTheSummarySaysSo() {
        String summary = CurveBenchmark.summary(List.of(row(10, 50e9, 100e9), row(30, 100e9, 50e9)));
        assertTrue(summary.contains("2/2") && summary.contains("every round drifted"), summary);
    }
}
