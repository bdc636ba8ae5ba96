package io.rhmlab.engine.store;

import io.rhmlab.engine.observe.CheckpointMeasurement;
import io.rhmlab.engine.run.MeasurementRequirement;
import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.experiment.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.rhmlab.dsl.experiment.Observable.NOISE;
import static io.rhmlab.dsl.experiment.Observable.SYNONYMS;
import static org.assertj.core.api.Assertions.assertThat;

/** The one codec of the measurements column, and the typed requirement a stored run must meet to be reused. */
class RunMeasurementsTest {

    @Test
    void nanAndInfinityRoundTripThroughTheStore(@TempDir Path dir) {
        double[][] s = {{0.5, Double.NaN}, {Double.POSITIVE_INFINITY, 1e-7}};
        double[][] g = {{0.25}, {0.125}};
        RunSpec run = TestRuns.run(64);
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            store.put(TestRuns.result(run));
            store.putMeasurement(run, SYNONYMS.storeName(), RunMeasurements.encode(s));
            store.putMeasurement(run, NOISE.storeName(), RunMeasurements.encode(g));
            store.putMeasurement(run, RunMeasurements.CHECKPOINTS, RunMeasurements.encode(List.of(
                    new CheckpointMeasurement(2, Map.of(SYNONYMS, s)), new CheckpointMeasurement(0, Map.of(SYNONYMS, g)))));
            StoredRun stored = store.findRun(run).orElseThrow();
            // byte form: the sentinels JSON can hold, under the store names
            assertThat(stored.measurementsJson()).contains("\"synonymSensitivity\":[[0.5,-1.0],[1.7976931348623157E308,1.0E-7]]")
                    .contains("\"noiseSensitivity\":[[0.25],[0.125]]");
            Map<Observable, double[][]> back = RunMeasurements.of(stored);
            assertThat(back).containsOnlyKeys(SYNONYMS, NOISE);   // the series is not a table
            assertThat(back.get(SYNONYMS)[0][1]).isNaN();
            assertThat(back.get(SYNONYMS)[1][0]).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(back.get(NOISE)).isDeepEqualTo(g);
            List<CheckpointMeasurement> series = RunMeasurements.checkpoints(stored);
            assertThat(series).extracting(CheckpointMeasurement::epoch).containsExactly(0, 2);
            assertThat(series.get(1).value(SYNONYMS, 1, 2)).isNaN();
            assertThat(series.get(1).value(SYNONYMS, 2, 1)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(series.get(0).value(SYNONYMS, 2, 1)).isEqualTo(0.125);
            assertThat(series.get(0).value(NOISE, 1, 1)).as("not measured").isNaN();
        }
    }

    @Test
    void requirementNamesTablesAndThePeriodOfTheSeries(@TempDir Path dir) {
        RunSpec run = TestRuns.run(64);   // its result ran 20 epochs
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            store.put(TestRuns.result(run));
            double[][] t = {{0.5}};
            assertThat(MeasurementRequirement.NONE.metBy(store.findRun(run).orElseThrow())).isTrue();
            MeasurementRequirement endOnly = new MeasurementRequirement(Set.of(SYNONYMS), 0);
            assertThat(endOnly.metBy(store.findRun(run).orElseThrow())).isFalse();
            store.putMeasurement(run, SYNONYMS.storeName(), RunMeasurements.encode(t));
            assertThat(endOnly.metBy(store.findRun(run).orElseThrow())).isTrue();
            assertThat(new MeasurementRequirement(Set.of(SYNONYMS, NOISE), 0).metBy(store.findRun(run).orElseThrow())).isFalse();

            MeasurementRequirement every10 = new MeasurementRequirement(Set.of(SYNONYMS), 10);
            store.putMeasurement(run, RunMeasurements.CHECKPOINTS, RunMeasurements.encode(List.of(
                    new CheckpointMeasurement(0, Map.of(SYNONYMS, t)), new CheckpointMeasurement(10, Map.of(SYNONYMS, t)))));
            assertThat(every10.metBy(store.findRun(run).orElseThrow())).as("epoch 20 missing").isFalse();
            store.putMeasurement(run, RunMeasurements.CHECKPOINTS, RunMeasurements.encode(List.of(
                    new CheckpointMeasurement(0, Map.of(SYNONYMS, t)), new CheckpointMeasurement(10, Map.of(SYNONYMS, t)),
                    new CheckpointMeasurement(20, Map.of(SYNONYMS, t)))));
            assertThat(every10.metBy(store.findRun(run).orElseThrow())).isTrue();
            assertThat(new MeasurementRequirement(Set.of(SYNONYMS), 5).metBy(store.findRun(run).orElseThrow())).isFalse();
        }
    }
}
