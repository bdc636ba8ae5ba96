package io.rhmlab.dsl;

/**
 * The placement law of a Sparse-RHM node: where its s informative children go in its patch of s(s0+1) slots
 * (Tomasini &amp; Wyart 2024; docs/science.md §3.A).
 */
public enum Placement {
    /** Dense RHM: no blanks, the s children fill the patch (s0 = 0). */
    NONE,
    /** Sparsity A: child j goes to one of the s0+1 slots of sub-patch j, so (s0+1)^s placements per node. */
    A,
    /** Sparsity B: the children take any order-preserving s-subset of the s(s0+1) slots, so C(s(s0+1), s). */
    B
}
