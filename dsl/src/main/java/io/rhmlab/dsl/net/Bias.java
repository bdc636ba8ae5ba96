package io.rhmlab.dsl.net;

/** Hidden-layer biases (docs/science.md §2.B). */
public enum Bias {
    /** No bias: the new reference's default. */
    NONE,
    /** One bias per channel, shared across positions, added as b. */
    SHARED,
    /** One bias per channel and position, added as 0.1·b (old RHM and SRHM references, even for the CNN). */
    POSITIONAL
}
