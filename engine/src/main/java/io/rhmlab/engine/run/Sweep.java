package io.rhmlab.engine.run;

import io.rhmlab.engine.observe.CheckpointMeasurement;
import io.rhmlab.engine.store.RunMeasurements;
import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.store.RunKey;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.store.StoredRun;
import io.rhmlab.engine.train.LaneCores;
import io.rhmlab.engine.train.Checkpoint;
import io.rhmlab.engine.train.DeviceUnavailableException;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.train.TrainingListener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Set;
import java.util.function.Function;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a list of independent runs through the store: finished runs are reused, the rest are trained in
 * ensembles of at most K members, and each member is stored the moment it stops. A sweep killed at any point
 * and started again trains only what was not stored; FAILED runs are stored with their error and retried.
 *
 * <p>Ensembles are cut from the runs in the order given; a learning curve lists them seed-major, so members of
 * one ensemble mostly share a realisation and hence a data pool.
 */
public final class Sweep {

    private Sweep() {
    }

    /** The runs that a sweep would train now: not stored, or stored as FAILED. Order kept, duplicates dropped. */
    public static List<RunSpec> pending(List<RunSpec> runs, RunStore store) {
        return pending(runs, store, r -> MeasurementRequirement.NONE);
    }

    /**
     * As {@link #pending(List, RunStore)}, also counting as pending a finished run that lacks one of the
     * measurements {@code required} names for it (it is trained again, deterministically, and measured; a
     * DIVERGED run is never measured, so it is not retrained for that).
     */
    public static List<RunSpec> pending(List<RunSpec> runs, RunStore store, Function<RunSpec, MeasurementRequirement> required) {
        return distinct(runs).stream().filter(r -> stored(r, store, required).isEmpty()).toList();
    }

    /** The stored, finished and fully measured run of {@code r}. */
    static Optional<StoredRun> stored(RunSpec r, RunStore store, Function<RunSpec, MeasurementRequirement> required) {
        return store.findRun(r).filter(StoredRun::isFinished)
                .filter(s -> s.status() == Status.DIVERGED || required.apply(r).metBy(s));
    }

    /**
     * Cuts {@code runs} into ensembles of at most {@code k} members that can train together (same network
     * shape, architecture, training up to the learning rate, learner), largest P first. Members step in
     * lockstep, so an ensemble lasts as long as its longest member: cutting a size-sorted list makes the
     * ensembles' longest members as few as possible, where cutting in curve order put a large P in every one.
     */
    public static List<List<RunSpec>> ensembles(List<RunSpec> runs, int k) {
        return plan(runs, k, 1).get(0);
    }

    /**
     * Spreads {@code runs} over {@code lanes} lanes (threads that train at once, each its own ensembles in turn)
     * and cuts each lane into ensembles of at most {@code k}, largest P first. Runs go to the lane with the least
     * work so far (work ∝ P·epochs per sample; largest first), so the lanes end together. Deterministic: the
     * same runs give the same plan.
     */
    public static List<List<List<RunSpec>>> plan(List<RunSpec> runs, int k, int lanes) {
        InvalidSpecException.require(k >= 1, "K", "ensemble size K = " + k + " must be ≥ 1");
        InvalidSpecException.require(lanes >= 1, "lanes", "lanes = " + lanes + " must be ≥ 1");
        Map<List<Object>, List<RunSpec>> groups = new java.util.LinkedHashMap<>();
        for (RunSpec r : runs) groups.computeIfAbsent(compatibility(r), g -> new ArrayList<>()).add(r);
        List<List<List<RunSpec>>> out = new ArrayList<>();
        for (int i = 0; i < lanes; i++) out.add(new ArrayList<>());
        double[] load = new double[lanes];
        for (List<RunSpec> group : groups.values()) {
            List<RunSpec> sorted = new ArrayList<>(group);
            sorted.sort(java.util.Comparator.comparingLong(RunSpec::trainSize).reversed()); // stable: ties keep order
            List<List<RunSpec>> perLane = new ArrayList<>();
            for (int i = 0; i < lanes; i++) perLane.add(new ArrayList<>());
            for (RunSpec r : sorted) {
                int lane = 0;
                for (int i = 1; i < lanes; i++) if (load[i] < load[lane]) lane = i;
                perLane.get(lane).add(r);
                load[lane] += (double) r.trainSize() * r.training().maxEpochs();
            }
            for (int i = 0; i < lanes; i++) {
                List<RunSpec> lane = perLane.get(i);
                for (int j = 0; j < lane.size(); j += k) out.get(i).add(List.copyOf(lane.subList(j, Math.min(lane.size(), j + k))));
            }
        }
        return out;
    }

    /** What members of one ensemble must share (EnsembleTrainer's rule): all but P, seeds and learning rate; one task. */
    private static List<Object> compatibility(RunSpec r) {
        io.rhmlab.dsl.Hierarchy h = r.hierarchy();
        // the rate aside: any one value stands for all
        return List.of(h.vocabulary(), h.classes(), h.patchSize(), h.depth(), r.architecture(),
                r.training().withLearningRate(1), r.learnerOrSgd(), r.taskOrClassify());
    }

    /**
     * Serves or trains every run and returns their outcomes in the order given (duplicates dropped). A
     * {@link RuntimeException} of the runner fails only its ensemble (its unfinished members are stored as
     * FAILED) and the sweep goes on; an {@link InvalidSpecException}, an {@link Error} or an interrupt stops the
     * sweep, keeping what was stored.
     */
    public static List<RunOutcome> run(List<RunSpec> runs, RunStore store, EnsembleRunner runner, int k,
                                       TrainingListener listener) {
        return run(runs, store, runner, k, listener, r -> MeasurementRequirement.NONE);
    }

    /**
     * As {@link #run(List, RunStore, EnsembleRunner, int, TrainingListener)}, serving a stored run only when it
     * carries every measurement {@code required} names for it; measurements that the runner hands to its
     * {@link MeasurementSink} are stored with their run and returned in its outcome.
     */
    public static List<RunOutcome> run(List<RunSpec> runs, RunStore store, EnsembleRunner runner, int k,
                                       TrainingListener listener, Function<RunSpec, MeasurementRequirement> required) {
        return run(runs, store, runner, k, 1, listener, required);
    }

    /**
     * As {@link #run(List, RunStore, EnsembleRunner, int, TrainingListener, Function)}, training on {@code lanes}
     * threads at once ({@link #plan}): the runner must then be safe to call from several threads, and the
     * listener hears the lanes' events one at a time (they are serialised here). On a CPU, lanes of one
     * intra-op thread each beat one ensemble on all cores for the small steps of learning curves: the per-step
     * dispatch cost runs in parallel too.
     */
    public static List<RunOutcome> run(List<RunSpec> runs, RunStore store, EnsembleRunner runner, int k, int lanes,
                                       TrainingListener listener, Function<RunSpec, MeasurementRequirement> required) {
        return run(runs, store, runner, k, lanes, false, listener, required);
    }

    /**
     * As {@link #run(List, RunStore, EnsembleRunner, int, int, TrainingListener, Function)}; with {@code shareCores},
     * the lanes share the machine's cores ({@link LaneCores}): a lane that finishes hands its cores to those still
     * training. For callers that left the thread count to rhmlab.
     */
    public static List<RunOutcome> run(List<RunSpec> runs, RunStore store, EnsembleRunner runner, int k, int lanes,
                                       boolean shareCores, TrainingListener listener,
                                       Function<RunSpec, MeasurementRequirement> required) {
        InvalidSpecException.require(k >= 1, "K", "ensemble size K = " + k + " must be ≥ 1");
        InvalidSpecException.require(lanes >= 1, "lanes", "lanes = " + lanes + " must be ≥ 1");
        SweepListener plain = ForwardingListener.of(listener);
        SweepListener events = lanes == 1 ? plain : new SerialListener(plain);
        List<RunSpec> all = distinct(runs);
        Map<RunSpec, RunOutcome> outcomes = new ConcurrentHashMap<>();
        List<RunSpec> todo = new ArrayList<>();
        for (RunSpec r : all) {
            Optional<StoredRun> stored = stored(r, store, required);
            if (stored.isPresent()) {
                MemberResult res = store.find(r).orElseThrow();
                outcomes.put(r, new RunOutcome(r, RunKey.of(r), res, true, RunMeasurements.of(stored.get()),
                        RunMeasurements.checkpoints(stored.get())));
            } else {
                todo.add(r);
            }
        }
        events.onSweepStart(all.size(), all.size() - todo.size());
        List<List<List<RunSpec>>> plan = plan(todo, k, Math.max(1, Math.min(lanes, todo.size())));
        int count = plan.stream().mapToInt(List::size).sum();
        if (plan.size() == 1) {
            List<List<RunSpec>> ensembles = plan.get(0);
            for (int e = 0; e < ensembles.size(); e++) {
                if (Thread.currentThread().isInterrupted()) break;
                events.onEnsembleStart(e + 1, count, ensembles.get(e));
                trainEnsemble(e + 1, ensembles.get(e), store, runner, events, outcomes);
            }
        } else {
            inLanes(plan, count, store, runner, shareCores, events, outcomes);
        }
        events.onSweepEnd();
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("sweep interrupted: " + outcomes.size() + " of " + all.size()
                    + " runs are stored; run it again to finish the rest");
        }
        return all.stream().map(outcomes::get).toList();
    }

    /**
     * Trains every lane on a thread of its own and waits for all. An {@link InvalidSpecException} or an
     * {@link Error} in one lane stops the others (what they stored stays) and is rethrown; an interrupt of the
     * calling thread stops every lane between ensembles and leaves the interrupt flag set.
     */
    private static void inLanes(List<List<List<RunSpec>>> plan, int count, RunStore store, EnsembleRunner runner,
                                boolean shareCores, SweepListener events, Map<RunSpec, RunOutcome> outcomes) {
        LaneCores cores = shareCores ? new LaneCores(Runtime.getRuntime().availableProcessors(), plan.size()) : null;
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(plan.size(), r -> {
            Thread t = new Thread(r, "rhmlab-lane");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.ExecutorCompletionService<Void> done = new java.util.concurrent.ExecutorCompletionService<>(pool);
        try {
            for (List<List<RunSpec>> lane : plan) {
                Runnable work = () -> {
                    for (List<RunSpec> members : lane) {
                        if (Thread.currentThread().isInterrupted()) break;
                        int index = next.incrementAndGet();
                        events.onEnsembleStart(index, count, members);
                        trainEnsemble(index, members, store, runner, events, outcomes);
                    }
                };
                done.submit(() -> {
                    if (cores == null) work.run();
                    else cores.train(work);
                    return null;
                });
            }
            for (int i = 0; i < plan.size(); i++) {
                try {
                    done.take().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) throw re;
                    if (cause instanceof Error err) throw err;
                    throw new IllegalStateException(cause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
            try {
                // lanes stop between ensembles: wait for the running ones to store what they finished
                while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
                    // keep waiting: a lane is finishing its ensemble
                }
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A listener that hears events from several lanes one at a time. Each lane (thread) trains its own ensemble,
     * so epochs are merged: the target hears the slowest training lane's epoch, the members training in all lanes,
     * and their mean loss. A lane leaves the merge when its ensemble's last member is done.
     */
    static final class SerialListener extends ForwardingListener {
        /** Per lane: members still training, the epoch and mean loss it last reported. */
        private final Map<Thread, double[]> lanes = new java.util.LinkedHashMap<>();

        SerialListener(SweepListener target) {
            super(target);
        }

        @Override
        public synchronized void onCheckpoint(int member, Checkpoint checkpoint) {
            super.onCheckpoint(member, checkpoint);
        }

        @Override
        public synchronized void onMemberDone(int member, MemberResult result) {
            double[] lane = lanes.get(Thread.currentThread());
            if (lane != null && --lane[0] <= 0) lanes.remove(Thread.currentThread());
            super.onMemberDone(member, result);
        }

        @Override
        public synchronized void onEpoch(int epoch, int active, double meanLoss) {
            lanes.put(Thread.currentThread(), new double[] {active, epoch, meanLoss});
            int slowest = Integer.MAX_VALUE;
            int training = 0;
            double lossSum = 0, weight = 0;
            for (double[] lane : lanes.values()) {
                slowest = Math.min(slowest, (int) lane[1]);
                training += (int) lane[0];
                if (Double.isFinite(lane[2])) {   // a lane that has just started has no loss yet
                    lossSum += lane[0] * lane[2];
                    weight += lane[0];
                }
            }
            super.onEpoch(slowest, training, weight == 0 ? meanLoss : lossSum / weight);
        }

        @Override
        public synchronized void onSweepStart(int total, int reused) {
            super.onSweepStart(total, reused);
        }

        @Override
        public synchronized void onEnsembleStart(int index, int count, List<RunSpec> members) {
            lanes.put(Thread.currentThread(), new double[] {members.size(), 0, Double.NaN});
            super.onEnsembleStart(index, count, members);
        }

        @Override
        public synchronized void onEnsembleFailed(int index, RuntimeException error) {
            super.onEnsembleFailed(index, error);
        }

        @Override
        public synchronized void onSweepEnd() {
            super.onSweepEnd();
        }
    }

    private static void trainEnsemble(int index, List<RunSpec> members, RunStore store, EnsembleRunner runner,
                                      SweepListener events, Map<RunSpec, RunOutcome> outcomes) {
        /** Stores each member the moment it is done (and what was measured on it), then passes the event on. */
        final class Storing extends ForwardingListener implements MeasurementSink {
            Storing() {
                super(events);
            }

            @Override
            public void onMeasured(RunSpec run, Observable name, double[][] table) {
                store.putMeasurement(run, name.storeName(), RunMeasurements.encode(table));
                outcomes.computeIfPresent(run, (r, o) -> {
                    Map<Observable, double[][]> m = new HashMap<>(o.measurements());
                    m.put(name, table);
                    return new RunOutcome(o.spec(), o.key(), o.result(), o.reused(), m, o.checkpoints());
                });
            }

            @Override
            public void onMeasuredDuringTraining(RunSpec run, List<CheckpointMeasurement> series) {
                store.putMeasurement(run, RunMeasurements.CHECKPOINTS, RunMeasurements.encode(series));
                outcomes.computeIfPresent(run, (r, o) -> new RunOutcome(o.spec(), o.key(), o.result(), o.reused(),
                        o.measurements(), series));
            }

            @Override
            public void onMemberDone(int member, MemberResult result) {
                // stored before anyone else hears of it: whatever happens next, this member is not trained again
                store.put(result);
                if (outcomes.put(result.spec(), new RunOutcome(result.spec(), RunKey.of(result.spec()), result, false)) == null) {
                    super.onMemberDone(member, result);
                }
            }
        }
        Storing storing = new Storing();
        try {
            List<MemberResult> returned = runner.run(members, storing, storing);
            for (MemberResult r : returned) {
                if (!outcomes.containsKey(r.spec())) storing.onMemberDone(members.indexOf(r.spec()), r);
            }
            for (int i = 0; i < members.size(); i++) {
                if (!outcomes.containsKey(members.get(i))) {
                    storing.onMemberDone(i, failed(members.get(i), "the trainer returned no result for this member"));
                }
            }
        } catch (InvalidSpecException | DeviceUnavailableException bad) {
            throw bad;   // bad input (or a device this machine lacks) is no transient failure: surface it, store nothing
        } catch (RuntimeException error) {
            String message = error.getClass().getSimpleName() + ": " + error.getMessage();
            for (int i = 0; i < members.size(); i++) {
                if (!outcomes.containsKey(members.get(i))) storing.onMemberDone(i, failed(members.get(i), message));
            }
            events.onEnsembleFailed(index, error);
        }
    }

    static MemberResult failed(RunSpec spec, String message) {
        return new MemberResult(spec, Status.FAILED, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0,
                Double.NaN, null, List.of(), message);
    }

    private static List<RunSpec> distinct(List<RunSpec> runs) {
        return List.copyOf(new LinkedHashSet<>(runs));
    }
}
