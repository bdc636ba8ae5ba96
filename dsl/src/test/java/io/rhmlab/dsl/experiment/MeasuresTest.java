package io.rhmlab.dsl.experiment;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import org.junit.jupiter.api.Test;

import static io.rhmlab.dsl.experiment.Observable.DEFORMATIONS;
import static io.rhmlab.dsl.experiment.Observable.NOISE;
import static io.rhmlab.dsl.experiment.Observable.SYNONYMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeasuresTest {
    private static final Hierarchy RHM = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).depth(2).seed(1).build();
    private static final Hierarchy SRHM = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4).depth(2).sparsity(1).seed(1).build();

    @Test
    void namesParseToTheirObservables() {
        Measures all = Measures.parse("synonym, diffeo ,noise");
        assertThat(all.observables()).containsExactly(SYNONYMS, DEFORMATIONS, NOISE);
        assertThat(all.observablesFor(SRHM)).containsExactly(SYNONYMS, DEFORMATIONS, NOISE);
        assertThat(all.observablesFor(RHM)).containsExactly(SYNONYMS, NOISE);   // no placements to deform
        for (String g : new String[] {"gauss", "Gaussian", "G", "noiseSensitivity"}) {
            assertThat(Measures.parse(g).observables()).as(g).containsExactly(NOISE);
        }
        assertThat(Measures.parse("S,deformations").observables()).containsExactly(SYNONYMS, DEFORMATIONS);
        assertThat(Measures.parse("none").isEmpty()).isTrue();
        assertThat(Measures.parse("noise").isEmpty()).isFalse();
        assertThat(Measures.of(NOISE, SYNONYMS)).isEqualTo(Measures.parse("synonym,noise"));
        assertThat(Measures.of(NOISE, SYNONYMS).without(NOISE)).isEqualTo(Measures.of(SYNONYMS));
    }

    /** The store names are part of the stored data: they must never change. */
    @Test
    void observablesKeepTheirStoreNamesAndSymbols() {
        assertThat(SYNONYMS.storeName()).isEqualTo("synonymSensitivity");
        assertThat(DEFORMATIONS.storeName()).isEqualTo("diffeoSensitivity");
        assertThat(NOISE.storeName()).isEqualTo("noiseSensitivity");
        assertThat(SYNONYMS.at(2, 1)).isEqualTo("S_{2,1}");
        assertThat(DEFORMATIONS.at(3, 2)).isEqualTo("D_{3,2}");
        assertThat(NOISE.at(2, 1)).isEqualTo("G_{2}");
        for (Observable o : Observable.values()) {
            assertThat(Observable.ofStoreName(o.storeName())).contains(o);
            assertThat(Observable.parse(o.cliName())).isEqualTo(o);
            assertThat(Observable.parse(o.symbol())).isEqualTo(o);
        }
        assertThat(Observable.ofStoreName("checkpoints")).isEmpty();
    }

    @Test
    void checkpointsNeedAPeriodOfAtLeastOneAndSomethingToMeasure() {
        Measures s = Measures.parse("synonym");
        assertThat(s.everyEpochs()).isZero();
        assertThat(s.duringTraining()).isFalse();
        assertThat(s.atEpochs(10).everyEpochs()).isEqualTo(10);
        assertThat(s.atEpochs(10).duringTraining()).isTrue();
        assertThat(s.atEpochs(10).with(NOISE).everyEpochs()).as("withers keep the period").isEqualTo(10);
        assertThat(Measures.none().atEpochs(10).duringTraining()).isFalse();
        assertThatThrownBy(() -> s.atEpochs(-1)).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("everyEpochs");
        assertThatThrownBy(() -> Measures.parse("synonym,entropy")).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("measure").hasMessageContaining("entropy");
    }
}
