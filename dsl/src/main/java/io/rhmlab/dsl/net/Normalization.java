package io.rhmlab.dsl.net;

/** How hidden pre-activations are scaled; the two reference codes differ (docs/science.md §2.B). */
public enum Normalization {
    /** Divide by √fan-in = √(C_in·filter): the new reference ({@code random-hierarchy-model}). */
    FAN_IN,
    /** Divide by √C_in only: the old RHM and the SRHM references. */
    CHANNELS
}
