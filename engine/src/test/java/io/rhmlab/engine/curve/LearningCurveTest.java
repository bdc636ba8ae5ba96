package io.rhmlab.engine.curve;

import io.rhmlab.engine.run.Sweep;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.LearningCurveSpec;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.Seeds;
import io.rhmlab.dsl.experiment.Realisation;
import io.rhmlab.dsl.experiment.SeedPolicy;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.store.StoredRun;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LearningCurveTest {

    @TempDir
    Path dir;

    /** The docs/architecture.md task: v = n_c = m = 8, s = 2, L = 3; n_c·m^L = 4096, P_max = 8^8. */
    static final Hierarchy TASK = Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(8).branching(2).depth(3).seed(1).build();
    /** 1024, 2048, ..., 65536: ε is linear in ln P between them, so interpolated P* are exact. */
    static final long[] SIZES = TASK.sizesAround(0.25, 16.0, 7);

    private LearningCurve curve(FakeRunner runner) {
        return LearningCurve.of(TASK)
                .model(Architecture.cnn().width(256))
                .training(Training.sgd(0.1).momentum(0.9).batch(128).lossThreshold(1e-3).maxEpochs(300))
                .sizes(SIZES).seeds(3)
                .store(dir.resolve("runs.sqlite"))
                .ensemble(4)
                .progress(false)
                .runner(runner);
    }

    @Test
    void aProgressDisplayReplacesTheLineAndProgressFalseSilencesIt() {
        java.util.concurrent.atomic.AtomicInteger shown = new java.util.concurrent.atomic.AtomicInteger();
        io.rhmlab.engine.train.TrainingListener display = new io.rhmlab.engine.train.TrainingListener() {
            @Override
            public void onMemberDone(int member, io.rhmlab.engine.train.MemberResult result) {
                shown.incrementAndGet();
            }
        };
        curve(new FakeRunner()).progress(true).progressDisplay(display).run();
        assertThat(shown.get()).isEqualTo(21);   // 7 sizes × 3 seeds
        shown.set(0);
        curve(new FakeRunner()).store(dir.resolve("other.sqlite")).progressDisplay(display).progress(false).run();
        assertThat(shown.get()).isZero();
    }

    @Test
    void sizesAreTheExpectedGrid() {
        assertThat(SIZES).containsExactly(1024, 2048, 4096, 8192, 16384, 32768, 65536);
    }

    @Test
    void expandsIntoOneRunPerSeedAndSizeWithNewRulesPerSeed() {
        LearningCurveSpec spec = curve(new FakeRunner()).spec();
        List<RunSpec> runs = spec.runs();
        assertThat(runs).hasSize(21);
        assertThat(runs.get(0).hierarchy()).isEqualTo(TASK);
        RunSpec third = runs.get(2 * 7 + 4);
        // realisation 3 derives its seeds from the base ones (no sliding window), and carries its curve identity
        assertThat(third.hierarchy().ruleSeed()).isEqualTo(Seeds.derive(TASK.ruleSeed(), Seeds.Purpose.REALISATION_RULES, 3));
        assertThat(third.hierarchy().sampleSeed()).isEqualTo(Seeds.derive(TASK.sampleSeed(), Seeds.Purpose.REALISATION_SAMPLES, 3));
        assertThat(third.modelSeed()).isEqualTo(3);
        assertThat(third.realisation()).isEqualTo(new Realisation(TASK.ruleSeed(), TASK.sampleSeed(), SeedPolicy.NEW_RULES, 3));
        assertThat(third.curveHierarchy()).isEqualTo(TASK);
        assertThat(third.trainSize()).isEqualTo(16384);
        assertThat(third.testSize()).isEqualTo(20_000);
        assertThat(spec.runs()).isEqualTo(runs);   // deterministic

        LearningCurveSpec fixed = curve(new FakeRunner()).fixedRules().spec();
        RunSpec f = fixed.runs().get(2 * 7);
        assertThat(f.hierarchy().ruleSeed()).isEqualTo(TASK.ruleSeed());
        assertThat(f.hierarchy().sampleSeed()).isEqualTo(third.hierarchy().sampleSeed());
        assertThat(f).isNotEqualTo(third.withTrainSize(f.trainSize()));   // another curve: another run
        assertThat(f.modelSeed()).isEqualTo(3);
        assertThat(fixed.seedPolicy()).isEqualTo(SeedPolicy.FIXED_RULES);
    }

    @Test
    void theDefaultTestSizeIsClippedToWhatPmaxLeaves() {
        Hierarchy small = Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(4).depth(2).seed(1).build();  // P_max = 512
        LearningCurveSpec spec = LearningCurve.of(small).model(Architecture.cnn().width(8)).training(Training.sgd(0.1))
                .sizes(new long[]{100, 400}).spec();
        assertThat(spec.testSize()).isEqualTo(112);
        assertThat(LearningCurveSpec.defaultTestSize(TASK, 65536)).isEqualTo(20_000);
    }

    @Test
    void aSecondRunTrainsNothing() {
        FakeRunner first = new FakeRunner();
        LearningCurveResult a = curve(first).run();
        assertThat(first.trained).hasSize(21);
        assertThat(first.calls).hasSize(6).allSatisfy(c -> assertThat(c).hasSizeLessThanOrEqualTo(4));
        assertThat(a.trained()).isEqualTo(21);
        assertThat(a.reused()).isZero();

        FakeRunner second = new FakeRunner();
        LearningCurveResult b = curve(second).run();
        assertThat(second.calls).isEmpty();
        assertThat(b.reused()).isEqualTo(21);
        assertThat(b.members()).extracting(CurveMember::result).isEqualTo(a.members().stream().map(CurveMember::result).toList());
        assertThat(curve(second).pending()).isEmpty();
    }

    /** Members step in lockstep: ensembles cut from the size-sorted runs keep the long runs together. */
    @Test
    void ensemblesAreCutLargestPFirst() {
        FakeRunner runner = new FakeRunner();
        curve(runner).ensemble(7).run();
        assertThat(runner.calls).hasSize(3);
        for (int i = 0; i + 1 < runner.calls.size(); i++) {
            long smallest = runner.calls.get(i).stream().mapToLong(RunSpec::trainSize).min().orElseThrow();
            long largestNext = runner.calls.get(i + 1).stream().mapToLong(RunSpec::trainSize).max().orElseThrow();
            assertThat(smallest).isGreaterThanOrEqualTo(largestNext);
        }
    }

    @Test
    void aCrashLosesNoFinishedMemberAndARestartTrainsOnlyTheRest() {
        FakeRunner crashing = new FakeRunner().crashAfter(6, () -> new OutOfMemoryError("simulated crash"));
        assertThatThrownBy(() -> curve(crashing).run()).isInstanceOf(OutOfMemoryError.class);
        List<RunSpec> done = crashing.trained;
        assertThat(done).hasSize(6);
        assertThat(curve(new FakeRunner()).pending()).hasSize(15).doesNotContainAnyElementsOf(done);

        FakeRunner restart = new FakeRunner();
        LearningCurveResult r = curve(restart).run();
        assertThat(restart.trained).hasSize(15).doesNotContainAnyElementsOf(done);
        assertThat(r.reused()).isEqualTo(6);
        assertThat(r.failures()).isEmpty();
    }

    @Test
    void aDivergedMemberIsStoredWithItsErrorAndLeftOutOfMediansAndPStar() {
        // seed 2 diverges at P = 4096: no test error, out of the median there, and its P* reads from its other sizes
        FakeRunner runner = new FakeRunner().diverging(r -> r.modelSeed() == 2 && r.trainSize() == 4096);
        LearningCurveResult r = curve(runner).run();
        assertThat(r.divergences()).singleElement().satisfies(m -> {
            assertThat(m.seed()).isEqualTo(2);
            assertThat(m.testError()).isNaN();
            assertThat(m.result().error()).contains("non-finite training loss at step 7")
                    .contains("last finite checkpoint: epoch 1, train loss 2.500, test error 0.8500");
        });
        assertThat(r.exclusionSummary()).isEqualTo("1 DIVERGED");
        double seed1 = FakeRunner.error(r.member(1, 4096).orElseThrow().spec());
        double seed3 = FakeRunner.error(r.member(3, 4096).orElseThrow().spec());
        assertThat(r.medianTestError().get(4096L)).isCloseTo((seed1 + seed3) / 2, within(1e-12));
        assertThat(r.testError(2, ErrorMetric.FINAL)).doesNotContainKey(4096L).hasSize(6);
        assertThat(r.sampleComplexity().ofSeed(2).samples()).isCloseTo(FakeRunner.pStar(2), within(1e-6));
        assertThat(r.toString()).contains("1 DIVERGED (left out)").contains("DIVERGED");
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            StoredRun row = store.list().stream().filter(s -> s.status() == Status.DIVERGED).findFirst().orElseThrow();
            assertThat(row.testError()).isNaN();
            assertThat(row.error()).contains("non-finite training loss");
        }
        // a diverged run is a result of its spec: the next run serves it from the store, still left out
        FakeRunner again = new FakeRunner();
        LearningCurveResult second = curve(again).run();
        assertThat(again.trained).isEmpty();
        assertThat(second.divergences()).hasSize(1);
        assertThat(second.medianTestError()).isEqualTo(r.medianTestError());
    }

    @Test
    void aFailingEnsembleIsStoredAsFailedTheOthersGoOnAndARetryRedoesIt() {
        FakeRunner failing = new FakeRunner().crashAfter(2, () -> new IllegalStateException("CUDA out of memory"));
        LearningCurveResult r = curve(failing).run();
        // the first ensemble reported 2 members then failed: its other 2 are FAILED; the next ensembles never ran
        // (this runner fails every call after its second member), so 19 runs are FAILED in all
        assertThat(r.failures()).hasSize(19).allSatisfy(m -> assertThat(m.result().error()).contains("CUDA out of memory"));
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            assertThat(store.list()).hasSize(21);
            assertThat(store.list().stream().filter(s -> s.status() == Status.FAILED)).hasSize(19);
        }
        FakeRunner retry = new FakeRunner();
        LearningCurveResult again = curve(retry).run();
        assertThat(retry.trained).hasSize(19);
        assertThat(again.failures()).isEmpty();
        assertThat(again.reused()).isEqualTo(2);
    }

    @Test
    void badInputFoundByTheTrainerSurfacesInsteadOfBeingStoredAsFailed() {
        FakeRunner bad = new FakeRunner().crashAfter(0, () -> new InvalidSpecException("P_train", "pool too small"));
        assertThatThrownBy(() -> curve(bad).run()).isInstanceOf(InvalidSpecException.class).hasMessage("P_train: pool too small");
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            assertThat(store.list()).isEmpty();
        }
    }

    @Test
    void resultsOnlyReturnedAreStoredToo() {
        curve(new FakeRunner().silent()).run();
        FakeRunner second = new FakeRunner();
        curve(second).run();
        assertThat(second.calls).isEmpty();
    }

    @Test
    void readsMediansScalesAndSampleComplexity() {
        LearningCurveResult r = curve(new FakeRunner()).run();
        assertThat(r.medianTestError()).containsOnlyKeys(1024L, 2048L, 4096L, 8192L, 16384L, 32768L, 65536L);
        RunSpec seed2 = r.ofSeed(2).get(3).spec();
        assertThat(r.medianTestError().get(8192L)).isCloseTo(FakeRunner.error(seed2), within(1e-12));
        assertThat(r.scales().sampleComplexity()).isEqualTo(BigInteger.valueOf(4096));
        assertThat(r.scales().maxSamples()).isEqualTo(BigInteger.valueOf(8).pow(8));

        PStarReading est = r.sampleComplexity();
        for (int seed = 1; seed <= 3; seed++) {
            assertThat(est.ofSeed(seed).samples()).isCloseTo(FakeRunner.pStar(seed), within(1e-6));
        }
        assertThat(est.median().samples()).isCloseTo(FakeRunner.pStar(2), within(1e-6));
        assertThat(est.ofMedianCurve().samples()).isCloseTo(FakeRunner.pStar(2), within(1e-6));
        assertThat(est.interval().contains(est.median().samples())).isTrue();
        assertThat(est.interval().lower()).isGreaterThanOrEqualTo(FakeRunner.pStar(1) - 1e-6);
        assertThat(est.interval().upper()).isLessThanOrEqualTo(FakeRunner.pStar(3) + 1e-6);

        FakeRunner none = new FakeRunner();
        LearningCurveResult head = curve(none).sizes(new long[]{1024, 2048, 4096}).run();   // a sub-grid: all stored
        assertThat(none.calls).isEmpty();
        assertThat(head.sampleComplexity().median().outcome()).isEqualTo(PStar.Outcome.NOT_REACHED);
        assertThat(head.sampleComplexity().interval().upper()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.sampleComplexity(0.9).median().outcome()).isEqualTo(PStar.Outcome.BELOW_AT_SMALLEST);
        assertThat(r.toString()).contains("P* = 1.747e+04");
    }

    @Test
    void badInputIsRejectedBeforeAnyWorkNamingTheParameter() {
        FakeRunner runner = new FakeRunner();
        expectInvalid("sizes", c -> c.sizes(new long[]{-5, 100}), runner);
        expectInvalid("sizes", c -> c.sizes(new long[0]), runner);
        expectInvalid("seeds", c -> c.seeds(0), runner);
        expectInvalid("K", c -> c.ensemble(0), runner);
        expectInvalid("testSize", c -> c.testSize(0), runner);
        expectInvalid("P_train + P_test", c -> c.testSize(16_777_216 - 65_000), runner);
        expectInvalid("P_train + P_test", c -> c.sizes(new long[]{100, 16_777_216}), runner);
        expectInvalid("architecture", c -> c.model((Architecture) null), runner);
        assertThat(runner.calls).isEmpty();
        assertThatThrownBy(() -> Sweep.ensembles(List.of(), 0)).isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("K:");
    }

    private void expectInvalid(String parameter, Consumer<LearningCurve> change, FakeRunner runner) {
        LearningCurve c = curve(runner);
        change.accept(c);
        assertThatThrownBy(c::run).isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).parameter()).isEqualTo(parameter));
    }

    @Test
    void aMemberResultSurvivesTheStoreUnchanged() {
        LearningCurveResult r = curve(new FakeRunner()).run();
        MemberResult direct = FakeRunner.result(r.members().get(5).spec());
        assertThat(curve(new FakeRunner()).run().members().get(5).result()).isEqualTo(direct);
    }
}
