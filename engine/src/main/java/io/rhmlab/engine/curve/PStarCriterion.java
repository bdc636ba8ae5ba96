package io.rhmlab.engine.curve;

import io.rhmlab.dsl.InvalidSpecException;

/**
 * What defines P*: the test-error level and whether the final or the best-during-training error is read. A curve
 * carries the criterion it is read with ({@link LearningCurveResult#withCriterion}), so the number a command prints
 * and the line, diamond and caption of its figure come from one place.
 *
 * @param threshold the test error that defines P*, in (0, 1); 0.10 in the papers. For a cross-entropy metric, a loss in
 *                  nats (> 0): the P at which a last-token curve falls below it (e.g. halfway between two plateaus)
 * @param metric    final (default) or best test error, or final or best test cross-entropy
 */
public record PStarCriterion(double threshold, ErrorMetric metric) {

    /** 10 % final test error. */
    public static final PStarCriterion DEFAULT = new PStarCriterion(SampleComplexity.DEFAULT_THRESHOLD, ErrorMetric.FINAL);

    public PStarCriterion {
        InvalidSpecException.require(metric != null, "metric", "must be FINAL, BEST, LOSS or BEST_LOSS");
        if (metric.isLoss()) {
            InvalidSpecException.require(threshold > 0 && Double.isFinite(threshold), "threshold",
                    "a test cross-entropy threshold must be > 0 nats, got " + threshold);
        } else {
            InvalidSpecException.require(threshold > 0 && threshold < 1, "threshold", "ε = " + threshold + " must be a test error in (0, 1)");
        }
    }

    public static PStarCriterion at(double threshold) {
        return new PStarCriterion(threshold, ErrorMetric.FINAL);
    }

    public PStarCriterion withThreshold(double t) {
        return new PStarCriterion(t, metric);
    }

    /** "final test error 0.1". */
    @Override
    public String toString() {
        return switch (metric) {
            case FINAL, BEST -> metric.name().toLowerCase() + " test error " + threshold;
            case LOSS -> "final test loss " + threshold + " nats";
            case BEST_LOSS -> "best test loss " + threshold + " nats";
        };
    }
}
