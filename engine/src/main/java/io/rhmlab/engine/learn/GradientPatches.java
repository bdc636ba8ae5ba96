package io.rhmlab.engine.learn;

/** Which s-patches of the current sequence feed the one gradient step (science.md §9.7 lists it as a knob). */
public enum GradientPatches {
    /** The first patch only: the reference ({@code main_layerwise.py}). */
    FIRST,
    /**
     * Every patch, through a weight-shared hidden layer whose output is mean-pooled over patches (a one-layer
     * CNN): the step then uses the tuple–class counts summed over patches, d/s^ℓ times more of them. Synonyms
     * keep identical expected columns because the rules do not depend on position.
     */
    ALL
}
