package io.rhmlab.engine.run;

import io.rhmlab.dsl.experiment.Observable;
import ai.djl.ndarray.NDManager;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.learn.LayerwiseLearner;
import io.rhmlab.engine.learn.LearnerRuns;
import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.net.TokenData;
import io.rhmlab.engine.observe.Sensitivity;
import io.rhmlab.engine.observe.SensitivityTable;
import io.rhmlab.engine.train.Checkpoint;
import io.rhmlab.engine.train.Devices;
import io.rhmlab.engine.train.EnsembleOutcome;
import io.rhmlab.engine.train.EnsembleTrainer;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;
import io.rhmlab.engine.train.WeightSnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The {@link EnsembleRunner} of the DJL {@link EnsembleTrainer} and of the other learners. Knowing every run it
 * will be asked for, it samples each realisation's data pool once, at the largest P any of those runs needs plus
 * the test set (smaller training sets are prefixes of it), shares the pool between members, and drops it once no
 * later run needs it.
 *
 * <p>Learners ({@link RunSpec#learner()}): SGD runs go to the {@link EnsembleTrainer} as one batched ensemble;
 * LAYERWISE runs are trained stage by stage as one ensemble ({@link LayerwiseLearner}); CLUSTERING runs go
 * through {@link LearnerRuns}, one member at a time.
 *
 * <p>Measurements ({@link Measures}): after an ensemble has trained, S_{k,ℓ} (and D_{k,ℓ} on a Sparse RHM) of every
 * member that converged or reached its epoch cap is measured from its final weights on N base inputs (the first N
 * test points, or the first min(N, P) training points) and reported to the listener when it is a
 * {@link MeasurementSink} (the {@link Sweep} stores it with the run). The perturbations are seeded by the
 * realisation's sample seed, so all P of one realisation are measured on the same perturbed copies. With
 * {@link Measures#everyEpochs()} = N the same observables are measured on SGD runs every N epochs during
 * training as well (from host copies of the weights, {@link TrainingListener#onSnapshots}) and reported as one
 * series per run with its end-of-training tables ({@link MeasurementSink#onMeasuredDuringTraining}).
 */
public final class TrainerRunner implements EnsembleRunner {

    /** A realisation's data: its hierarchy (with the rule and sample seeds) and test size fix the sample order. */
    private record PoolKey(Hierarchy hierarchy, int testSize) {
        static PoolKey of(RunSpec r) {
            return new PoolKey(r.hierarchy(), r.testSize());
        }
    }

    private record Pool(Dataset dataset, TokenData train, TokenData test) {
    }

    private final EnsembleTrainer trainer;
    private final TrainerSettings settings;
    private final Measures measures;
    private final Map<PoolKey, Long> largest = new HashMap<>();
    private final Map<PoolKey, Integer> remaining = new HashMap<>();
    private final Map<PoolKey, Pool> pools = new HashMap<>();

    /** @param planned every run this runner will train, so that each pool is sampled once at its largest size */
    public TrainerRunner(TrainerSettings settings, List<RunSpec> planned) {
        this(settings, planned, Measures.none());
    }

    /** As {@link #TrainerRunner(TrainerSettings, List)}, measuring {@code measures} on every trained network. */
    public TrainerRunner(TrainerSettings settings, List<RunSpec> planned, Measures measures) {
        this.trainer = new EnsembleTrainer(settings);
        this.settings = settings;
        this.measures = measures == null ? Measures.none() : measures;
        for (RunSpec r : planned) {
            largest.merge(PoolKey.of(r), r.trainSize(), Math::max);
            remaining.merge(PoolKey.of(r), 1, Integer::sum);
        }
    }

    /**
     * The names this runner measures on {@code run} (what a stored run must carry to be reused): the tables, and
     * the series measured during training when {@link Measures#everyEpochs()} is set (SGD runs only).
     */
    public static MeasurementRequirement required(Measures measures, RunSpec run) {
        if (measures == null || run.learnerOrSgd().kind() == Learner.Kind.CLUSTERING) return MeasurementRequirement.NONE;
        Set<Observable> tables = measures.observablesFor(run.hierarchy());
        boolean during = !tables.isEmpty() && measures.duringTraining() && run.learnerOrSgd().kind() == Learner.Kind.SGD;
        return new MeasurementRequirement(tables, during ? measures.everyEpochs() : 0);
    }

    @Override
    public List<MemberResult> run(List<RunSpec> members, TrainingListener listener) {
        List<MemberData> data = new ArrayList<>(members.size());
        for (RunSpec r : members) data.add(data(r));
        try {
            Learner.Kind kind = members.get(0).learnerOrSgd().kind();
            if (kind == Learner.Kind.LAYERWISE) {
                EnsembleOutcome out = LayerwiseLearner.train(trainer, members, data, listener);
                measure(members, out.results(), out.weights(), listener);
                return out.results();
            }
            if (kind != Learner.Kind.SGD) {
                List<MemberResult> out = new ArrayList<>();
                TrainingListener l = listener == null ? TrainingListener.NONE : listener;
                for (int i = 0; i < members.size(); i++) {
                    RunSpec r = members.get(i);
                    Pool pool = pool(r);
                    LearnerRuns.Outcome o = LearnerRuns.run(r, pool.dataset(), data.get(i), settings);
                    l.onMemberDone(i, o.result());
                    out.add(o.result());
                    if (o.weights() != null) {
                        measure(List.of(r), List.of(o.result()), List.of(o.weights()), l);
                    }
                }
                return out;
            }
            boolean measuring = listener instanceof MeasurementSink && !measures.isEmpty();
            if (!measuring) return trainer.train(members, data, listener);
            DuringTraining during = measures.duringTraining() ? new DuringTraining(members, listener) : null;
            EnsembleOutcome out = trainer.trainWithWeights(members, data, during == null ? listener : during);
            List<Integer> measured = measure(members, out.results(), out.weights(), listener);
            if (during != null) {
                MeasurementSink sink = (MeasurementSink) listener;
                for (int i : measured) sink.onMeasuredDuringTraining(members.get(i), during.series(i));
            }
            return out.results();
        } finally {
            release(members);
        }
    }

    /** Drops the pools that no later run needs (several lanes may call at once). */
    private synchronized void release(List<RunSpec> members) {
        for (RunSpec r : members) {
            PoolKey key = PoolKey.of(r);
            if (remaining.merge(key, -1, Integer::sum) <= 0) {
                remaining.remove(key);
                pools.remove(key);
            }
        }
    }

    /**
     * Passes every training event on to the sweep's listener and, every {@link Measures#everyEpochs()} epochs,
     * measures the members' snapshots ({@link TrainingListener#onSnapshots}): host copies of their weights, put
     * into a separate net, so the trainer's state, streams and gradients are not touched. The series is kept
     * here until the run is stored (a measurement can only be stored with a stored run).
     */
    private final class DuringTraining implements TrainingListener {
        private final List<RunSpec> members;
        private final TrainingListener target;
        private final List<List<CheckpointMeasurement>> series = new ArrayList<>();

        DuringTraining(List<RunSpec> members, TrainingListener target) {
            this.members = members;
            this.target = target;
            for (int i = 0; i < members.size(); i++) series.add(new ArrayList<>());
        }

        List<CheckpointMeasurement> series(int member) {
            return series.get(member);
        }

        @Override
        public int snapshotEvery() {
            return measures.everyEpochs();
        }

        @Override
        public void onSnapshots(List<WeightSnapshot> snapshots) {
            List<Integer> idx = snapshots.stream().map(WeightSnapshot::member).toList();
            Map<Integer, MemberWeights> weights = new HashMap<>();
            for (WeightSnapshot s : snapshots) weights.put(s.member(), s.weights());
            Map<Integer, Map<Observable, double[][]>> tables = observe(members, idx, weights::get);
            for (WeightSnapshot s : snapshots) {
                Map<Observable, double[][]> t = tables.get(s.member());
                if (t != null) series.get(s.member()).add(new CheckpointMeasurement(s.epoch(), t));
            }
        }

        @Override
        public void onCheckpoint(int member, Checkpoint checkpoint) {
            target.onCheckpoint(member, checkpoint);
        }

        @Override
        public void onMemberDone(int member, MemberResult result) {
            target.onMemberDone(member, result);
        }

        @Override
        public void onEpoch(int epoch, int active, double meanLoss) {
            target.onEpoch(epoch, active, meanLoss);
        }
    }

    /**
     * Measures the members that finished normally (CONVERGED or MAX_EPOCHS) from their final weights and reports
     * each table to the listener when it is a {@link MeasurementSink}; returns the members measured.
     */
    private List<Integer> measure(List<RunSpec> members, List<MemberResult> results, List<MemberWeights> weights,
                                  TrainingListener listener) {
        if (!(listener instanceof MeasurementSink sink) || measures.isEmpty()) return List.of();
        List<Integer> finished = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Status st = results.get(i).status();
            if (st == Status.CONVERGED || st == Status.MAX_EPOCHS) finished.add(i);
        }
        Map<Integer, Map<Observable, double[][]>> tables = observe(members, finished, weights::get);
        List<Integer> measured = new ArrayList<>();
        for (int i : finished) {
            Map<Observable, double[][]> t = tables.get(i);
            if (t == null) continue;
            for (Map.Entry<Observable, double[][]> e : t.entrySet()) sink.onMeasured(members.get(i), e.getKey(), e.getValue());
            measured.add(i);
        }
        return measured;
    }

    /**
     * The observables of members {@code which} from their weights, member index → name → [layer k − 1][level ℓ − 1]:
     * grouped by realisation (and base), one batched net and forward pass per group. Members with nothing to
     * measure (or fewer than 2 base inputs) are left out. The perturbations and the noise are seeded by the
     * realisation's sample seed, so all P and all epochs of one realisation see the same perturbed inputs.
     */
    private Map<Integer, Map<Observable, double[][]>> observe(List<RunSpec> members, List<Integer> which,
                                                         IntFunction<MemberWeights> weights) {
        record Group(PoolKey pool, int baseSize) {
        }
        Map<Group, List<Integer>> groups = new LinkedHashMap<>();
        for (int i : which) {
            RunSpec r = members.get(i);
            if (required(measures, r).isEmpty()) continue;
            int n = measures.base() == Measures.Base.TEST ? Math.min(measures.baseSize(), r.testSize())
                    : (int) Math.min(measures.baseSize(), r.trainSize());
            if (n < 2) continue;
            groups.computeIfAbsent(new Group(PoolKey.of(r), n), g -> new ArrayList<>()).add(i);
        }
        Map<Integer, Map<Observable, double[][]>> out = new HashMap<>();
        for (Map.Entry<Group, List<Integer>> g : groups.entrySet()) {
            List<Integer> idx = g.getValue();
            RunSpec first = members.get(idx.get(0));
            Dataset ds = pool(first).dataset();
            Tokens base = (measures.base() == Measures.Base.TEST ? ds.test() : ds.train()).first(g.getKey().baseSize());
            NetLayout layout = NetLayout.of(first.hierarchy(), first.architecture());
            List<MemberWeights> w = idx.stream().map(weights::apply).toList();
            long seed = first.hierarchy().sampleSeed();   // Sensitivity derives its PERTURBATION / NOISE streams
            try (NDManager root = NDManager.newBaseManager(Devices.resolve(settings.device()));
                 EnsembleNet net = EnsembleNet.fromWeights(root, layout, w)) {
                for (Observable name : measures.observablesFor(first.hierarchy())) {
                    SensitivityTable t = switch (name) {
                        case SYNONYMS -> Sensitivity.synonymSensitivity(net, ds.rules(), base, seed);
                        case DEFORMATIONS -> Sensitivity.diffeoSensitivity(net, ds.rules(), base, seed);
                        case NOISE -> Sensitivity.noiseSensitivity(net, base, seed);
                    };
                    double[][][] v = t.values();
                    for (int j = 0; j < idx.size(); j++) out.computeIfAbsent(idx.get(j), x -> new LinkedHashMap<>()).put(name, v[j]);
                }
            }
        }
        return out;
    }

    /** The member's data: its realisation's pool, sampled on first use at the largest planned P. */
    MemberData data(RunSpec r) {
        Pool pool = pool(r);
        return new MemberData(pool.train(), pool.test());
    }

    private synchronized Pool pool(RunSpec r) {
        PoolKey key = PoolKey.of(r);
        Pool pool = pools.get(key);
        if (pool != null && pool.train().n() >= r.trainSize()) return pool;
        long size = Math.max(r.trainSize(), largest.getOrDefault(key, r.trainSize()));
        Dataset ds = Dataset.sample(r.hierarchy(), Math.toIntExact(size), r.testSize());
        pool = new Pool(ds, tokens(ds.train()), tokens(ds.test()));
        pools.put(key, pool);
        return pool;
    }

    private static TokenData tokens(Tokens t) {
        return new TokenData(t.toByteArray(), t.labels(), t.size(), t.length());
    }
}
