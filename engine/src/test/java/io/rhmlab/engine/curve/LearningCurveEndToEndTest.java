package io.rhmlab.engine.curve;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.train.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A real curve on the DJL trainer (CPU): trained once, then served from the store. */
class LearningCurveEndToEndTest {

    @TempDir
    Path dir;

    private LearningCurve curve() {
        Hierarchy task = Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(4).branching(2).depth(2).seed(3).build();
        return LearningCurve.of(task)
                .model(Architecture.cnn().width(16))
                .training(Training.sgd(0.1).batch(32).checkEvery(5).maxEpochs(5))
                .sizes(new long[]{64, 256}).seeds(1).testSize(128)
                .settings(TrainerSettings.defaults().withDevice(DeviceChoice.CPU).withThreads(2))
                .store(dir.resolve("runs.sqlite"))
                .progress(false);
    }

    @Test
    void trainsOnceThenServesFromTheStore() {
        LearningCurveResult first = curve().run();
        assertThat(first.trained()).isEqualTo(2);
        assertThat(first.failures()).isEmpty();
        assertThat(first.members()).allSatisfy(m -> {
            assertThat(m.status()).isIn(Status.CONVERGED, Status.MAX_EPOCHS);
            assertThat(m.epochs()).isBetween(1, 5);
            assertThat(m.testError()).isBetween(0.0, 1.0);
            assertThat(m.steps()).isPositive();
            assertThat(m.device()).containsIgnoringCase("cpu");
        });

        LearningCurveResult second = curve().run();
        assertThat(second.trained()).isZero();
        assertThat(second.reused()).isEqualTo(2);
        assertThat(second.members()).extracting(CurveMember::result)
                .isEqualTo(first.members().stream().map(CurveMember::result).toList());
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            assertThat(store.list()).hasSize(2).allSatisfy(r -> assertThat(r.versions().djl()).isEqualTo("0.36.0"));
        }
    }
}
