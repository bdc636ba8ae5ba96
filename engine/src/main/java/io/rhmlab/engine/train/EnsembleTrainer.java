package io.rhmlab.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.net.NoGrad;
import io.rhmlab.engine.net.TokenData;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains K members that share architecture, training spec (up to the learning rate, so that a learning-rate
 * grid is one ensemble) and input shape as one batched computation
 * (docs/science.md §2.C, §3.C). Each member has its own seed, training-set size P, data, batch order, epoch counter,
 * learning-rate schedule and stopping: at every step each active member consumes the next min(B, P) rows of its
 * own shuffle; its loss is the mean cross-entropy over its batch, and the ensemble loss is the sum over members,
 * so gradients stay per member. Every {@code checkEvery} of its epochs a member is evaluated on its training and
 * test sets; it stops (and is frozen) when its training loss is at most the threshold, at the epoch cap, or when
 * its step losses are not finite (DIVERGED; step losses are summed on the device and read when some member ends
 * an epoch), while the others go on. Stopped members are no longer computed.
 *
 * <p>A listener that asks for snapshots ({@link TrainingListener#snapshotEvery()}) gets host copies of the
 * members' weights every so many epochs, e.g. to measure observables during training without disturbing it.
 *
 * <p>Grad mode is set on the calling thread (any thread can train). For layerwise training see
 * {@link #trainLayer}: hidden layers can be loaded and frozen ({@link EnsembleNet#load}, {@link EnsembleNet#freeze}:
 * frozen tensors require no gradient and are skipped by the update).
 */
public final class EnsembleTrainer {
    private final TrainerSettings settings;

    public EnsembleTrainer(TrainerSettings settings) {
        this.settings = settings;
    }

    public EnsembleTrainer() {
        this(TrainerSettings.defaults());
    }

    /** Trains the members; {@code data.get(k)} belongs to {@code members.get(k)}. */
    public List<MemberResult> train(List<RunSpec> members, List<MemberData> data, TrainingListener listener) {
        return trainWithWeights(members, data, listener).results();
    }

    /** As {@link #train}, also returning every member's final weights (for observables). */
    public EnsembleOutcome trainWithWeights(List<RunSpec> members, List<MemberData> data, TrainingListener listener) {
        NetLayout layout = validate(members, data);
        return byBatchWidth(members, listener, (idx, l) -> execute(pick(members, idx), pick(data, idx), layout, net -> { }, l));
    }

    /** One ensemble's training of the members at {@code indices}, reporting to {@code listener} by their positions there. */
    private interface Group {
        EnsembleOutcome train(int[] indices, TrainingListener listener);
    }

    /**
     * Trains members whose batches have different widths (min(B, P)) as separate ensembles, one after the other,
     * and returns everything in the members' order. A member of batch width b beside wider ones would have its
     * batch padded with rows of weight 0: exact in the loss, but a longer sum inside the weight gradient's matrix
     * product, which MKL rounds differently (measured on CNNs). Kept apart, a member computes the same bits alone
     * and in any ensemble (docs/choices.md, "Determinism").
     */
    private static EnsembleOutcome byBatchWidth(List<RunSpec> members, TrainingListener listener, Group group) {
        java.util.TreeMap<Long, List<Integer>> widths = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (int m = 0; m < members.size(); m++) {
            RunSpec r = members.get(m);
            widths.computeIfAbsent(Math.min((long) r.training().batchSize(), r.trainSize()), w -> new ArrayList<>()).add(m);
        }
        if (widths.size() == 1) return group.train(java.util.stream.IntStream.range(0, members.size()).toArray(), listener);
        MemberResult[] results = new MemberResult[members.size()];
        MemberWeights[] weights = new MemberWeights[members.size()];
        TrainingListener target = listener == null ? TrainingListener.NONE : listener;
        for (List<Integer> same : widths.values()) {
            int[] idx = same.stream().mapToInt(Integer::intValue).toArray();
            EnsembleOutcome o = group.train(idx, new Renumbered(target, idx));
            for (int j = 0; j < idx.length; j++) {
                results[idx[j]] = o.results().get(j);
                weights[idx[j]] = o.weights().get(j);
            }
        }
        return new EnsembleOutcome(List.of(results), List.of(weights));
    }

    private static <T> List<T> pick(List<T> all, int[] indices) {
        if (all == null) return null;
        if (indices.length == all.size()) return all;
        List<T> out = new ArrayList<>(indices.length);
        for (int i : indices) out.add(all.get(i));
        return out;
    }

    /** A listener of a group of members, reporting to the caller's listener under the members' own indices. */
    private record Renumbered(TrainingListener target, int[] indices) implements TrainingListener {
        @Override
        public void onCheckpoint(int member, Checkpoint checkpoint) {
            target.onCheckpoint(indices[member], checkpoint);
        }

        @Override
        public void onMemberDone(int member, MemberResult result) {
            target.onMemberDone(indices[member], result);
        }

        @Override
        public void onEpoch(int epoch, int active, double meanLoss) {
            target.onEpoch(epoch, active, meanLoss);
        }

        @Override
        public int snapshotEvery() {
            return target.snapshotEvery();
        }

        @Override
        public void onSnapshots(List<WeightSnapshot> snapshots) {
            List<WeightSnapshot> renumbered = new ArrayList<>(snapshots.size());
            for (WeightSnapshot w : snapshots) renumbered.add(new WeightSnapshot(indices[w.member()], w.epoch(), w.weights()));
            target.onSnapshots(renumbered);
        }
    }

    /**
     * One stage of layerwise training (docs/science.md §4.C): trains hidden layer {@code layer} (1-based) together
     * with a fresh temporary readout, on the net cut after that layer ({@link NetLayout#truncated}: the readout
     * sees layer {@code layer}'s representation averaged over its remaining positions, H → n_c, same scaling).
     * Layers 1..layer−1 are loaded from {@code below.get(k)} for member k (the weights of the previous stage,
     * or of any net whose first layers match) and frozen: they stay bit-identical. Layer {@code layer} and the
     * readout start from the member's seed, as in a fresh net. Stopping, checkpoints and the result are those of
     * {@link #trainWithWeights}; the weights returned are those of the truncated net (layers 1..layer, readout),
     * ready to be the next stage's {@code below}. At {@code layer} = depth the net is the full one.
     *
     * @param below one MemberWeights per member; ignored (may be null) when {@code layer} = 1
     */
    public EnsembleOutcome trainLayer(List<RunSpec> members, List<MemberData> data, int layer, List<MemberWeights> below,
                                      TrainingListener listener) {
        return trainLayer(members, data, layer, below, false, listener);
    }

    /** As {@link #trainLayer(List, List, int, List, TrainingListener)}, the temporary readout per position or pooled. */
    public EnsembleOutcome trainLayer(List<RunSpec> members, List<MemberData> data, int layer, List<MemberWeights> below,
                                      boolean perPositionReadout, TrainingListener listener) {
        NetLayout layout = validate(members, data).truncated(layer, perPositionReadout);
        if (layer > 1) {
            InvalidSpecException.require(below != null && below.size() == members.size(), "below",
                    "need the weights of layers 1.." + (layer - 1) + " for each of the " + members.size() + " members");
        }
        return byBatchWidth(members, listener, (idx, l) -> execute(pick(members, idx), pick(data, idx), layout, net -> {
            if (layer > 1) {
                net.load(pick(below, idx), layer - 1);
                net.freeze(layer - 1);
            }
        }, l));
    }

    private EnsembleOutcome execute(List<RunSpec> members, List<MemberData> data, NetLayout layout,
                                    java.util.function.Consumer<EnsembleNet> setup, TrainingListener listener) {
        Device device = Devices.resolve(settings.device());
        Devices.useThreads(settings.threads());
        int k = members.size();
        Training training = members.get(0).training();
        int[] trainRows = new int[k];
        int[] testRows = new int[k];
        long[] seeds = new long[k];
        List<TokenData> pools = new ArrayList<>();
        List<TokenData> tests = new ArrayList<>();
        for (int m = 0; m < k; m++) {
            trainRows[m] = (int) members.get(m).trainSize();
            testRows[m] = members.get(m).testSize();
            seeds[m] = members.get(m).modelSeed();
            pools.add(data.get(m).trainPool());
            tests.add(data.get(m).test());
        }
        // grad mode is per thread: off here whatever thread this is (the collector turns it on for each step)
        try (NoGrad off = NoGrad.on();
             NDManager root = NDManager.newBaseManager(device);
             DeviceData onDevice = new DeviceData(root, pools, trainRows, tests, testRows);
             EnsembleNet net = EnsembleNet.create(root, layout, seeds)) {
            setup.accept(net);
            boolean everyTensorTrains = net.parameters().stream().allMatch(NDArray::hasGradient);
            TrainingPlan plan = TrainingPlan.of(members, layout, device, everyTensorTrains, settings.scriptedStep());
            try (UpdateRule rule = new UpdateRule(training, net.parameters(), root, plan.folded())) {
                EnsembleRun run = new EnsembleRun(members, layout, plan, net, rule, onDevice, root, device.toString(),
                        listener, settings.evalBatch());
                run.loop();
                return new EnsembleOutcome(run.results(), run.finalWeights());
            }
        }
    }

    /** Everything is checked before any work starts, naming the offending parameter. */
    private static NetLayout validate(List<RunSpec> members, List<MemberData> data) {
        InvalidSpecException.require(members != null && !members.isEmpty(), "members", "need at least one RunSpec");
        InvalidSpecException.require(data != null && data.size() == members.size(), "data",
                "need one MemberData per member: " + members.size() + " members, "
                        + (data == null ? "no" : String.valueOf(data.size())) + " data");
        RunSpec first = members.get(0);
        Hierarchy h0 = first.hierarchy();
        for (int m = 1; m < members.size(); m++) {
            RunSpec r = members.get(m);
            InvalidSpecException.require(r.architecture().equals(first.architecture()), "architecture",
                    "member " + m + " has " + r.architecture() + ", member 0 " + first.architecture()
                            + ": an ensemble shares one architecture");
            InvalidSpecException.require(r.training().withLearningRate(first.training().learningRate()).equals(first.training()),
                    "training", "member " + m + " has " + r.training() + ", member 0 " + first.training()
                            + ": an ensemble shares one training spec (only the learning rate may differ)");
            Hierarchy h = r.hierarchy();
            InvalidSpecException.require(h.vocabulary() == h0.vocabulary() && h.classes() == h0.classes()
                            && h.patchSize() == h0.patchSize() && h.depth() == h0.depth(), "hierarchy",
                    "member " + m + " has v, n_c, s(s0+1), L = " + h.vocabulary() + ", " + h.classes() + ", "
                            + h.patchSize() + ", " + h.depth() + " but member 0 " + h0.vocabulary() + ", " + h0.classes()
                            + ", " + h0.patchSize() + ", " + h0.depth() + ": an ensemble shares one network shape");
        }
        for (int m = 1; m < members.size(); m++) {
            InvalidSpecException.require(members.get(m).taskOrClassify().equals(first.taskOrClassify()), "task",
                    "member " + m + " has task " + members.get(m).taskOrClassify() + ", member 0 " + first.taskOrClassify()
                            + ": an ensemble shares one task");
        }
        NetLayout layout = NetLayout.of(h0, first.taskOrClassify(), first.architecture());
        for (int m = 0; m < members.size(); m++) {
            RunSpec r = members.get(m);
            MemberData md = data.get(m);
            InvalidSpecException.require(md.trainPool().n() >= r.trainSize(), "P_train",
                    "member " + m + " asks for P = " + r.trainSize() + " but its pool holds " + md.trainPool().n() + " rows");
            InvalidSpecException.require(md.test().n() >= r.testSize(), "P_test",
                    "member " + m + " asks for " + r.testSize() + " test rows but its test set holds " + md.test().n());
            md.trainPool().requireFits(layout.vocabulary(), layout.classes(), layout.inputLength(), "member " + m + " training pool");
            if (md.test() != md.trainPool()) {
                md.test().requireFits(layout.vocabulary(), layout.classes(), layout.inputLength(), "member " + m + " test set");
            }
        }
        return layout;
    }

}
