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

    TrainingListener NONE = new TrainingListener() { };
}
