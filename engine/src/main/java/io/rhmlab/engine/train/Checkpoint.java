package io.rhmlab.engine.train;

/** One point of a member's history, taken every {@code checkEvery} epochs. */
public record Checkpoint(int epoch, long steps, double trainLoss, double trainError, double testError) {
}
