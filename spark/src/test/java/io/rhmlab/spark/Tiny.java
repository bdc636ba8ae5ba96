package io.rhmlab.spark;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.curve.CurveMember;
import io.rhmlab.engine.run.EnsembleRunner;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.train.Checkpoint;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;
import org.apache.spark.TaskContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A tiny sweep (6 runs of seconds each on CPU) and fake executor runners, shared by the tests. */
final class Tiny {

    static final TrainerSettings CPU = TrainerSettings.defaults().withDevice(DeviceChoice.CPU).withThreads(2);

    private Tiny() {
    }

    static Hierarchy task() {
        return Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(4).branching(2).depth(2).seed(3).build();
    }

    /** 2 seeds × 3 sizes = 6 runs, in 3 ensembles of K = 2. */
    static LearningCurve curve() {
        return LearningCurve.of(task())
                .model(Architecture.cnn().width(16))
                .training(Training.sgd(0.1).batch(32).checkEvery(2).maxEpochs(6))
                .sizes(new long[]{64, 128, 256}).seeds(2).testSize(128)
                .ensemble(2)
                .settings(CPU)
                .progress(false);
    }

    /** Every field but the wall-clock time, equal member by member. */
    static void assertSameResults(LearningCurveResult actual, LearningCurveResult expected) {
        assertThat(actual.members()).hasSameSizeAs(expected.members());
        for (int i = 0; i < expected.members().size(); i++) {
            MemberResult a = actual.members().get(i).result(), e = expected.members().get(i).result();
            assertThat(withoutWallTime(a)).as("member %d (P = %d)", i, e.spec().trainSize()).isEqualTo(withoutWallTime(e));
        }
    }

    /**
     * Across JVMs, CPU training agrees to float rounding, not always to the bit (observed: a loss 1.6e-5 apart after
     * 4 epochs, from libtorch's CPU kernels): the same runs, statuses, epochs, steps and checkpoints, with losses
     * within 1e-3 (relative) and error rates within 2 samples of 128.
     */
    static void assertCloseResults(LearningCurveResult actual, LearningCurveResult expected) {
        assertThat(actual.members()).hasSameSizeAs(expected.members());
        for (int i = 0; i < expected.members().size(); i++) {
            MemberResult a = actual.members().get(i).result(), e = expected.members().get(i).result();
            String what = "member " + i + " (P = " + e.spec().trainSize() + ")";
            assertThat(a.spec()).as(what).isEqualTo(e.spec());
            assertThat(a.status()).as(what).isEqualTo(e.status());
            assertThat(a.epochs()).as(what).isEqualTo(e.epochs());
            assertThat(a.steps()).as(what).isEqualTo(e.steps());
            assertThat(a.device()).as(what).isEqualTo(e.device());
            assertThat(a.error()).as(what).isEqualTo(e.error());
            assertThat(a.history()).as(what).hasSameSizeAs(e.history());
            close(what + " final", a.trainLoss(), e.trainLoss(), a.trainError(), e.trainError(), a.testError(), e.testError());
            for (int c = 0; c < e.history().size(); c++) {
                Checkpoint x = a.history().get(c), y = e.history().get(c);
                assertThat(x.epoch()).isEqualTo(y.epoch());
                assertThat(x.steps()).isEqualTo(y.steps());
                close(what + " checkpoint " + c, x.trainLoss(), y.trainLoss(), x.trainError(), y.trainError(), x.testError(), y.testError());
            }
        }
    }

    private static void close(String what, double loss, double expectedLoss, double trainError, double expectedTrainError,
                              double testError, double expectedTestError) {
        assertThat(loss).as(what + " loss").isCloseTo(expectedLoss, org.assertj.core.api.Assertions.within(1e-3 * Math.abs(expectedLoss)));
        assertThat(trainError).as(what + " train error").isCloseTo(expectedTrainError, org.assertj.core.api.Assertions.within(2.0 / 64));
        assertThat(testError).as(what + " test error").isCloseTo(expectedTestError, org.assertj.core.api.Assertions.within(2.0 / 128));
    }

    static MemberResult withoutWallTime(MemberResult r) {
        return new MemberResult(r.spec(), r.status(), r.testError(), r.testErrorBest(), r.trainLoss(), r.trainError(),
                r.epochs(), r.steps(), 0, r.device(), r.history(), r.error());
    }

    static List<MemberResult> results(LearningCurveResult r) {
        return r.members().stream().map(CurveMember::result).toList();
    }

    static MemberResult fakeResult(RunSpec r) {
        double e = 1.0 / r.trainSize() + r.modelSeed() / 1000.0;
        return new MemberResult(r, Status.CONVERGED, e, e, 1e-3, 0, 3, 3 * r.trainSize() / 32, 0.01, "fake",
                List.of(new Checkpoint(3, 3 * r.trainSize() / 32, 1e-3, 0, e)), null);
    }

    /** Attempts per chunk (keyed by its first member's P and seed), counted in this JVM (local mode only). */
    static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    static String key(List<RunSpec> members) {
        return members.get(0).trainSize() + "/" + members.get(0).modelSeed();
    }

    /** Instant fake training; the chunk whose first member has P = {@code failingP} throws on every attempt. */
    record Failing(long failingP) implements ExecutorRunnerFactory {
        @Override
        public EnsembleRunner create(TrainerSettings settings, List<RunSpec> planned) {
            return (members, listener, measurements) -> {
                ATTEMPTS.computeIfAbsent(key(members), x -> new AtomicInteger()).incrementAndGet();
                List<MemberResult> out = new ArrayList<>();
                for (RunSpec r : members) {
                    if (r.trainSize() == failingP) throw new IllegalStateException("boom at P = " + failingP);
                    out.add(fakeResult(r));
                }
                return out;
            };
        }
    }

    /** Instant fake training whose first attempt of every task fails. */
    record Flaky() implements ExecutorRunnerFactory {
        @Override
        public EnsembleRunner create(TrainerSettings settings, List<RunSpec> planned) {
            return (members, listener, measurements) -> {
                ATTEMPTS.computeIfAbsent(key(members), x -> new AtomicInteger()).incrementAndGet();
                if (TaskContext.get().attemptNumber() == 0) throw new IllegalStateException("first attempt fails");
                return members.stream().map(Tiny::fakeResult).toList();
            };
        }
    }

    /** The chunk with P = {@code p} throws an {@link Error}, which the task does not catch: the job fails. */
    record Crashing(long p) implements ExecutorRunnerFactory {
        @Override
        public EnsembleRunner create(TrainerSettings settings, List<RunSpec> planned) {
            return (members, listener, measurements) -> {
                if (members.get(0).trainSize() == p) throw new AssertionError("executor crashed");
                return members.stream().map(Tiny::fakeResult).toList();
            };
        }
    }

    /** Reports each member as it finishes, like the DJL runner, then returns them. */
    static List<MemberResult> report(List<MemberResult> results, TrainingListener listener) {
        for (int i = 0; i < results.size(); i++) listener.onMemberDone(i, results.get(i));
        return results;
    }
}
