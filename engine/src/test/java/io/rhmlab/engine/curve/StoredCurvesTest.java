package io.rhmlab.engine.curve;

import io.rhmlab.engine.store.RunMeasurements;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.Realisation;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.experiment.SeedPolicy;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stored runs read back as the engine's curves: grouping, realisations, sensitivities, exclusions. */
class StoredCurvesTest {

    private static RunSpec run(Hierarchy h, Architecture a, long p, int seed) {
        return run(h, a, p, seed, SeedPolicy.NEW_RULES);
    }

    /** Realisation {@code seed} of a curve on {@code h}: its own rule and sample seeds, as a curve derives them. */
    private static RunSpec run(Hierarchy h, Architecture a, long p, int seed, SeedPolicy policy) {
        Realisation r = Realisation.of(h, policy, seed);
        return new RunSpec(r.apply(h), a, TestRuns.sgd(), p, 100, seed, null, r);
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
            assertThat(c.note()).isEqualTo("1 DIVERGED left out; the other 8 trained to loss ≤ 0.001");
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

    /**
     * Curves of rule seeds 1 and 2, and of new and fixed rules on one base, are four curves, never one: each keeps its
     * own realisations and P*, and the pooled curve is an explicit operation that says what it pooled.
     */
    @Test
    void curvesOfOtherRuleSeedsOrSeedPoliciesNeverMerge(@TempDir Path dir) {
        Hierarchy one = TestRuns.task(), two = one.withSeeds(2, 2);
        Architecture cnn = TestRuns.cnn();
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            for (int seed = 1; seed <= 2; seed++) {
                for (long p : List.of(32L, 64L)) {
                    store.put(TestRuns.result(run(one, cnn, p, seed)));
                    store.put(TestRuns.result(run(two, cnn, p, seed)));
                    store.put(TestRuns.result(run(one, cnn, p, seed, SeedPolicy.FIXED_RULES)));
                }
            }
            store.put(TestRuns.result(new RunSpec(one, cnn, TestRuns.sgd(), 32, 100, 7)));   // a run on its own (rhmlab train)
            StoredCurves stored = StoredCurves.of(store);
            // realisation 1 of new and of fixed rules is the same grammar and data, but another curve: stored twice
            assertThat(stored.runs()).isEqualTo(13);
            assertThat(stored.curves()).hasSize(4);
            assertThat(stored.curves()).allSatisfy(c -> assertThat(c.members()).hasSizeLessThanOrEqualTo(4));
            assertThat(stored.tasks()).isEqualTo(2);
            LearningCurveResult newRules = stored.curves().get(0), ofTwo = stored.curves().get(1), fixed = stored.curves().get(2);
            assertThat(newRules.spec().hierarchy()).isEqualTo(one);
            assertThat(ofTwo.spec().hierarchy()).isEqualTo(two);
            assertThat(fixed.spec().seedPolicy()).isEqualTo(SeedPolicy.FIXED_RULES);
            assertThat(newRules.realisations()).containsExactly(1, 2);
            assertThat(newRules.label()).isEqualTo(cnn.label() + " · new rules");
            assertThat(fixed.label()).isEqualTo(cnn.label() + " · fixed rules");
            // the curve's spec expands into exactly its stored runs again
            assertThat(newRules.members()).extracting(CurveMember::spec)
                    .containsExactlyInAnyOrderElementsOf(newRules.spec().runs());

            LearningCurveResult pooled = StoredCurves.pooled(List.of(newRules, ofTwo));
            assertThat(pooled.realisations()).containsExactly(1, 2, 3, 4);
            assertThat(pooled.members()).hasSize(8);
            assertThat(pooled.label()).contains("pooled over 2 curves").contains("rules 1/sample 1").contains("rules 2/sample 2");
            var lcn = new LearningCurveResult(io.rhmlab.dsl.experiment.LearningCurveSpec.of(one, Architecture.lcn().width(16).build(),
                    TestRuns.sgd(), List.of(32L), 1).withTestSize(100), List.of());
            assertThatThrownBy(() -> StoredCurves.pooled(List.of(newRules, lcn)))
                    .hasMessageContaining("only curves that differ in their seeds pool");
        }
    }

    /**
     * Classification and last-token curves of one grammar and network, and curves of data drawn with and without
     * replacement, are different curves: merged, their medians would mix two measurements.
     */
    @Test
    void curvesOfOtherTasksOrSamplingNeverMerge(@TempDir Path dir) {
        Hierarchy one = TestRuns.task();
        Architecture cnn = TestRuns.cnn();
        var classify = io.rhmlab.dsl.experiment.LearningCurveSpec.of(one, cnn, TestRuns.sgd(), List.of(32L, 64L), 2).withTestSize(100);
        var lastToken = classify.withTask(io.rhmlab.dsl.experiment.Task.lastToken());
        var replaced = io.rhmlab.dsl.experiment.LearningCurveSpec.of(one.withReplacement(true), cnn, TestRuns.sgd(), List.of(32L, 64L), 2)
                .withTestSize(100);
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            for (var spec : List.of(classify, lastToken, replaced)) for (RunSpec r : spec.runs()) store.put(TestRuns.result(r));
            StoredCurves stored = StoredCurves.of(store);
            assertThat(stored.curves()).hasSize(3);
            assertThat(stored.curves()).allSatisfy(c -> assertThat(c.members()).hasSize(4));
            assertThat(stored.curves().get(1).spec().task()).isEqualTo(io.rhmlab.dsl.experiment.Task.lastToken());
            assertThat(stored.curves().get(1).label()).contains("last-token");
            assertThat(stored.curves().get(2).spec().hierarchy().replacement()).isTrue();
            assertThatThrownBy(() -> StoredCurves.pooled(List.of(stored.curves().get(0), stored.curves().get(1))))
                    .hasMessageContaining("only curves that differ in their seeds pool");
        }
    }

    /** Two runs of one curve at the same (realisation, P) are an error, never an average or an overwrite. */
    @Test
    void aSecondRunAtTheSameRealisationAndSizeIsRefused() {
        Hierarchy task = TestRuns.task();
        RunSpec a = run(task, TestRuns.cnn(), 32, 1);
        RunSpec b = new RunSpec(task, TestRuns.cnn(), TestRuns.sgd(), 32, 100, 1);
        CurveMember x = new CurveMember(1, 32, "aaaaaaaaaaaaaaaa", TestRuns.result(a), true);
        CurveMember y = new CurveMember(1, 32, "bbbbbbbbbbbbbbbb", TestRuns.result(b), true);
        var spec = io.rhmlab.dsl.experiment.LearningCurveSpec.of(task, TestRuns.cnn(), TestRuns.sgd(), List.of(32L), 1).withTestSize(100);
        assertThatThrownBy(() -> new LearningCurveResult(spec, List.of(x, y)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two runs (aaaaaaaaaaaa, bbbbbbbbbbbb) for realisation 1 at P = 32");
    }
}
