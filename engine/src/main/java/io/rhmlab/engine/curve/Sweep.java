package io.rhmlab.engine.curve;

import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.store.RunKey;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.store.StoredRun;
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
        return pending(runs, store, r -> Set.of());
    }

    /**
     * As {@link #pending(List, RunStore)}, also counting as pending a finished run that lacks one of the
     * measurements {@code required} names for it (it is trained again, deterministically, and measured; a
     * DIVERGED run is never measured, so it is not retrained for that).
     */
    public static List<RunSpec> pending(List<RunSpec> runs, RunStore store, Function<RunSpec, Set<String>> required) {
        return distinct(runs).stream().filter(r -> stored(r, store, required).isEmpty()).toList();
    }

    /** The stored, finished and fully measured run of {@code r}. */
    static Optional<StoredRun> stored(RunSpec r, RunStore store, Function<RunSpec, Set<String>> required) {
        return store.findRun(r).filter(StoredRun::isFinished)
                .filter(s -> s.status() == Status.DIVERGED || RunMeasurements.hasAll(s, required.apply(r)));
    }

    /** Cuts {@code runs} into consecutive ensembles of at most {@code k} members. */
    public static List<List<RunSpec>> ensembles(List<RunSpec> runs, int k) {
        InvalidSpecException.require(k >= 1, "K", "ensemble size K = " + k + " must be ≥ 1");
        List<List<RunSpec>> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i += k) out.add(List.copyOf(runs.subList(i, Math.min(runs.size(), i + k))));
        return out;
    }

    /**
     * Serves or trains every run and returns their outcomes in the order given (duplicates dropped). A
     * {@link RuntimeException} of the runner fails only its ensemble (its unfinished members are stored as
     * FAILED) and the sweep goes on; an {@link InvalidSpecException}, an {@link Error} or an interrupt stops the
     * sweep, keeping what was stored.
     */
    public static List<RunOutcome> run(List<RunSpec> runs, RunStore store, EnsembleRunner runner, int k,
                                       TrainingListener listener) {
        return run(runs, store, runner, k, listener, r -> Set.of());
    }

    /**
     * As {@link #run(List, RunStore, EnsembleRunner, int, TrainingListener)}, serving a stored run only when it
     * carries every measurement {@code required} names for it; measurements that the runner reports (through
     * {@link MeasurementSink}) are stored with their run and returned in its outcome.
     */
    public static List<RunOutcome> run(List<RunSpec> runs, RunStore store, EnsembleRunner runner, int k,
                                       TrainingListener listener, Function<RunSpec, Set<String>> required) {
        InvalidSpecException.require(k >= 1, "K", "ensemble size K = " + k + " must be ≥ 1");
        SweepListener events = listener instanceof SweepListener s ? s : new Listeners(List.of(listener));
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
        List<List<RunSpec>> plan = ensembles(todo, k);
        for (int e = 0; e < plan.size(); e++) {
            if (Thread.currentThread().isInterrupted()) break;
            List<RunSpec> members = plan.get(e);
            events.onEnsembleStart(e + 1, plan.size(), members);
            trainEnsemble(e + 1, members, store, runner, events, outcomes);
        }
        events.onSweepEnd();
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("sweep interrupted: " + outcomes.size() + " of " + all.size()
                    + " runs are stored; run it again to finish the rest");
        }
        return all.stream().map(outcomes::get).toList();
    }

    private static void trainEnsemble(int index, List<RunSpec> members, RunStore store, EnsembleRunner runner,
                                      SweepListener events, Map<RunSpec, RunOutcome> outcomes) {
        final class Storing implements TrainingListener, MeasurementSink {
            @Override
            public void onMeasured(RunSpec run, String name, double[][] table) {
                store.putMeasurement(run, name, RunMeasurements.storable(table));
                outcomes.computeIfPresent(run, (r, o) -> {
                    Map<String, double[][]> m = new HashMap<>(o.measurements());
                    m.put(name, table);
                    return new RunOutcome(o.spec(), o.key(), o.result(), o.reused(), m, o.checkpoints());
                });
            }

            @Override
            public void onMeasuredDuringTraining(RunSpec run, List<CheckpointMeasurement> series) {
                store.putMeasurement(run, Measures.CHECKPOINTS, RunMeasurements.storable(series));
                outcomes.computeIfPresent(run, (r, o) -> new RunOutcome(o.spec(), o.key(), o.result(), o.reused(),
                        o.measurements(), series));
            }

            @Override
            public void onCheckpoint(int member, Checkpoint checkpoint) {
                events.onCheckpoint(member, checkpoint);
            }

            @Override
            public void onEpoch(int epoch, int active, double meanLoss) {
                events.onEpoch(epoch, active, meanLoss);
            }

            @Override
            public void onMemberDone(int member, MemberResult result) {
                record(result, member);
            }

            private void record(MemberResult result, int member) {
                // stored before anyone else hears of it: whatever happens next, this member is not trained again
                store.put(result);
                if (outcomes.put(result.spec(), new RunOutcome(result.spec(), RunKey.of(result.spec()), result, false)) == null) {
                    events.onMemberDone(member, result);
                }
            }
        }
        Storing storing = new Storing();
        try {
            List<MemberResult> returned = runner.run(members, storing);
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
