package io.rhmlab.dsl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A task's name is its parameters, the way titles and labels show it; its summary adds the derived sizes. */
class HierarchyNameTest {

    @Test
    void theNameIsTheParametersAndTheSummaryAddsTheSizes() {
        Hierarchy rhm = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3).seed(1).build();
        assertThat(rhm.name()).isEqualTo("RHM(v=4, n_c=4, m=4, s=2, L=3)");
        assertThat(rhm.summary()).isEqualTo("RHM(v=4, n_c=4, m=4, s=2, L=3) d=8 P_max=65536 n_c·m^L=256");
        Hierarchy srhm = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(2).sparsity(1).seed(1).build();
        assertThat(srhm.name()).isEqualTo("SRHM-A(v=4, n_c=4, m=4, s=2, L=2, s0=1)");
        assertThat(srhm.summary()).startsWith(srhm.name() + " d=16 ");
    }

    /** Legends tell tasks apart by these: the same names and values, in the same order, as the name writes them. */
    @Test
    void theFamilyAndParametersAreWhatTheNameWrites() {
        Hierarchy rhm = Hierarchy.rhm().vocabulary(6).classes(3).multiplicity(5).branching(2).depth(2).seed(1).build();
        assertThat(rhm.family()).isEqualTo("RHM");
        assertThat(List.copyOf(rhm.parameters().keySet())).containsExactly("v", "n_c", "m", "s", "L");
        assertThat(List.copyOf(rhm.parameters().values())).containsExactly(6, 3, 5, 2, 2);
        Hierarchy srhm = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(2).sparsity(2).placement(Placement.B).seed(1).build();
        assertThat(srhm.family()).isEqualTo("SRHM-B");
        assertThat(srhm.parameters()).containsEntry("s0", 2).hasSize(6);
        assertThat(srhm.name()).isEqualTo("SRHM-B(v=4, n_c=4, m=4, s=2, L=2, s0=2)");
        assertThat(rhm.withReplacement(true).name()).isEqualTo("RHM(v=6, n_c=3, m=5, s=2, L=2) with replacement");
        assertThat(rhm.withReplacement(true).parameters()).isEqualTo(rhm.parameters());
    }
}
