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
}
