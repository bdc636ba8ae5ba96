package io.rhmlab.engine.curve;

import io.rhmlab.engine.store.RunMeasurements;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.store.TestRuns;
import io.rhmlab.engine.train.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.rhmlab.dsl.experiment.Observable.SYNONYMS;
import static org.assertj.core.api.Assertions.assertThat;

/** Stored runs read back as the engine's curves: grouping, realisations, sensitivities, exclusions. */
class StoredCurvesTest {

    private static RunSpec run(Hierarchy h, Architecture a, long p, int seed) {
        // realisation `seed` of the task: its own rule and sample seeds, as a curve derives them
        return new RunSpec(h.withSeeds(h.ruleSeed() + seed - 1, h.sampleSeed() + seed - 1), a, TestRuns.sgd(), p, 100, seed);
    }

    @Test
    void runsGroupIntoOneCurvePerHierarchyAndNetworkWithTheirSeedsAndSensitivities(@TempDir Path dir) {
        Hierarchy task = TestRuns.task();
        Hierarchy other = Hierarchy.rhm().vocabulary(6).classes(6).multiplicity(3).branching(2).depth(2).seed(1).build();
        Architecture cnn = TestRuns.cnn(), lcn = Architecture.lcn().width(16).build();
        double[][] s = {{0.9, 0.8}, {0.3, 0.7}, {0.2, 0.5}};
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            for (int seed = 1; seed <= 3; seed++) {
                for (long p : List.of(32L, 64L, 128L)) {
                    RunSpec c = run(task, cnn, p, seed);
                    boolean diverge = seed == 2 && p == 64;
                    store.put(TestRuns.result(c, diverge ? Status.DIVERGED : Status.CONVERGED));
                    if (!diverge) store.putMeasurement(c, SYNONYMS.storeName(), RunMeasurements.encode(s));
                    store.put(TestRuns.result(run(task, lcn, p, seed)));
                }
            }
            store.put(TestRuns.result(run(other, cnn, 32, 1)));

            StoredCurves stored = StoredCurves.of(store);
            assertThat(stored.unreadable()).isZero();
            assertThat(stored.curves()).extracting(LearningCurveResult::label)
                    .containsExactly(cnn.label(), lcn.label(), cnn.label());
            assertThat(stored.tasks()).isEqualTo(2);
            assertThat(stored.byTask()).hasSize(2).first().asList().hasSize(2);
            assertThat(stored.runs()).isEqualTo(19);
            assertThat(stored.excluded()).isEqualTo(1);

            LearningCurveResult c = stored.curves().get(0);
            assertThat(c.spec().hierarchy()).isEqualTo(task);           // realisation 1's task
            assertThat(c.realisations()).containsExactly(1, 2, 3);
            assertThat(c.sizes()).containsExactly(32L, 64L, 128L);
            assertThat(c.members()).hasSize(9).allMatch(CurveMember::reused);
            assertThat(c.divergences()).singleElement().satisfies(m -> {
                assertThat(m.seed()).isEqualTo(2);
                assertThat(m.trainSize()).isEqualTo(64L);
            });
            assertThat(c.note()).isEqualTo("1 DIVERGED left out");
            // the DIVERGED run is left out of the medians: at P = 64 the median is over realisations 1 and 3
            double e64 = TestRuns.result(run(task, cnn, 64, 1)).testError();
            assertThat(c.medianTestError().get(64L)).isEqualTo(e64);
            assertThat(c.testError(2, ErrorMetric.FINAL)).containsOnlyKeys(32L, 128L);
            assertThat(c.measured()).containsExactly(SYNONYMS);
            assertThat(c.medianObservable(SYNONYMS, 2, 1)).containsEntry(32L, 0.3).containsEntry(64L, 0.3);
            assertThat(c.medianTestErrorOfMeasured()).containsOnlyKeys(32L, 64L, 128L);
            assertThat(stored.curves().get(1).measured()).isEmpty();
            assertThat(c.pStarReading().realisations()).isEqualTo(3);
            assertThat(c.members().get(0).result().history()).isNotEmpty();
        }
    }

    @Test
    void curvesOfOneTaskAndNetworkThatDifferInTrainingGetTheTrainingInTheirLabels(@TempDir Path dir) {
        Hierarchy task = TestRuns.task();
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            store.put(TestRuns.result(new RunSpec(task, TestRuns.cnn(), TestRuns.sgd(), 32, 100, 1)));
            store.put(TestRuns.result(new RunSpec(task, TestRuns.cnn(), io.rhmlab.dsl.train.Training.sgd(0.5).batch(32).maxEpochs(20).build(), 32, 100, 1)));
            assertThat(StoredCurves.of(store).curves()).extracting(LearningCurveResult::label)
                    .containsExactly("CNN(H=16) · lr 0.1, 20 ep", "CNN(H=16) · lr 0.5, 20 ep");
        }
    }
}
