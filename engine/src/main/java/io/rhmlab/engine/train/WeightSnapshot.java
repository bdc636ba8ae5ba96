package io.rhmlab.engine.train;

import io.rhmlab.engine.net.MemberWeights;

/**
 * A member's weights as they stood after {@code epoch} of its epochs (0 = at initialisation), copied to the host
 * while training goes on: what an observer measures during training ({@link TrainingListener#onSnapshots}).
 *
 * @param member  index in the ensemble
 * @param epoch   the member's completed epochs
 * @param weights host copies, in {@link io.rhmlab.engine.net.NetLayout#parameterShapes()} order
 */
public record WeightSnapshot(int member, int epoch, MemberWeights weights) {
}
