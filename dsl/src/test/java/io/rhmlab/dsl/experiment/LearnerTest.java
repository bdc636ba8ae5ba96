package io.rhmlab.dsl.experiment;

import io.rhmlab.dsl.InvalidSpecException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearnerTest {

    @Test
    void namesFromTheCommandLine() {
        assertThat(Learner.parse("sgd")).isEqualTo(new Learner.Sgd());
        assertThat(Learner.parse("sgd").kind()).isEqualTo(Learner.Kind.SGD);
        assertThat(clustering(Learner.parse("clustering")).patches()).isEqualTo(GradientPatches.FIRST);
        assertThat(clustering(Learner.parse("clustering:local")).patches()).isEqualTo(GradientPatches.LOCAL);
        assertThat(clustering(Learner.parse("Clustering:Shared")).patches()).isEqualTo(GradientPatches.SHARED);
        assertThat(Learner.parse("layerwise")).isInstanceOf(Learner.LayerwiseTraining.class);
        assertThat(((Learner.LayerwiseTraining) Learner.parse("layerwise")).settings().perPositionReadout()).isTrue();
    }

    private static Learner.Clustering clustering(Learner l) {
        assertThat(l).isInstanceOf(Learner.OneStepClustering.class);
        return ((Learner.OneStepClustering) l).settings();
    }

    /** Each kind answers its own visitor method, with its own settings. */
    @Test
    void eachKindVisitsItsOwnCase() {
        Learner.Visitor<String> names = new Learner.Visitor<>() {
            @Override
            public String sgd() {
                return "sgd";
            }

            @Override
            public String oneStepClustering(Learner.Clustering settings) {
                return "clustering H=" + settings.width();
            }

            @Override
            public String layerwiseTraining(Learner.Layerwise settings) {
                return "layerwise cap=" + settings.epochsPerLayer();
            }
        };
        assertThat(Learner.sgd().accept(names)).isEqualTo("sgd");
        assertThat(Learner.oneStepClustering(Learner.Clustering.defaults().withWidth(64)).accept(names)).isEqualTo("clustering H=64");
        assertThat(Learner.layerwiseTraining(new Learner.Layerwise(7, false)).accept(names)).isEqualTo("layerwise cap=7");
    }

    /** The stored form (the JSON of a run key) carries the kind and only that kind's settings, and reads back. */
    @Test
    void theStoredFormRoundTrips() {
        for (Learner l : java.util.List.of(Learner.sgd(), Learner.oneStepClustering(),
                Learner.oneStepClustering(Learner.Clustering.defaults().withPatches(GradientPatches.LOCAL)),
                Learner.layerwiseTraining(), Learner.layerwiseTraining(Learner.Layerwise.defaults().withPerPositionReadout(false)))) {
            assertThat(Learner.of(l.stored())).isEqualTo(l);
            assertThat(l.stored().kind()).isEqualTo(l.kind());
        }
        assertThat(Learner.sgd().stored()).isEqualTo(new Learner.Stored(Learner.Kind.SGD, null, null));
        assertThat(Learner.layerwiseTraining().stored()).isEqualTo(new Learner.Stored(Learner.Kind.LAYERWISE, null, Learner.Layerwise.defaults()));
        assertThatThrownBy(() -> new Learner.Stored(Learner.Kind.SGD, Learner.Clustering.defaults(), null))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("learner");
        assertThatThrownBy(() -> new Learner.OneStepClustering(null)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("learner");
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
