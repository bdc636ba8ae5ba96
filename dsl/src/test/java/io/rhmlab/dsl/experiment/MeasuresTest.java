package io.rhmlab.dsl.experiment;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeasuresTest {
    private static final Hierarchy RHM = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).depth(2).seed(1).build();
    private static final Hierarchy SRHM = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4).depth(2).sparsity(1).seed(1).build();

    @Test
    void namesParseToTheirObservables() {
        Measures all = Measures.parse("synonym, diffeo ,noise");
        assertThat(all.synonyms()).isTrue();
        assertThat(all.deformations()).isTrue();
        assertThat(all.noise()).isTrue();
        assertThat(all.namesFor(SRHM)).containsExactly(Measures.SYNONYMS, Measures.DEFORMATIONS, Measures.NOISE);
        assertThat(all.namesFor(RHM)).containsExactly(Measures.SYNONYMS, Measures.NOISE);   // no placements to deform
        for (String g : new String[] {"gauss", "Gaussian", "G", "noiseSensitivity"}) {
            Measures m = Measures.parse(g);
            assertThat(m.noise()).as(g).isTrue();
            assertThat(m.synonyms() || m.deformations()).as(g).isFalse();
        }
        assertThat(Measures.parse("none").isEmpty()).isTrue();
        assertThat(Measures.parse("noise").isEmpty()).isFalse();
    }

    @Test
    void checkpointsNeedAPeriodOfAtLeastOneAndSomethingToMeasure() {
        Measures s = Measures.parse("synonym");
        assertThat(s.everyEpochs()).isZero();
        assertThat(s.duringTraining()).isFalse();
        assertThat(s.atEpochs(10).everyEpochs()).isEqualTo(10);
        assertThat(s.atEpochs(10).duringTraining()).isTrue();
        assertThat(s.atEpochs(10).withNoise(true).everyEpochs()).as("withers keep the period").isEqualTo(10);
        assertThat(Measures.none().atEpochs(10).duringTraining()).isFalse();
        assertThatThrownBy(() -> s.atEpochs(-1)).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("everyEpochs");
        assertThatThrownBy(() -> Measures.parse("synonym,entropy")).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("measure").hasMessageContaining("entropy");
    }
}
