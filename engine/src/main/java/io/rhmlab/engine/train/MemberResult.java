package io.rhmlab.engine.train;

import io.rhmlab.dsl.experiment.RunSpec;

import java.util.List;

/**
 * What one trained member produced. {@code testErrorBest} is the lowest test error seen at a checkpoint
 * (the reference notebooks' "best"); {@code testError} is that of the final model.
 */
public record MemberResult(RunSpec spec, Status status, double testError, double testErrorBest,
                           double trainLoss, double trainError, int epochs, long steps,
                           double wallSeconds, String device, List<Checkpoint> history, String error) {

    public MemberResult {
        history = List.copyOf(history);
    }

    /**
     * A member whose training loss became non-finite: no test error, train loss or train error (NaN), so it can
     * enter no median or P*; {@code error} says where it diverged and what the last checkpoint before measured.
     */
    public static MemberResult diverged(RunSpec spec, String where, int epochs, long steps,
                                        double wallSeconds, String device, List<Checkpoint> history) {
        Checkpoint before = null;
        for (Checkpoint c : history) if (Double.isFinite(c.trainLoss())) before = c;
        String error = where + (before == null ? "; no finite checkpoint before"
                : String.format("; last finite checkpoint: epoch %d, train loss %.4g, test error %.4f",
                        before.epoch(), before.trainLoss(), before.testError()));
        return new MemberResult(spec, Status.DIVERGED, Double.NaN, Double.NaN, Double.NaN, Double.NaN, epochs, steps,
                wallSeconds, device, history, error);
    }

    /** The final model's mean test cross-entropy in nats: that of the last checkpoint (NaN if none kept it). */
    public double testLoss() {
        return !isMeasured() || history.isEmpty() ? Double.NaN : history.get(history.size() - 1).testLoss();
    }

    /** The lowest test cross-entropy seen at a checkpoint (the reference's "best" model is chosen so). */
    public double testLossBest() {
        if (!isMeasured()) return Double.NaN;
        return history.stream().mapToDouble(Checkpoint::testLoss).filter(x -> !Double.isNaN(x)).min().orElse(Double.NaN);
    }

    /** Whether this is a measurement of the spec: training ended normally (converged or at its epoch cap). */
    public boolean isMeasured() {
        return status == Status.CONVERGED || status == Status.MAX_EPOCHS;
    }
}
