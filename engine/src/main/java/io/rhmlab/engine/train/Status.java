package io.rhmlab.engine.train;

/** How a member's training ended. */
public enum Status {
    /** The training loss reached the threshold at a checkpoint. */
    CONVERGED,
    /** The epoch cap came first. */
    MAX_EPOCHS,
    /** The loss became NaN or infinite; the member was frozen, the others went on. */
    DIVERGED,
    /** Training raised an error (stored with its message). */
    FAILED
}
