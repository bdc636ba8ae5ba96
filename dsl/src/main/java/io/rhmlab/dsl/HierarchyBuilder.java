package io.rhmlab.dsl;

/**
 * Fluent builder of a {@link Hierarchy}. Names follow the papers; short aliases ({@code v}, {@code m}, ...)
 * read like the formulas. Nothing is checked until {@link #build()}, which validates everything at once.
 */
public final class HierarchyBuilder {

    // public so that the command line's help shows the values this builder uses
    public static final int DEFAULT_BRANCHING = 2;
    public static final long DEFAULT_RULE_SEED = 0;

    private int vocabulary = -1, classes = -1, multiplicity = -1, branching = DEFAULT_BRANCHING, depth = -1, sparsity;
    private Placement placement;
    private long ruleSeed = DEFAULT_RULE_SEED;
    private Long sampleSeed;
    private boolean replacement;

    HierarchyBuilder(Placement placement) {
        this.placement = placement;
    }

    public HierarchyBuilder vocabulary(int v) { this.vocabulary = v; return this; }
    public HierarchyBuilder classes(int nc) { this.classes = nc; return this; }
    public HierarchyBuilder multiplicity(int m) { this.multiplicity = m; return this; }
    public HierarchyBuilder branching(int s) { this.branching = s; return this; }
    public HierarchyBuilder depth(int L) { this.depth = L; return this; }
    /** s0, the blank slots per informative child. */
    public HierarchyBuilder sparsity(int s0) { this.sparsity = s0; return this; }
    public HierarchyBuilder placement(Placement placement) { this.placement = placement; return this; }
    /** Seeds both the rules and the sampling, unless {@link #sampleSeed} is given. */
    public HierarchyBuilder seed(long seed) { this.ruleSeed = seed; return this; }
    public HierarchyBuilder ruleSeed(long seed) { this.ruleSeed = seed; return this; }
    public HierarchyBuilder sampleSeed(long seed) { this.sampleSeed = seed; return this; }
    /** Draw data independently, with replacement (the reference code's {@code --replacement}); default: distinct data. */
    public HierarchyBuilder withReplacement() { return replacement(true); }

    /** Whether data are drawn with replacement ({@link #withReplacement()}), as a value for builders that set it from a flag. */
    public HierarchyBuilder replacement(boolean withReplacement) { this.replacement = withReplacement; return this; }

    public HierarchyBuilder v(int v) { return vocabulary(v); }
    public HierarchyBuilder m(int m) { return multiplicity(m); }
    public HierarchyBuilder s(int s) { return branching(s); }
    public HierarchyBuilder L(int L) { return depth(L); }
    public HierarchyBuilder s0(int s0) { return sparsity(s0); }

    public Hierarchy build() {
        InvalidSpecException.require(vocabulary != -1, "v", "the vocabulary size is required");
        InvalidSpecException.require(depth != -1, "L", "the depth is required");
        InvalidSpecException.require(multiplicity != -1, "m", "the multiplicity is required");
        int nc = classes == -1 ? vocabulary : classes;   // n_c = v, as in most experiments of the papers
        int m = multiplicity;
        Placement p = sparsity == 0 ? Placement.NONE : (placement == Placement.NONE ? Placement.A : placement);
        return new Hierarchy(vocabulary, nc, m, branching, depth, sparsity, p, ruleSeed,
                sampleSeed == null ? ruleSeed : sampleSeed, replacement);
    }
}
