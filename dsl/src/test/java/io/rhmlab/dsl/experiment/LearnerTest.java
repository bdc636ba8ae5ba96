package io.rhmlab.dsl.experiment;

import io.rhmlab.dsl.InvalidSpecException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearnerTest {

    @Test
    void namesFromTheCommandLine() {
        assertThat(Learner.parse("sgd").kind()).isEqualTo(Learner.Kind.SGD);
        assertThat(Learner.parse("clustering").clustering().patches()).isEqualTo(GradientPatches.FIRST);
        assertThat(Learner.parse("clustering:local").clustering().patches()).isEqualTo(GradientPatches.LOCAL);
        assertThat(Learner.parse("Clustering:Shared").clustering().patches()).isEqualTo(GradientPatches.SHARED);
        assertThat(Learner.parse("layerwise").layerwise().perPositionReadout()).isTrue();
    }

    @Test
    void labelsTellTheVariantsApart() {
        assertThat(Learner.parse("clustering").label()).isEqualTo("clustering");
        assertThat(Learner.parse("clustering:local").label()).isEqualTo("clustering(local patches)");
        assertThat(Learner.layerwiseTraining(Learner.Layerwise.defaults().withPerPositionReadout(false)).label())
                .isEqualTo("layerwise(pooled readout)");
    }

    @Test
    void badNamesAreNamed() {
        assertThatThrownBy(() -> Learner.parse("clustering:diagonal")).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("learner").hasMessageContaining("first, shared or local");
        assertThatThrownBy(() -> Learner.parse("adam")).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("clustering:local");
        assertThatThrownBy(() -> Learner.Clustering.defaults().withPatches(null)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("patches");
    }
}
