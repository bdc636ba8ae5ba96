package io.rhmlab.dsl.testing;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.Placement;
import io.rhmlab.dsl.grammar.Rules;

/** The worked examples of docs/science.md §8: v = 3, n_c = 2, m = 2, s = 2, L = 2 with fixed tables. */
public final class Examples {
    private Examples() {
    }

    public static final int[][][] CLASS_TABLE = {{{0, 1}, {2, 2}}, {{1, 0}, {0, 0}}};
    public static final int[][][] FEATURE_TABLE = {{{1, 1}, {0, 2}}, {{2, 0}, {1, 2}}, {{0, 1}, {2, 1}}};

    public static Hierarchy rhm() {
        return Hierarchy.rhm().vocabulary(3).classes(2).multiplicity(2).branching(2).depth(2).build();
    }

    public static Hierarchy srhm(Placement placement) {
        return Hierarchy.srhm().vocabulary(3).classes(2).multiplicity(2).branching(2).depth(2).sparsity(1)
                .placement(placement).build();
    }

    public static Rules rules(Hierarchy h) {
        return Rules.of(h, CLASS_TABLE, FEATURE_TABLE);
    }
}
