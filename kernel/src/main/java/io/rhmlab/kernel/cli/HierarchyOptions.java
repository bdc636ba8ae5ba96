package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.HierarchyBuilder;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.Placement;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The flags of a hierarchy, shared by every command that needs a task ({@code @Mixin}). Flag names are the
 * papers' symbols; defaults are those of {@link HierarchyBuilder} (n_c = v, s = 2, seeds 0), so the command
 * line and the Java / Kotlin builders produce the same {@link Hierarchy} from the same numbers.
 */
public final class HierarchyOptions {

    @Option(names = "--v", required = true, paramLabel = "V", description = "Vocabulary size v.")
    Integer v;

    @Option(names = "--classes", paramLabel = "N_C", description = "Number of classes n_c (default: v).")
    Integer classes;

    @Option(names = "--m", required = true, paramLabel = "M", description = "Multiplicity m (synonyms per symbol).")
    Integer m;

    @Option(names = "--s", paramLabel = "S", description = "Branching s (default: ${DEFAULT-VALUE}).")
    int s = HierarchyBuilder.DEFAULT_BRANCHING;

    @Option(names = "--L", required = true, paramLabel = "L", description = "Depth L.")
    Integer depth;

    @Option(names = "--s0", paramLabel = "S0", description = "Sparsity s0: blank slots per informative child (Sparse RHM; default 0).")
    Integer s0;

    @Option(names = "--placement", paramLabel = "A|B", description = "Sparse-RHM placement law, A or B (default: A).")
    Placement placement;

    /** The old name of {@code --placement}. */
    @Option(names = "--variant", hidden = true, paramLabel = "A|B", description = "Deprecated: the old name of --placement.")
    Placement variant;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    @Option(names = "--seed-rules", paramLabel = "R", description = "Seed of the rule tables (default: ${DEFAULT-VALUE}).")
    long ruleSeed = HierarchyBuilder.DEFAULT_RULE_SEED;

    @Option(names = "--seed-sample", paramLabel = "Q", description = "Seed of the sampling and split (default: the rule seed).")
    Long sampleSeed;

    @Option(names = "--replacement", description = "Draw data independently, with replacement (the reference's --replacement: "
            + "data may repeat and training and test data overlap); default: distinct data.")
    boolean replacement;

    /** The hierarchy the flags describe; sparse when s0 > 0 (placement A unless {@code --placement B}). */
    public Hierarchy hierarchy() {
        boolean sparse = s0 != null && s0 > 0;
        Placement placement = placement();
        InvalidSpecException.require(placement == null || placement != Placement.NONE, "placement", "must be A or B");
        InvalidSpecException.require(placement == null || sparse, "placement", "--placement needs a Sparse RHM (--s0 ≥ 1)");
        return builder(sparse ? Hierarchy.srhm() : Hierarchy.rhm()).build();
    }

    /**
     * The hierarchy of an explicit kind ({@code generate rhm|srhm}): a dense RHM must not be given blanks, a
     * Sparse RHM must be.
     */
    public Hierarchy hierarchy(boolean sparse) {
        if (sparse) {
            InvalidSpecException.require(s0 != null && s0 >= 1, "s0", "a Sparse RHM needs --s0 ≥ 1");
        } else {
            InvalidSpecException.require(s0 == null || s0 == 0, "s0", "a dense RHM has s0 = 0; use 'srhm' for blanks");
            InvalidSpecException.require(placement() == null, "placement", "a dense RHM has no placement law; use 'srhm'");
        }
        return hierarchy();
    }

    /** {@code --placement}, or its old name {@code --variant} (noted once). */
    private Placement placement() {
        if (variant != null) {
            placement = DeprecatedOption.either(command, placement, "--placement", variant, "--variant");
            variant = null;
        }
        return placement;
    }

    private HierarchyBuilder builder(HierarchyBuilder b) {
        b.vocabulary(v).multiplicity(m).depth(depth);
        if (classes != null) b.classes(classes);
        b.branching(s);
        if (s0 != null) b.sparsity(s0);
        if (placement() != null) b.placement(placement());
        b.ruleSeed(ruleSeed);
        if (sampleSeed != null) b.sampleSeed(sampleSeed);
        if (replacement) b.withReplacement();
        return b;
    }
}
