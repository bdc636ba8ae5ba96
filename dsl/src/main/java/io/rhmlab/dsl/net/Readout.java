package io.rhmlab.dsl.net;

/** Scaling of the linear readout. */
public enum Readout {
    /** Divide by H (mean field); the learning rate is multiplied by H to compensate. */
    MEAN_FIELD,
    /** Divide by √H. */
    STANDARD
}
