package io.rhmlab.engine.curve;

import io.rhmlab.dsl.InvalidSpecException;

/**
 * What defines P*: the test-error level and whether the final or the best-during-training error is read. A curve
 * carries the criterion it is read with ({@link LearningCurveResult#withCriterion}), so the number a command prints
 * and the line, diamond and caption of its figure come from one place.
 *
 * @param threshold the test error that defines P*, in (0, 1); 0.10 in the papers
 * @param metric    final (default) or best test error
 */
public record PStarCriterion(double threshold, ErrorMetric metric) {

    /** 10 % final test error. */
    public static final PStarCriterion DEFAULT = new PStarCriterion(SampleComplexity.DEFAULT_THRESHOLD, ErrorMetric.FINAL);

    public PStarCriterion {
        InvalidSpecException.require(threshold > 0 && threshold < 1, "threshold", "ε = " + threshold + " must be a test error in (0, 1)");
        InvalidSpecException.require(metric != null, "metric", "must be FINAL or BEST");
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
        return metric.name().toLowerCase() + " test error " + threshold;
    }
}
