package io.rhmlab.engine.curve;

import io.rhmlab.engine.observe.CheckpointMeasurement;
import io.rhmlab.engine.store.RunMeasurements;
import io.rhmlab.dsl.experiment.Observable;
import com.fasterxml.jackson.databind.JsonNode;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.store.SpecJson;
import io.rhmlab.engine.store.StoredRun;
import io.rhmlab.engine.train.MemberResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observables measured every N epochs during training (the Gaussian-noise sensitivity among them): stored with
 * the run as a series, without changing training or the end-of-training tables.
 */
class MeasuredDuringTrainingTest {

    @TempDir
    Path dir;

    /** v = n_c = m = 4, s = 2, L = 2: d = 4, P_max = 256. */
    static final Hierarchy RHM = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).depth(2).seed(1).build();

    private LearningCurve curve(String store, Measures measures) {
        return LearningCurve.of(RHM).model(Architecture.cnn().width(16))
                .training(Training.sgd(0.1).batch(16).checkEvery(1).lossThreshold(1e-9).maxEpochs(4))
                .sizes(List.of(64L)).seeds(1).testSize(64).store(dir.resolve(store)).progress(false)
                .measure(measures);
    }

    @Test
    void aSeriesIsStoredAtEveryNthEpochAndTrainingIsUnchanged() {
        Measures end = Measures.parse("synonym,noise");
        CurveMember plain = curve("plain.sqlite", end).run().members().get(0);
        LearningCurveResult during = curve("during.sqlite", end.atEpochs(2)).run();
        CurveMember m = during.members().get(0);

        // training is the same, bit for bit, and so are the end-of-training tables
        assertThat(m.epochs()).isEqualTo(4);
        assertSameTraining(m.result(), plain.result());
        assertThat(m.measurements()).containsOnlyKeys(Observable.SYNONYMS, Observable.NOISE);
        assertThat(m.measurements().get(Observable.SYNONYMS)).isDeepEqualTo(plain.measurements().get(Observable.SYNONYMS));
        assertThat(m.measurements().get(Observable.NOISE)).isDeepEqualTo(plain.measurements().get(Observable.NOISE))
                .hasDimensions(3, 1);   // G_1, G_2, G_out: one "level"
        assertThat(plain.checkpoints()).isEmpty();

        // epochs 0 (initialisation), 2 and 4; the last is the end of training: the same weights, the same tables
        assertThat(m.checkpoints()).extracting(CheckpointMeasurement::epoch).containsExactly(0, 2, 4);
        CheckpointMeasurement last = m.checkpoints().get(2);
        assertThat(last.tables().get(Observable.SYNONYMS)).isDeepEqualTo(m.measurements().get(Observable.SYNONYMS));
        assertThat(last.tables().get(Observable.NOISE)).isDeepEqualTo(m.measurements().get(Observable.NOISE));
        assertThat(m.checkpoints().get(0).value(Observable.SYNONYMS, 2, 1)).isBetween(0.05, 3.0);
        assertThat(m.checkpoints().get(0).value(Observable.NOISE, 2, 1)).isBetween(0.05, 5.0);
        assertThat(m.checkpoints().get(0).tables().get(Observable.SYNONYMS))
                .as("the weights change between epochs").isNotEqualTo(last.tables().get(Observable.SYNONYMS));
        assertThat(during.synonymSensitivityByEpoch(1, 64)).containsOnlyKeys(0, 2, 4)
                .containsEntry(4, m.measurement(Observable.SYNONYMS, 2, 1));
        assertThat(during.noiseSensitivityByEpoch(1, 64)).containsOnlyKeys(0, 2, 4);
        assertThat(during.noiseSensitivity()).containsOnlyKeys(64L);

        // stored beside the tables under "checkpoints", which readers of tables skip
        try (RunStore s = RunStore.open(dir.resolve("during.sqlite"))) {
            StoredRun run = s.findRun(m.spec()).orElseThrow();
            JsonNode series = SpecJson.tree(run.measurementsJson()).get(RunMeasurements.CHECKPOINTS);
            assertThat(series).hasSize(3);
            assertThat(series.get(1).path("epoch").asInt()).isEqualTo(2);
            assertThat(series.get(1).has(Observable.SYNONYMS.storeName())).isTrue();
            assertThat(series.get(1).has(Observable.NOISE.storeName())).isTrue();
            assertThat(RunMeasurements.of(run)).containsOnlyKeys(Observable.SYNONYMS, Observable.NOISE);
            assertThat(RunMeasurements.checkpoints(run)).extracting(CheckpointMeasurement::epoch).containsExactly(0, 2, 4);
        }

        // served again with its series; a finer period is not covered by it, so the run is trained again
        LearningCurveResult again = curve("during.sqlite", end.atEpochs(2)).run();
        assertThat(again.trained()).isZero();
        assertThat(again.synonymSensitivityByEpoch(1, 64)).isEqualTo(during.synonymSensitivityByEpoch(1, 64));
        assertThat(curve("during.sqlite", end.atEpochs(4)).run().trained()).as("epochs 0, 4 are stored").isZero();
        LearningCurveResult finer = curve("during.sqlite", end.atEpochs(1)).run();
        assertThat(finer.trained()).isEqualTo(1);
        assertThat(finer.members().get(0).checkpoints()).extracting(CheckpointMeasurement::epoch).containsExactly(0, 1, 2, 3, 4);
        assertThat(finer.synonymSensitivityByEpoch(1, 64).get(2)).isEqualTo(during.synonymSensitivityByEpoch(1, 64).get(2));
    }

    private static void assertSameTraining(MemberResult a, MemberResult b) {
        assertThat(a.status()).isEqualTo(b.status());
        assertThat(a.testError()).isEqualTo(b.testError());
        assertThat(a.trainLoss()).isEqualTo(b.trainLoss());
        assertThat(a.trainError()).isEqualTo(b.trainError());
        assertThat(a.steps()).isEqualTo(b.steps());
        assertThat(a.history()).isEqualTo(b.history());
    }
}
