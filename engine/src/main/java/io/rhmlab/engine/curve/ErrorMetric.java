package io.rhmlab.engine.curve;

import io.rhmlab.engine.train.MemberResult;

/** Which test error a curve reads (docs/science.md §5.10: report the final model's, and "best" separately). */
public enum ErrorMetric {
    /** The test error of the final model. */
    FINAL,
    /** The lowest test error seen at a checkpoint (the reference notebooks' "best"). */
    BEST,
    /** The final model's test cross-entropy in nats (the last-token papers' learning curves). */
    LOSS,
    /** The lowest test cross-entropy seen at a checkpoint (the reference's "best" checkpoint). */
    BEST_LOSS;

    public double of(MemberResult r) {
        return switch (this) {
            case FINAL -> r.testError();
            case BEST -> r.testErrorBest();
            case LOSS -> r.testLoss();
            case BEST_LOSS -> r.testLossBest();
        };
    }

    /** Whether this reads the cross-entropy (nats, unbounded) rather than an error rate in [0, 1]. */
    public boolean isLoss() {
        return this == LOSS || this == BEST_LOSS;
    }
}
