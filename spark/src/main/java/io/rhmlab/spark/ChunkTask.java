package io.rhmlab.spark;

import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.observe.CheckpointMeasurement;
import io.rhmlab.engine.run.EnsembleRunner;
import io.rhmlab.engine.run.MeasurementSink;
import io.rhmlab.engine.store.SpecJson;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Spark task: chunk JSON in, member results JSON out, trained on the executor by the runner of
 * {@link ExecutorRunnerFactory}.
 *
 * <p><b>One training at a time per executor JVM.</b> DJL allows one active {@code GradientCollector} per JVM,
 * and in local mode every task is a thread of the driver's JVM; a standalone executor may also run several
 * tasks. Tasks therefore take {@link #TRAINING}, a JVM-wide lock, around training: parallelism comes from the
 * ensemble axis inside a task and from executors (JVMs), never from threads of one JVM. {@link SparkSweep} also
 * asks Spark for whole executors per task ({@code spark.task.cpus}) where it knows their size, so a waiting
 * task does not even hold a slot.
 *
 * <p><b>Failures.</b> An attempt that fails is rethrown so that Spark retries it, except on the last attempt
 * Spark grants ({@code maxFailures}): there the error is returned as FAILED results for the members that did
 * not finish, with the message the local path stores ({@code ExceptionClass: message}), and the sweep goes on.
 * Lost executors and errors ({@link Error}) are left to Spark; the driver stores those chunks as FAILED.
 */
final class ChunkTask implements Function<String, String> {

    private static final long serialVersionUID = 1L;

    /** Held while training: one GradientCollector per JVM (see the class comment). */
    static final ReentrantLock TRAINING = new ReentrantLock(true);

    private final String settingsJson;
    private final ExecutorRunnerFactory factory;
    private final int maxFailures;

    ChunkTask(TrainerSettings settings, ExecutorRunnerFactory factory, int maxFailures) {
        this.settingsJson = SpecJson.write(settings);
        this.factory = factory;
        this.maxFailures = maxFailures;
    }

    @Override
    public String call(String chunkJson) {
        // the driver sets these too; an executor JVM started without them must still never phone home
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        Chunk chunk = Chunk.fromJson(chunkJson);
        TrainerSettings settings = SpecJson.read(settingsJson, TrainerSettings.class);
        TaskContext task = TaskContext.get();
        boolean lastAttempt = task == null || task.attemptNumber() + 1 >= maxFailures;
        Map<Integer, MemberResult> done = new ConcurrentHashMap<>();
        Map<RunSpec, Map<Observable, double[][]>> tables = new ConcurrentHashMap<>();
        Map<RunSpec, List<CheckpointMeasurement>> series = new ConcurrentHashMap<>();
        final class Collect implements TrainingListener, MeasurementSink {
            @Override
            public void onMemberDone(int member, MemberResult result) {
                done.put(member, result);
            }

            @Override
            public void onMeasured(RunSpec run, Observable name, double[][] table) {
                tables.computeIfAbsent(run, r -> new ConcurrentHashMap<>()).put(name, table);
            }

            @Override
            public void onMeasuredDuringTraining(RunSpec run, List<CheckpointMeasurement> s) {
                series.put(run, s);
            }
        }
        Collect collect = new Collect();
        try {
            TRAINING.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the task was killed while it waited for the JVM's trainer
            throw new IllegalStateException("task killed before it could train chunk " + (chunk.index() + 1), e);
        }
        try {
            EnsembleRunner runner = factory.create(settings, chunk.planned(), chunk.measures());
            List<MemberResult> results = runner.run(chunk.members(), collect, collect);
            List<Chunk.Measured> measured = new ArrayList<>();
            for (RunSpec r : chunk.members()) {
                if (tables.containsKey(r) || series.containsKey(r)) {
                    measured.add(new Chunk.Measured(r, tables.getOrDefault(r, Map.of()), series.getOrDefault(r, List.of())));
                }
            }
            return Chunk.resultsToJson(new Chunk.Results(
                    complete(chunk.members(), results, done, "the trainer returned no result for this member"), measured));
        } catch (InvalidSpecException bad) {
            throw bad;   // bad input is no transient failure: the driver stores the chunk as FAILED with it
        } catch (RuntimeException error) {
            if (!lastAttempt) throw error;   // Spark retries the task
            return Chunk.resultsToJson(complete(chunk.members(), List.of(), done,
                    error.getClass().getSimpleName() + ": " + error.getMessage()));
        } finally {
            TRAINING.unlock();
        }
    }

    /** Every member's result in order: returned, else reported, else FAILED with {@code message}. */
    static List<MemberResult> complete(List<RunSpec> members, List<MemberResult> returned,
                                       Map<Integer, MemberResult> reported, String message) {
        List<MemberResult> out = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            RunSpec spec = members.get(i);
            MemberResult r = returned.stream().filter(x -> x.spec().equals(spec)).findFirst().orElse(null);
            if (r == null) r = reported.get(i);
            if (r == null || !r.spec().equals(spec)) r = failed(spec, message);
            out.add(r);
        }
        return out;
    }

    /** A FAILED result as the local sweep stores it. */
    static MemberResult failed(RunSpec spec, String message) {
        return new MemberResult(spec, Status.FAILED, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0,
                Double.NaN, null, List.of(), message);
    }
}
