package io.rhmlab.spark;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.cluster.ClusterExecutor;
import io.rhmlab.engine.cluster.ClusterOptions;
import io.rhmlab.engine.curve.CurveMember;
import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.run.RunOutcome;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.store.StoredRun;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.store.SpecJson;
import kotlin.Unit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sweeps on the embedded master local[2]. */
@Tag("slow")
class SparkSweepLocalTest {

    @TempDir
    Path dir;

    @BeforeEach
    void resetCounters() {
        Tiny.ATTEMPTS.clear();
    }

    @Test
    void sameResultsAsTheLocalRunnerStoredAndResumed() {
        LearningCurveResult local;
        try (RunStore store = RunStore.open(dir.resolve("local.sqlite"))) {
            local = Tiny.curve().store(store).run();
        }
        assertThat(local.trained()).isEqualTo(6);
        assertThat(local.failures()).isEmpty();

        try (RunStore store = RunStore.open(dir.resolve("spark.sqlite"))) {
            long t0 = System.nanoTime();
            LearningCurveResult onSpark = SparkSweep.on("local[2]").settings(Tiny.CPU).run(Tiny.curve(), store);
            System.err.printf("local[2] sweep of 6 runs: %.1f s%n", (System.nanoTime() - t0) / 1e9);

            assertThat(onSpark.trained()).isEqualTo(6);
            assertThat(onSpark.failures()).isEmpty();
            Tiny.assertSameResults(onSpark, local);
            assertThat(onSpark.members()).allSatisfy(m -> {
                assertThat(m.status()).isIn(Status.CONVERGED, Status.MAX_EPOCHS);
                assertThat(m.result().history()).isNotEmpty();
                assertThat(m.device()).containsIgnoringCase("cpu");
            });
            // in the store, as the local runner would have put them
            assertThat(store.list()).hasSize(6).allSatisfy(r -> assertThat(r.isFinished()).isTrue());
            for (CurveMember m : onSpark.members()) {
                assertThat(store.find(m.spec())).get().extracting(Tiny::withoutWallTime)
                        .isEqualTo(Tiny.withoutWallTime(m.result()));
            }

            // resume: everything is served from the store, nothing is trained (no context is even started)
            LearningCurveResult again = SparkSweep.on("local[2]").runnerFactory(new Tiny.Failing(64)).run(Tiny.curve(), store);
            assertThat(again.trained()).isZero();
            assertThat(again.reused()).isEqualTo(6);
            assertThat(Tiny.results(again)).isEqualTo(Tiny.results(onSpark));
            assertThat(Tiny.ATTEMPTS).isEmpty();
        }
    }

    @Test
    void aRunThatFailsForGoodIsStoredAsFailedAfterSparkRetriesAndTheSweepGoesOn() {
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            LearningCurveResult r = SparkSweep.on("local[2]").maxFailures(2).runnerFactory(new Tiny.Failing(128))
                    .run(Tiny.curve().ensemble(1), store);

            assertThat(r.members()).hasSize(6);
            List<CurveMember> failed = r.members().stream().filter(CurveMember::failed).toList();
            assertThat(failed).extracting(CurveMember::trainSize).containsExactly(128L, 128L);
            assertThat(failed).allSatisfy(m -> assertThat(m.result().error()).isEqualTo("IllegalStateException: boom at P = 128"));
            assertThat(r.members()).filteredOn(m -> !m.failed()).hasSize(4)
                    .allSatisfy(m -> assertThat(m.result()).isEqualTo(Tiny.fakeResult(m.spec())));
            // Spark retried each failing task: 2 attempts; the others succeeded at once
            assertThat(Tiny.ATTEMPTS.get("128/1")).hasValue(2);
            assertThat(Tiny.ATTEMPTS.get("128/2")).hasValue(2);
            assertThat(Tiny.ATTEMPTS.get("64/1")).hasValue(1);

            List<StoredRun> rows = store.list();
            assertThat(rows).hasSize(6);
            assertThat(rows).filteredOn(row -> row.status() == Status.FAILED).hasSize(2)
                    .allSatisfy(row -> assertThat(row.error()).contains("boom at P = 128"));

            // FAILED runs are retried by the next sweep, and only they
            Tiny.ATTEMPTS.clear();
            LearningCurveResult retry = SparkSweep.on("local[2]").runnerFactory(new Tiny.Failing(-1))
                    .run(Tiny.curve().ensemble(1), store);
            assertThat(retry.trained()).isEqualTo(2);
            assertThat(retry.failures()).isEmpty();
            assertThat(Tiny.ATTEMPTS).containsOnlyKeys("128/1", "128/2");
        }
    }

    @Test
    void aFailedFirstAttemptIsRetriedBySpark() {
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            LearningCurveResult r = SparkSweep.on("local[2]").maxFailures(3).runnerFactory(new Tiny.Flaky())
                    .run(Tiny.curve(), store);
            assertThat(r.failures()).isEmpty();
            assertThat(r.trained()).isEqualTo(6);
            assertThat(Tiny.ATTEMPTS).hasSize(3).allSatisfy((chunk, n) -> assertThat(n).hasValue(2));
        }
    }

    @Test
    void aJobThatFailsOnSparkItselfFailsOnlyItsChunk() {
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            List<RunSpec> runs = Tiny.curve().spec().runs();
            List<RunOutcome> out = SparkSweep.on("local[2]").ensemble(2).progress(false)
                    .runnerFactory(new Tiny.Crashing(256)).run(runs, store);
            // chunks, largest P first: [256, 256], [128, 128], [64, 64] (seeds 1 and 2); only the first crashes
            assertThat(out).extracting(o -> o.result().status()).containsExactly(
                    Status.CONVERGED, Status.CONVERGED, Status.FAILED, Status.CONVERGED, Status.CONVERGED, Status.FAILED);
            assertThat(out.get(2).result().error())
                    .startsWith("SparkTaskFailedException: chunk 1 of 3 failed on Spark after 1 attempt(s): ")
                    .contains("AssertionError: executor crashed");
            assertThat(store.list()).hasSize(6);
        }
    }

    @Test
    void aCurveAttachedWithTheDslEntryPointTrainsOnSparkAtEveryRun() {
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            LearningCurve curve = SparkDsl.onSpark(Tiny.curve().ensemble(1).store(store), "local[2]", s -> {
                s.runnerFactory(new Tiny.Failing(256));
                return Unit.INSTANCE;
            });
            LearningCurveResult first = curve.run();
            assertThat(first.trained()).isEqualTo(6);
            assertThat(first.failures()).extracting(CurveMember::trainSize).containsExactly(256L, 256L);
            assertThat(first.members()).filteredOn(m -> !m.failed())
                    .allSatisfy(m -> assertThat(m.result()).isEqualTo(Tiny.fakeResult(m.spec())));   // the fake ran on Spark

            LearningCurveResult second = curve.run();        // still on Spark: only the FAILED runs again
            assertThat(second.trained()).isEqualTo(2);
            assertThat(second.reused()).isEqualTo(4);
            assertThat(Tiny.ATTEMPTS.get("256/1")).hasValue(2);   // once per run (local: 1 attempt per task)
        }
    }

    /** Counts the jobs of the Spark contexts it is registered with ({@code spark.extraListeners}). */
    public static final class JobCounter extends org.apache.spark.scheduler.SparkListener {
        static final java.util.concurrent.atomic.AtomicInteger JOBS = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void onJobEnd(org.apache.spark.scheduler.SparkListenerJobEnd end) {
            JOBS.incrementAndGet();
        }
    }

    @Test
    void theExecutorFoundThroughTheServiceLoaderTrainsAnAttachedCurveOnSpark() {
        JobCounter.JOBS.set(0);
        ClusterOptions options = ClusterOptions.on("local[2]").withConf("spark.extraListeners", JobCounter.class.getName());
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            LearningCurve curve = Tiny.curve().store(store).progress(false);
            ClusterExecutor.find("spark").orElseThrow().attach(curve, options);
            LearningCurveResult r = curve.run();
            assertThat(r.trained()).isEqualTo(6);
            assertThat(r.failures()).isEmpty();
            assertThat(JobCounter.JOBS.get()).as("Spark jobs, one per chunk").isPositive();
            assertThat(store.list()).hasSize(6).allSatisfy(s -> assertThat(s.isFinished()).isTrue());
        }
    }

    @Test
    void theCommandLineTrainsASpecFileLikeTheLocalRunner() throws Exception {
        LearningCurveResult local;
        try (RunStore store = RunStore.open(dir.resolve("local.sqlite"))) {
            local = Tiny.curve().store(store).run();
        }
        Path spec = dir.resolve("curve.json");
        Files.writeString(spec, SpecJson.write(Tiny.curve().spec()));
        Path storeFile = dir.resolve("cli.sqlite");
        List<String> args = List.of("--master", "local[2]", "--store", storeFile.toString(), "--ensemble", "2",
                "--device", "cpu", "--threads", "2", "--no-progress", spec.toString());
        assertThat(SweepMain.run(args, System.out, System.err)).isZero();
        try (RunStore store = RunStore.open(storeFile)) {
            for (CurveMember m : local.members()) {
                assertThat(store.find(m.spec())).get().extracting(Tiny::withoutWallTime).isEqualTo(Tiny.withoutWallTime(m.result()));
            }
        }
        assertThat(SweepMain.run(args, System.out, System.err)).isZero();   // resumed: nothing to train
    }
}
