package io.rhmlab.engine.curve;

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
import io.rhmlab.engine.train.Devices;
import io.rhmlab.engine.train.EnsembleOutcome;
import io.rhmlab.engine.train.EnsembleTrainer;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * realisation's sample seed, so all P of one realisation are measured on the same perturbed copies.
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

    /** The names this runner measures on {@code run} (what a stored run must carry to be reused). */
    public static Set<String> required(Measures measures, RunSpec run) {
        if (measures == null || run.learnerOrSgd().kind() == Learner.Kind.CLUSTERING) return Set.of();
        return Set.copyOf(measures.namesFor(run.hierarchy()));
    }

    @Override
    public synchronized List<MemberResult> run(List<RunSpec> members, TrainingListener listener) {
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
            EnsembleOutcome out = trainer.trainWithWeights(members, data, listener);
            measure(members, out.results(), out.weights(), listener);
            return out.results();
        } finally {
            for (RunSpec r : members) {
                PoolKey key = PoolKey.of(r);
                if (remaining.merge(key, -1, Integer::sum) <= 0) {
                    remaining.remove(key);
                    pools.remove(key);
                }
            }
        }
    }

    /** Measures the members that finished normally, grouped by realisation (and base), one forward pass per group. */
    private void measure(List<RunSpec> members, List<MemberResult> results, List<MemberWeights> weights,
                         TrainingListener listener) {
        if (!(listener instanceof MeasurementSink sink) || measures.isEmpty()) return;
        record Group(PoolKey pool, int baseSize) {
        }
        Map<Group, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            Status st = results.get(i).status();
            if (st != Status.CONVERGED && st != Status.MAX_EPOCHS) continue;
            RunSpec r = members.get(i);
            if (required(measures, r).isEmpty()) continue;
            int n = measures.base() == Measures.Base.TEST ? Math.min(measures.baseSize(), r.testSize())
                    : (int) Math.min(measures.baseSize(), r.trainSize());
            if (n < 2) continue;
            groups.computeIfAbsent(new Group(PoolKey.of(r), n), g -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Group, List<Integer>> g : groups.entrySet()) {
            List<Integer> idx = g.getValue();
            RunSpec first = members.get(idx.get(0));
            Dataset ds = pool(first).dataset();
            Tokens base = (measures.base() == Measures.Base.TEST ? ds.test() : ds.train()).first(g.getKey().baseSize());
            NetLayout layout = NetLayout.of(first.hierarchy(), first.architecture());
            List<MemberWeights> w = idx.stream().map(weights::get).toList();
            long seed = first.hierarchy().sampleSeed() * 1_000_003L + 17;
            try (NDManager root = NDManager.newBaseManager(Devices.resolve(settings.device()));
                 EnsembleNet net = EnsembleNet.fromWeights(root, layout, w)) {
                for (String name : measures.namesFor(first.hierarchy())) {
                    SensitivityTable t = Measures.SYNONYMS.equals(name)
                            ? Sensitivity.synonymSensitivity(net, ds.rules(), base, seed)
                            : Sensitivity.diffeoSensitivity(net, ds.rules(), base, seed);
                    double[][][] v = t.values();
                    for (int j = 0; j < idx.size(); j++) sink.onMeasured(members.get(idx.get(j)), name, v[j]);
                }
            }
        }
    }

    /** The member's data: its realisation's pool, sampled on first use at the largest planned P. */
    MemberData data(RunSpec r) {
        Pool pool = pool(r);
        return new MemberData(pool.train(), pool.test());
    }

    private Pool pool(RunSpec r) {
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
