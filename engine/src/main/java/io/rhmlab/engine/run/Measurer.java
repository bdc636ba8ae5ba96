package io.rhmlab.engine.run;

import io.rhmlab.engine.observe.CheckpointMeasurement;
import ai.djl.ndarray.NDManager;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.observe.Sensitivity;
import io.rhmlab.engine.observe.SensitivityTable;
import io.rhmlab.engine.train.Devices;
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
 * Measures the observables of {@link Measures} on trained networks and reports them to a {@link MeasurementSink}
 * (the {@link Sweep} stores them with the run).
 *
 * <p>After an ensemble has trained, S_{k,ℓ} (and D_{k,ℓ} on a Sparse RHM) of every member that converged or
 * reached its epoch cap is measured from its final weights on N base inputs (the first N test points, or the
 * first min(N, P) training points). The perturbations are seeded by the realisation's sample seed, so all P of
 * one realisation are measured on the same perturbed copies. With {@link Measures#everyEpochs()} = N the same
 * observables are measured every N epochs during training as well ({@link DuringTraining}) and reported as one
 * series per run with its end-of-training tables ({@link MeasurementSink#onMeasuredDuringTraining}).
 */
final class Measurer {

    private final Measures measures;
    private final DataPools pools;
    private final TrainerSettings settings;

    Measurer(Measures measures, DataPools pools, TrainerSettings settings) {
        this.measures = measures == null ? Measures.none() : measures;
        this.pools = pools;
        this.settings = settings;
    }

    /**
     * The names measured on {@code run} (what a stored run must carry to be reused): the tables, and the series
     * measured during training when {@link Measures#everyEpochs()} is set, by learner.
     */
    static MeasurementRequirement required(Measures measures, RunSpec run) {
        if (measures == null) return MeasurementRequirement.NONE;
        Set<Observable> tables = measures.observablesFor(run.hierarchy());
        return run.learnerOrSgd().accept(new Learner.Visitor<>() {
            @Override
            public MeasurementRequirement sgd() {
                boolean during = !tables.isEmpty() && measures.duringTraining();
                return new MeasurementRequirement(tables, during ? measures.everyEpochs() : 0);
            }

            @Override
            public MeasurementRequirement oneStepClustering(Learner.Clustering settings) {
                return MeasurementRequirement.NONE;   // its nets are its own, not the run's architecture
            }

            @Override
            public MeasurementRequirement layerwiseTraining(Learner.Layerwise settings) {
                return new MeasurementRequirement(tables, 0);   // its stages hand out no snapshots
            }
        });
    }

    /** Whether there is something to measure for {@code sink}: measures asked for, and a sink that keeps them. */
    boolean measuresFor(MeasurementSink sink) {
        return !measures.isEmpty() && sink != null && sink != MeasurementSink.DISCARD;
    }

    /** A listener that measures {@code members} during training and passes every event on; null when not asked. */
    DuringTraining duringTraining(List<RunSpec> members, TrainingListener target) {
        return measures.duringTraining() ? new DuringTraining(members, target) : null;
    }

    /**
     * Measures the members that finished normally (CONVERGED or MAX_EPOCHS) from their final weights and hands
     * each table to {@code sink}; returns the members measured.
     */
    List<Integer> measure(List<RunSpec> members, List<MemberResult> results, List<MemberWeights> weights,
                          MeasurementSink sink) {
        if (!measuresFor(sink)) return List.of();
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
     * Passes every training event on and, every {@link Measures#everyEpochs()} epochs, measures the members'
     * snapshots ({@link TrainingListener#onSnapshots}): host copies of their weights, put into a separate net, so
     * the trainer's state, streams and gradients are not touched. The series is kept here until the run is stored
     * (a measurement can only be stored with a stored run).
     */
    final class DuringTraining extends ForwardingListener {
        private final List<RunSpec> members;
        private final List<List<CheckpointMeasurement>> series = new ArrayList<>();

        private DuringTraining(List<RunSpec> members, TrainingListener target) {
            super(target);
            this.members = members;
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
    }

    /**
     * The observables of members {@code which} from their weights, member index → name → [layer k − 1][level ℓ − 1]:
     * grouped by realisation (and base), one batched net and forward pass per group. Members with nothing to
     * measure (or fewer than 2 base inputs) are left out. The perturbations and the noise are seeded by the
     * realisation's sample seed, so all P and all epochs of one realisation see the same perturbed inputs.
     */
    private Map<Integer, Map<Observable, double[][]>> observe(List<RunSpec> members, List<Integer> which,
                                                              IntFunction<MemberWeights> weights) {
        record Group(DataPools.Key pool, int baseSize) {
        }
        Map<Group, List<Integer>> groups = new LinkedHashMap<>();
        for (int i : which) {
            RunSpec r = members.get(i);
            if (required(measures, r).isEmpty()) continue;
            int n = measures.base() == Measures.Base.TEST ? Math.min(measures.baseSize(), r.testSize())
                    : (int) Math.min(measures.baseSize(), r.trainSize());
            if (n < 2) continue;
            groups.computeIfAbsent(new Group(DataPools.Key.of(r), n), g -> new ArrayList<>()).add(i);
        }
        Map<Integer, Map<Observable, double[][]>> out = new HashMap<>();
        for (Map.Entry<Group, List<Integer>> g : groups.entrySet()) {
            List<Integer> idx = g.getValue();
            RunSpec first = members.get(idx.get(0));
            Dataset ds = pools.dataset(first);
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
}
