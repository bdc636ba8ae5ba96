package io.rhmlab.dsl.experiment;

/**
 * Which s-patches of the current sequence feed the one-step learner's gradient step, and so what k-means sees of a
 * tuple (docs/science.md §9.7 lists the patch as a knob).
 */
public enum GradientPatches {
    /** The first patch only: the reference ({@code main_layerwise.py}). A tuple is its column of W. */
    FIRST,
    /**
     * Every patch through one weight-shared hidden layer, mean-pooled over patches (a one-layer CNN): the step uses
     * the tuple–class counts summed over positions. Synonyms keep identical expected columns, but the positions'
     * label correlations, independent across positions, partly cancel in the sum.
     */
    SHARED,
    /**
     * Every patch with hidden weights of its own, mean-pooled over patches (a one-layer LCN): a tuple is the
     * concatenation of its columns at all positions. Synonyms still have identical expected points (the rules do
     * not depend on position), and two non-synonyms must now agree at every position to be confused, so rule
     * draws whose first patch cannot tell two features apart are still learnt.
     */
    LOCAL
}
