package io.rhmlab.spark;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.run.EnsembleRunner;
import io.rhmlab.engine.run.MeasurementSink;
import io.rhmlab.engine.run.Sweep;
import io.rhmlab.engine.run.SweepListener;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The driver side: an {@link EnsembleRunner} for {@link Sweep#run}, which keeps its store-first logic (lookups,
 * ensembles of K, storing, FAILED handling, resume) while the training happens on Spark.
 *
 * <p>When {@code Sweep} asks for its first ensemble, this runner cuts the sweep's pending runs into the same
 * ensembles ({@link Sweep#ensembles}, K read off that first request: it is min(K, pending)) and submits every
 * one at once, one Spark job per chunk, so that one chunk failing for good fails only that job. Then, each time
 * {@code Sweep} waits on an ensemble, every result that has come back meanwhile, of any chunk, is handed to the
 * listener {@code Sweep} gave, which stores it at once: results are stored in the order they arrive, not in the
 * order of the plan, and a driver killed mid-sweep loses only the chunks still running. A chunk whose job failed
 * is thrown when {@code Sweep} reaches it, which stores its members as FAILED with the message.
 *
 * <p>Used once per sweep ({@link SparkSweep#run(List, io.rhmlab.engine.store.RunStore)}), or attached to a
 * {@link io.rhmlab.engine.curve.LearningCurve} as its runner and as a {@link SweepListener}, where each
 * {@code run()} of the curve is one session (opened lazily, closed at {@link #onSweepEnd()}).
 */
final class SparkEnsembleRunner implements EnsembleRunner, SweepListener, AutoCloseable {

    private static final long POLL_MS = 50;

    private final Supplier<DriverContext> contexts;
    private final TrainerSettings settings;
    private final ExecutorRunnerFactory factory;
    private final Supplier<List<RunSpec>> pending;
    private final Supplier<Measures> measures;
    private Session session;

    /**
     * @param contexts a session's Spark context, asked once per session
     * @param settings how the executors train
     * @param factory  what trains a chunk on an executor
     * @param pending  the runs the next sweep will train, asked when its first ensemble is requested
     * @param measures what the executors measure on every trained member (a curve's measures), asked with pending
     */
    SparkEnsembleRunner(Supplier<DriverContext> contexts, TrainerSettings settings, ExecutorRunnerFactory factory,
                        Supplier<List<RunSpec>> pending, Supplier<Measures> measures) {
        this.contexts = contexts;
        this.settings = settings;
        this.factory = factory;
        this.pending = pending;
        this.measures = measures;
    }

    @Override
    public synchronized List<MemberResult> run(List<RunSpec> members, TrainingListener listener,
                                               MeasurementSink measurements) {
        if (session == null) session = new Session(pending.get(), members.size());
        return session.run(members, listener, measurements);
    }

    @Override
    public synchronized void onSweepStart(int total, int reused) {
        close();   // a session left open by a sweep that threw
    }

    @Override
    public synchronized void onSweepEnd() {
        close();
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            Session s = session;
            session = null;
            s.close();
        }
    }

    /** What came back from one chunk's job. */
    private record Arrival(int chunk, Chunk.Results results, RuntimeException failure) {
    }

    /** One sweep on Spark: its context, its chunks and their jobs. */
    private final class Session {
        private final DriverContext context;
        private final String group = "rhmlab-" + UUID.randomUUID();
        private final List<Chunk> chunks = new ArrayList<>();
        private final Map<RunSpec, Integer> chunkOf = new HashMap<>();
        private final Map<Integer, JavaFutureAction<List<String>>> jobs = new LinkedHashMap<>();
        private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        private final Map<RunSpec, MemberResult> results = new HashMap<>();
        private final Map<Integer, RuntimeException> failures = new HashMap<>();
        private final Set<RunSpec> delivered = new LinkedHashSet<>();
        private final Thread harvester;
        private final ChunkTask task;
        private final Measures measured = measures.get();
        private volatile boolean closed;

        Session(List<RunSpec> todo, int k) {
            this.context = contexts.get();
            this.task = new ChunkTask(settings, factory, context.maxFailures());
            plan(todo, k);
            context.spark().setJobGroup(group, "rhmlab sweep: " + chunks.size() + " chunks of " + todo.size() + " runs", true);
            for (Chunk c : chunks) submit(c);
            harvester = new Thread(this::harvest, "rhmlab-spark-results");
            harvester.setDaemon(true);
            harvester.start();
        }

        /** The local path's ensembles, each with the largest pending run of its realisations (pool sizes). */
        private void plan(List<RunSpec> todo, int k) {
            Map<List<Object>, RunSpec> largest = new HashMap<>();
            for (RunSpec r : todo) largest.merge(poolKey(r), r, (a, b) -> b.trainSize() > a.trainSize() ? b : a);
            for (List<RunSpec> members : Sweep.ensembles(todo, k)) {
                LinkedHashSet<RunSpec> planned = new LinkedHashSet<>(members);
                for (RunSpec m : members) planned.add(largest.get(poolKey(m)));
                Chunk c = new Chunk(chunks.size(), members, List.copyOf(planned), measured);
                chunks.add(c);
                for (RunSpec m : members) chunkOf.put(m, c.index());
            }
        }

        /** The engine's TrainerRunner shares one data pool per (hierarchy with its seeds, test size). */
        private static List<Object> poolKey(RunSpec r) {
            Hierarchy h = r.hierarchy();
            return List.of(h, r.testSize());
        }

        private void submit(Chunk c) {
            JavaSparkContext sc = context.spark();
            sc.setJobDescription("rhmlab chunk " + (c.index() + 1) + " of " + chunks.size() + " (" + c.members().size() + " members)");
            JavaFutureAction<List<String>> job = sc.parallelize(List.of(c.toJson()), 1).map(task).collectAsync();
            synchronized (jobs) {
                jobs.put(c.index(), job);
            }
        }

        /** Harvester thread: moves finished jobs into {@link #arrivals} as they finish, in any order. */
        private void harvest() {
            try {
                while (!closed) {
                    List<Map.Entry<Integer, JavaFutureAction<List<String>>>> done = new ArrayList<>();
                    synchronized (jobs) {
                        for (Map.Entry<Integer, JavaFutureAction<List<String>>> e : jobs.entrySet()) {
                            if (e.getValue().isDone()) done.add(e);
                        }
                        for (Map.Entry<Integer, JavaFutureAction<List<String>>> e : done) jobs.remove(e.getKey());
                    }
                    for (Map.Entry<Integer, JavaFutureAction<List<String>>> e : done) arrivals.put(collect(e.getKey(), e.getValue()));
                    Thread.sleep(POLL_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Arrival collect(int chunk, JavaFutureAction<List<String>> job) throws InterruptedException {
            try {
                List<String> out = job.get();
                if (out.size() != 1) throw new IllegalStateException("chunk " + (chunk + 1) + " returned " + out.size() + " partitions");
                return new Arrival(chunk, Chunk.resultsFromJson(out.get(0)), null);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return new Arrival(chunk, null, new SparkTaskFailedException("chunk " + (chunk + 1) + " of "
                        + chunks.size() + " failed on Spark after " + context.maxFailures() + " attempt(s): "
                        + SparkTaskFailedException.reason(cause), cause));
            } catch (RuntimeException e) {
                return new Arrival(chunk, null, e);
            }
        }

        List<MemberResult> run(List<RunSpec> members, TrainingListener listener, MeasurementSink measurements) {
            List<RunSpec> unplanned = members.stream().filter(m -> !chunkOf.containsKey(m)).toList();
            if (!unplanned.isEmpty()) late(unplanned);
            drain(listener, measurements);
            try {
                while (!members.stream().allMatch(this::known)) {
                    Arrival a = arrivals.poll(1, TimeUnit.SECONDS);
                    if (a != null) take(a, listener, measurements);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Spark; finished runs are stored", e);
            }
            drain(listener, measurements);
            for (RunSpec m : members) {
                RuntimeException failure = failures.get(chunkOf.get(m));
                if (failure != null) throw failure;
            }
            List<MemberResult> out = new ArrayList<>(members.size());
            for (RunSpec m : members) out.add(results.get(m));
            return out;
        }

        /** Runs the plan did not foresee (the store changed since it was read): one more chunk. */
        private void late(List<RunSpec> runs) {
            Chunk c = new Chunk(chunks.size(), runs, runs, measured);
            chunks.add(c);
            for (RunSpec m : runs) chunkOf.put(m, c.index());
            submit(c);
        }

        private boolean known(RunSpec m) {
            return results.containsKey(m) || failures.containsKey(chunkOf.get(m));
        }

        private void drain(TrainingListener listener, MeasurementSink measurements) {
            Arrival a;
            while ((a = arrivals.poll()) != null) take(a, listener, measurements);
        }

        /** Records an arrival and hands its results, then their measurements, to the sweep, each once. */
        private void take(Arrival a, TrainingListener listener, MeasurementSink measurements) {
            if (a.failure() != null) {
                failures.put(a.chunk(), a.failure());
                return;
            }
            List<RunSpec> members = chunks.get(a.chunk()).members();
            for (MemberResult r : a.results().results()) {
                results.put(r.spec(), r);
                if (!delivered.add(r.spec())) continue;
                listener.onMemberDone(members.indexOf(r.spec()), r);
                // after the result: the sweep stores measurements with a stored run
                for (Chunk.Measured m : a.results().measured()) {
                    if (!m.run().equals(r.spec())) continue;
                    m.tables().forEach((name, table) -> measurements.onMeasured(m.run(), name, table));
                    if (!m.series().isEmpty()) measurements.onMeasuredDuringTraining(m.run(), m.series());
                }
            }
        }

        void close() {
            closed = true;
            boolean running;
            synchronized (jobs) {
                running = jobs.values().stream().anyMatch(j -> !j.isDone());
            }
            harvester.interrupt();
            try {
                if (running) context.spark().cancelJobGroup(group);
            } finally {
                context.close();
            }
        }
    }
}
