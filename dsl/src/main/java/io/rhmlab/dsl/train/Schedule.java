package io.rhmlab.dsl.train;

/** Learning-rate schedules of the reference codes (docs/science.md §2.C). */
public enum Schedule {
    /** Constant learning rate (new reference, SRHM reference). */
    CONSTANT,
    /** Cosine annealing to 0 over T_max = 0.8·maxEpochs, then held (old RHM reference). */
    COSINE
}
