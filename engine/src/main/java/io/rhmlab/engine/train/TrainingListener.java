package io.rhmlab.engine.train;

/** Observes an ensemble's training: progress bars, notebook displays, the run store. */
public interface TrainingListener {

    /** A checkpoint of member {@code member} (index in the ensemble). */
    default void onCheckpoint(int member, Checkpoint checkpoint) {
    }

    /** Member {@code member} stopped (converged, capped, diverged or failed); called once per member. */
    default void onMemberDone(int member, MemberResult result) {
    }

    /** Every so often, with the number of members still training and the mean training loss of the last epoch. */
    default void onEpoch(int epoch, int active, double meanLoss) {
    }

    /**
     * Every how many of its epochs a member's weights are handed to {@link #onSnapshots} (0, the default: never,
     * and no weights are copied). Read once when training starts.
     */
    default int snapshotEvery() {
        return 0;
    }

    /**
     * The members that have just completed an epoch that is a multiple of {@link #snapshotEvery()} (epoch 0: before
     * the first step), with host copies of their weights. Called on the training thread between steps, with grad
     * mode off; the copies are the listener's own, so whatever it computes from them leaves training unchanged.
     */
    default void onSnapshots(java.util.List<WeightSnapshot> snapshots) {
    }

    TrainingListener NONE = new TrainingListener() { };
}
