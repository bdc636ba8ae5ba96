package io.rhmlab.dsl;

import org.junit.jupiter.api.Test;

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
}
