package io.rhmlab.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
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
                Run run = new Run(members, layout, plan, net, rule, onDevice, trainRows, testRows, root,
                        device.toString(), listener, settings.evalBatch());
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
            InvalidSpecException.require(withRate(r.training(), first.training().learningRate()).equals(first.training()),
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

    private static Training withRate(Training t, double lr) {
        return new Training(t.optimizer(), lr, t.scaleByWidth(), t.momentum(), t.weightDecay(), t.schedule(),
                t.batchSize(), t.lossThreshold(), t.checkEvery(), t.maxEpochs());
    }

    /**
     * The mutable state of one ensemble run. The net's tensors hold only the members still training
     * ({@link #live}: position j holds member live[j]); a member that stops leaves them at the end of that step
     * ({@link EnsembleNet#retain}), its final weights copied to the host first. So every step computes exactly
     * the members that train, with no per-step gather, and the update touches only their tensors.
     */
    private static final class Run {
        private final List<RunSpec> specs;
        private final Training training;
        private final EnsembleNet net;
        private final UpdateRule rule;
        private final DeviceData data;
        private final int[] trainRows;
        private final int[] testRows;
        private final NDManager root;
        private final String device;
        private final TrainingListener listener;
        private final int k;
        private final TrainingPlan plan;
        private final BatchOrder[] orders;
        private final boolean[] active;
        private final long[] steps;
        private final double[] epochLoss;
        private final int[] epochBatches;
        private final double[] lastEpochLoss;
        private final List<List<Checkpoint>> history = new ArrayList<>();
        private final MemberResult[] results;
        private final MemberWeights[] weights;
        private final long start = System.nanoTime();
        private final int evalBatch;
        /** {@link TrainingListener#snapshotEvery()}, read once: 0 = no snapshots. */
        private final int snapshotEvery;
        /** Member ids in the net's tensors, by position. */
        private int[] live;
        /** Per-position sums [live] of the step losses since the last read. */
        private NDArray lossSum;
        private int reportedEpoch;
        private final NetLayout layout;
        /** Steps as one TorchScript call ({@link ScriptedStep}), loaded at the first step; else DJL's operators. */
        private final boolean scripted;
        private ScriptedStep script;
        /** The scripted step's rate inputs for the live members, and what they were built for. */
        private NDList scriptRates;
        private int scriptBatchWidth;
        private float[] scriptRateValues;

        Run(List<RunSpec> specs, NetLayout layout, TrainingPlan plan, EnsembleNet net, UpdateRule rule, DeviceData data,
            int[] trainRows, int[] testRows, NDManager root, String device, TrainingListener listener, int evalBatch) {
            this.evalBatch = evalBatch;
            this.layout = layout;
            this.plan = plan;
            this.scripted = plan.scripted();
            this.specs = specs;
            this.training = plan.training();
            this.net = net;
            this.rule = rule;
            this.data = data;
            this.trainRows = trainRows;
            this.testRows = testRows;
            this.root = root;
            this.device = device;
            this.listener = listener == null ? TrainingListener.NONE : listener;
            this.snapshotEvery = Math.max(0, this.listener.snapshotEvery());
            this.k = specs.size();
            this.orders = new BatchOrder[k];
            this.active = new boolean[k];
            this.steps = new long[k];
            this.epochLoss = new double[k];
            this.epochBatches = new int[k];
            this.lastEpochLoss = new double[k];
            this.results = new MemberResult[k];
            this.weights = new MemberWeights[k];
            this.live = new int[k];
            for (int m = 0; m < k; m++) {
                orders[m] = new BatchOrder(trainRows[m], training.batchSize(), specs.get(m).modelSeed());
                active[m] = true;
                live[m] = m;
                history.add(new ArrayList<>());
            }
        }

        void loop() {
            try {
                snapshot(live.clone());
                checkpoint(live.clone());
                compact();
                while (live.length > 0) step();
            } catch (RuntimeException e) {
                // an engine failure ends every member still training, with its message stored
                for (int m : live) {
                    if (active[m]) finish(m, Status.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            } finally {
                if (script != null) script.close();
                if (scriptRates != null) scriptRates.close();
            }
        }

        List<MemberResult> results() {
            return List.of(results);
        }

        List<MemberWeights> finalWeights() {
            return List.of(weights);
        }

        /**
         * One step of every live member: each consumes the next min(B, P) rows of its own shuffle. Step losses
         * stay on the device, summed per member, and are read only when some member ends an epoch; a
         * non-finite sum then marks the member DIVERGED (members never mix, so its NaNs in the meantime touch no
         * other member). Members that stopped at this step leave the tensors at its end.
         */
        private void step() {
            int ka = live.length;
            int bw = 1;
            for (int m : live) bw = Math.max(bw, orders[m].batch());
            long[] rows = new long[ka * bw];
            float[] weight = null;
            boolean epochEnded = false;
            for (int j = 0; j < ka; j++) {
                int m = live[j];
                int at = j * bw;
                int count = orders[m].next(rows, at, data.trainOffset[m]);
                if (count < bw) {
                    // padding rows point at the member's first row and weigh nothing; the others weigh 1/count
                    if (weight == null) weight = uniformWeights(ka, bw, j);
                    for (int i = count; i < bw; i++) rows[at + i] = data.trainOffset[m];
                    java.util.Arrays.fill(weight, at, at + count, 1f / count);
                    java.util.Arrays.fill(weight, at + count, at + bw, 0f);
                } else if (weight != null) {
                    java.util.Arrays.fill(weight, at, at + bw, 1f / bw);
                }
                epochEnded |= orders[m].atEpochStart();
            }
            if (lossSum == null) lossSum = root.zeros(new Shape(ka));
            float[] lr = new float[ka];
            for (int j = 0; j < ka; j++) {
                int m = live[j];
                lr[j] = (float) plan.rate(m, orders[m].epoch() - (orders[m].atEpochStart() ? 1 : 0));
            }
            try (NDManager sm = root.newSubManager(); NDScope scope = new NDScope()) {
                NDArray index = sm.create(rows, new Shape(ka, bw));
                NDArray weights = weight == null ? null : sm.create(weight, new Shape(ka, bw));
                if (scripted) {
                    scriptedStep(index, weights, lr, bw);
                } else {
                    operatorStep(sm, index, weights, lr);
                }
            }
            // fresh gradients at the next backward pass (outside the step's scope: the new handles are the net's);
            // the scripted step keeps none
            if (!scripted) net.dropGradients();
            for (int m : live) {
                steps[m]++;
                epochBatches[m]++;
            }
            if (!epochEnded) {
                return;
            }
            readLosses();
            List<Integer> due = new ArrayList<>();
            List<Integer> snap = new ArrayList<>();
            for (int m : live) {
                if (!active[m]) continue; // diverged at the read
                if (orders[m].atEpochStart()) {
                    lastEpochLoss[m] = epochLoss[m] / epochBatches[m];
                    epochLoss[m] = 0;
                    epochBatches[m] = 0;
                    int e = orders[m].epoch();
                    if (e % training.checkEvery() == 0 || e >= training.maxEpochs()) due.add(m);
                    if (snapshotEvery > 0 && e % snapshotEvery == 0) snap.add(m);
                }
            }
            // before the checkpoint, which may stop the member: its last epoch is snapshotted too when due
            if (!snap.isEmpty()) snapshot(snap.stream().mapToInt(Integer::intValue).toArray());
            if (!due.isEmpty()) checkpoint(due.stream().mapToInt(Integer::intValue).toArray());
            compact();
            reportEpoch();
        }

        /** The step as one TorchScript call, which adds the members' losses to {@link #lossSum}. */
        private void scriptedStep(NDArray index, NDArray weights, float[] lr, int batchWidth) {
            if (script == null) script = ScriptedStep.load(root, layout, training);
            if (scriptRates == null || batchWidth != scriptBatchWidth || !java.util.Arrays.equals(lr, scriptRateValues)) {
                // rebuilt when a member leaves, the batch narrows or a rate changes; otherwise kept from step to step
                if (scriptRates != null) scriptRates.close();
                float[][] r = ScriptedStep.rates(layout, training, lr, batchWidth);
                scriptRates = new NDList(root.create(r[0], new Shape(lr.length, 2)), root.create(r[1]));
                scriptRates.forEach(NDScope::unregister);
                scriptBatchWidth = batchWidth;
                scriptRateValues = lr.clone();
            }
            script.step(index, weights, data, net.encodingTable(), lossSum, scriptRates.get(0), scriptRates.get(1),
                    net.parameters(), rule.momentum());
        }

        /** The step with DJL's operators: forward and loss recorded, backward, the update rule. */
        private void operatorStep(NDManager sm, NDArray index, NDArray weights, float[] lr) {
            NDArray tokens = data.tokens.get(sm, new NDIndex("{}", index));
            NDArray labels = data.labels.get(sm, new NDIndex("{}", index));
            List<NDArray> params = net.parameters();
            NDArray memberLoss;
            // grad mode on this thread only, around the forward pass (what DJL's GradientCollector does,
            // without its one-collector-per-JVM lock, so that independent ensembles can train on several
            // threads at once)
            JniUtils.setGradMode(true);
            try {
                NDArray logits = net.run(params, tokens, false).output();
                NDArray nll = logits.logSoftmax(2).gather(labels.expandDims(2), 2).squeeze(2).neg();
                memberLoss = weights == null ? nll.mean(new int[] {1}) : nll.mul(weights).sum(new int[] {1});
                // the fused update takes the gradient as η·g: the rate seeds the backward pass, a shared one as the
                // seed, one per member as a factor of its loss (the same bits: ∂(η_m·L_m)/∂L_m = 1·η_m exactly)
                boolean perMember = plan.folded() && !sameRate(lr);
                NDArray total = perMember ? memberLoss.mul(sm.create(lr)).sum() : memberLoss.sum();
                NDArray seed = sm.full(total.getShape(), plan.folded() && !perMember ? lr[0] : 1f);
                JniUtils.backward((PtNDArray) total, (PtNDArray) seed, false, false);
            } finally {
                JniUtils.setGradMode(false);
            }
            lossSum.addi(memberLoss); // grad mode is off again: no graph, no copy to the host
            rule.apply(sm, params, lr);
        }

        private static boolean sameRate(float[] lr) {
            for (float r : lr) if (Float.floatToRawIntBits(r) != Float.floatToRawIntBits(lr[0])) return false;
            return true;
        }

        private static float[] uniformWeights(int ka, int bw, int upTo) {
            float[] w = new float[ka * bw];
            java.util.Arrays.fill(w, 0, upTo * bw, 1f / bw);
            return w;
        }

        /** Moves the device-side loss sums to the host (one copy) and reports non-finite members as diverged. */
        private void readLosses() {
            float[] sums = lossSum.toFloatArray();
            lossSum.close();
            lossSum = null;
            for (int j = 0; j < live.length; j++) {
                int m = live[j];
                if (!active[m]) continue;
                if (!Float.isFinite(sums[j])) {
                    diverge(m);
                } else {
                    epochLoss[m] += sums[j];
                }
            }
        }

        /** Drops the members that stopped from the net's tensors and the optimiser state. */
        private void compact() {
            int kept = 0;
            for (int m : live) if (active[m]) kept++;
            if (kept == live.length) return;
            int[] positions = new int[kept];
            int[] next = new int[kept];
            for (int j = 0, i = 0; j < live.length; j++) {
                if (!active[live[j]]) continue;
                positions[i] = j;
                next[i++] = live[j];
            }
            live = next;
            if (kept > 0) {
                net.retain(positions);
                rule.retain(positions);
            }
        }

        private int position(int m) {
            for (int j = 0; j < live.length; j++) if (live[j] == m) return j;
            throw new IllegalStateException("member " + m + " is not training");
        }

        private int[] positions(int[] members) {
            int[] out = new int[members.length];
            for (int j = 0; j < members.length; j++) out[j] = position(members[j]);
            return out;
        }

        /** The learning rate of member m once it has completed {@code epoch} epochs. */
        private void checkpoint(int[] due) {
            int[] at = positions(due);
            Evaluator.Scores train = Evaluator.evaluate(net, data, due, at, data.trainOffset, trainRows, evalBatch, root);
            Evaluator.Scores test = Evaluator.evaluate(net, data, due, at, data.testOffset, testRows, evalBatch, root);
            for (int j = 0; j < due.length; j++) {
                int m = due[j];
                int epoch = orders[m].epoch();
                Checkpoint c = new Checkpoint(epoch, steps[m], train.loss()[j], train.error()[j], test.error()[j], test.loss()[j]);
                history.get(m).add(c);
                listener.onCheckpoint(m, c);
                if (!Double.isFinite(c.trainLoss())) {
                    finish(m, Status.DIVERGED, "non-finite training loss " + c.trainLoss() + " at epoch " + epoch);
                } else if (c.trainLoss() <= training.lossThreshold()) {
                    finish(m, Status.CONVERGED, null);
                } else if (epoch >= training.maxEpochs()) {
                    finish(m, Status.MAX_EPOCHS, null);
                }
            }
        }

        /**
         * Hands host copies of the members' weights to the listener. Reads the parameters only (grad mode is off
         * between steps): no random stream, gradient or optimiser state is touched, so training is unchanged.
         */
        private void snapshot(int[] members) {
            if (snapshotEvery <= 0) return;
            List<WeightSnapshot> out = new ArrayList<>(members.length);
            for (int m : members) out.add(new WeightSnapshot(m, orders[m].epoch(), net.weights(position(m))));
            listener.onSnapshots(out);
        }

        /**
         * A member whose step loss was not finite: reported DIVERGED with where it happened and its last checkpoint.
         * Its weights are not evaluated (they were zeroed, or are NaN): an optimisation failure is not a test error.
         */
        private void diverge(int m) {
            finish(m, Status.DIVERGED, "non-finite training loss at step " + steps[m] + " (epoch " + orders[m].epoch() + ")");
        }

        /** Ends member m: its final weights to the host (it leaves the tensors at the end of this step), its result out. */
        private void finish(int m, Status status, String error) {
            active[m] = false;
            weights[m] = net.weights(position(m));
            List<Checkpoint> h = history.get(m);
            Checkpoint last = h.isEmpty() ? null : h.get(h.size() - 1);
            double best = h.stream().mapToDouble(Checkpoint::testError).filter(x -> !Double.isNaN(x)).min().orElse(Double.NaN);
            double seconds = (System.nanoTime() - start) / 1e9;
            MemberResult r = status == Status.DIVERGED
                    ? MemberResult.diverged(specs.get(m), error, orders[m].epoch(), steps[m], seconds, device, h)
                    : new MemberResult(specs.get(m), status,
                    last == null ? Double.NaN : last.testError(), best,
                    last == null ? Double.NaN : last.trainLoss(), last == null ? Double.NaN : last.trainError(),
                    orders[m].epoch(), steps[m], seconds, device, h, error);
            results[m] = r;
            listener.onMemberDone(m, r);
        }

        /** Reports the epoch of the slowest active member once it advances. */
        private void reportEpoch() {
            int slowest = Integer.MAX_VALUE;
            double sum = 0;
            int n = 0;
            for (int m : live) {
                slowest = Math.min(slowest, orders[m].epoch());
                sum += lastEpochLoss[m];
                n++;
            }
            if (n > 0 && slowest > reportedEpoch) {
                reportedEpoch = slowest;
                listener.onEpoch(slowest, n, sum / n);
            }
        }
    }
}
