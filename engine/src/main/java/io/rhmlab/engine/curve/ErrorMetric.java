package io.rhmlab.engine.curve;

import io.rhmlab.engine.train.MemberResult;

/** Which test error a curve reads (docs/science.md §5.10: report the final model's, and "best" separately). */
public enum ErrorMetric {
    /** The test error of the final model. */
    FINAL,
    /** The lowest test error seen at a checkpoint (the reference notebooks' "best"). */
    BEST;

    public double of(MemberResult r) {
        return this == FINAL ? r.testError() : r.testErrorBest();
    }
}
