package io.rhmlab.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.NetLayout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One ensemble's training, from the first checkpoint to the last member's stop. The ensemble is a list of
 * {@link TrainingMember}s; the net's tensors hold only the members still training ({@link #live}: position j holds
 * member live[j]), and a member that stops leaves them at the end of that step ({@link EnsembleNet#retain}), its
 * final weights copied to the host first. So every step computes exactly the members that train, with no per-step
 * gather, and the update touches only their tensors.
 *
 * <p>Each step goes through the same stages in this order: draw every live member's batch, take the step (scripted
 * or with DJL's operators, as the {@link TrainingPlan} says), and when some member has ended an epoch: read the step
 * losses, close the epochs, hand out snapshots, checkpoint the members due, drop those that stopped, report
 * progress.
 */
final class EnsembleRun {
    private final TrainingPlan plan;
    private final Training training;
    private final NetLayout layout;
    private final EnsembleNet net;
    private final UpdateRule rule;
    private final DeviceData data;
    private final NDManager root;
    private final String device;
    private final TrainingListener listener;
    private final int evalBatch;
    /** {@link TrainingListener#snapshotEvery()}, read once: 0 = no snapshots. */
    private final int snapshotEvery;
    private final TrainingMember[] members;
    private final long start = System.nanoTime();
    /** Member ids in the net's tensors, by position. */
    private int[] live;
    /** Per-position sums [live] of the step losses since the last read. */
    private NDArray lossSum;
    private int reportedEpoch;
    /** The scripted step ({@link ScriptedStep}), loaded at the first step, and its rate inputs for the live members. */
    private ScriptedStep script;
    private NDList scriptRates;
    private int scriptBatchWidth;
    private float[] scriptRateValues;

    EnsembleRun(List<RunSpec> specs, NetLayout layout, TrainingPlan plan, EnsembleNet net, UpdateRule rule, DeviceData data,
                NDManager root, String device, TrainingListener listener, int evalBatch) {
        this.plan = plan;
        this.training = plan.training();
        this.layout = layout;
        this.net = net;
        this.rule = rule;
        this.data = data;
        this.root = root;
        this.device = device;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        this.snapshotEvery = Math.max(0, this.listener.snapshotEvery());
        this.evalBatch = evalBatch;
        int k = specs.size();
        this.members = new TrainingMember[k];
        this.live = new int[k];
        for (int m = 0; m < k; m++) {
            members[m] = new TrainingMember(m, specs.get(m));
            live[m] = m;
        }
    }

    /** Trains every member until it stops; an engine failure ends the members still training as FAILED. */
    void loop() {
        try {
            snapshot(live.clone());
            checkpoint(live.clone());
            compact();
            while (live.length > 0) step();
        } catch (RuntimeException e) {
            for (int m : live) {
                if (members[m].training()) stop(m, Status.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        } finally {
            if (script != null) script.close();
            if (scriptRates != null) scriptRates.close();
        }
    }

    List<MemberResult> results() {
        return Arrays.stream(members).map(TrainingMember::result).toList();
    }

    List<MemberWeights> finalWeights() {
        return Arrays.stream(members).map(TrainingMember::weights).toList();
    }

    /** The rows one step reads: per live member its next min(B, P) rows, padded to the widest batch. */
    private record Batches(long[] rows, float[] weights, int width, boolean epochEnded) {
    }

    /**
     * One step of every live member. Step losses stay on the device, summed per member, and are read only when
     * some member ends an epoch; a non-finite sum then marks the member DIVERGED (members never mix, so its NaNs
     * in the meantime touch no other member). Members that stopped at this step leave the tensors at its end.
     */
    private void step() {
        Batches batches = drawBatches();
        takeStep(batches);
        for (int m : live) members[m].stepped();
        if (!batches.epochEnded()) return;
        takeFreedCores();
        readLosses();
        List<Integer> due = new ArrayList<>();
        List<Integer> snap = new ArrayList<>();
        for (int m : live) {
            TrainingMember member = members[m];
            if (!member.training() || !member.order.atEpochStart()) continue;   // diverged at the read, or mid-epoch
            member.closeEpoch();
            if (member.checkpointDue(training)) due.add(m);
            if (snapshotEvery > 0 && member.epoch() % snapshotEvery == 0) snap.add(m);
        }
        // before the checkpoint, which may stop the member: its last epoch is snapshotted too when due
        if (!snap.isEmpty()) snapshot(snap.stream().mapToInt(Integer::intValue).toArray());
        if (!due.isEmpty()) checkpoint(due.stream().mapToInt(Integer::intValue).toArray());
        compact();
        reportEpoch();
    }

    /**
     * Takes the cores that finished lanes handed over ({@link LaneCores}), for the scripted step only: its bits do not
     * depend on the thread count, where the transformer's, which trains through autograd, do.
     */
    private void takeFreedCores() {
        if (!plan.scripted()) return;
        int n = LaneCores.threadsNow();
        if (n > JniUtils.getNumThreads()) Devices.useThreads(n);
    }

    private Batches drawBatches() {
        int ka = live.length;
        int bw = 1;
        for (int m : live) bw = Math.max(bw, members[m].order.batch());
        long[] rows = new long[ka * bw];
        float[] weight = null;
        boolean epochEnded = false;
        for (int j = 0; j < ka; j++) {
            int m = live[j];
            BatchOrder order = members[m].order;
            int at = j * bw;
            int count = order.next(rows, at, data.trainOffset[m]);
            if (count < bw) {
                // padding rows point at the member's first row and weigh nothing; the others weigh 1/count
                if (weight == null) weight = uniformWeights(ka, bw, j);
                for (int i = count; i < bw; i++) rows[at + i] = data.trainOffset[m];
                Arrays.fill(weight, at, at + count, 1f / count);
                Arrays.fill(weight, at + count, at + bw, 0f);
            } else if (weight != null) {
                Arrays.fill(weight, at, at + bw, 1f / bw);
            }
            epochEnded |= order.atEpochStart();
        }
        return new Batches(rows, weight, bw, epochEnded);
    }

    private void takeStep(Batches batches) {
        int ka = live.length;
        if (lossSum == null) lossSum = root.zeros(new Shape(ka));
        float[] lr = new float[ka];
        for (int j = 0; j < ka; j++) lr[j] = (float) plan.rate(live[j], members[live[j]].epochOfLastBatch());
        Shape shape = new Shape(ka, batches.width());
        if (plan.scripted()) {
            // one call that leaves no array behind: no scope or sub-manager to open and close at every step
            try (NDArray index = root.create(batches.rows(), shape);
                 NDArray weights = batches.weights() == null ? null : root.create(batches.weights(), shape)) {
                scriptedStep(index, weights, lr, batches.width());
            }
        } else {
            try (NDManager sm = root.newSubManager(); NDScope scope = new NDScope()) {
                NDArray index = sm.create(batches.rows(), shape);
                NDArray weights = batches.weights() == null ? null : sm.create(batches.weights(), shape);
                operatorStep(sm, index, weights, lr);
            }
        }
        // fresh gradients at the next backward pass (outside the step's scope: the new handles are the net's);
        // the scripted step keeps none
        if (!plan.scripted()) net.dropGradients();
    }

    /** The step as one TorchScript call, which adds the members' losses to {@link #lossSum}. */
    private void scriptedStep(NDArray index, NDArray weights, float[] lr, int batchWidth) {
        if (script == null) script = ScriptedStep.load(root, layout, training);
        if (scriptRates == null || batchWidth != scriptBatchWidth || !Arrays.equals(lr, scriptRateValues)) {
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
        Arrays.fill(w, 0, upTo * bw, 1f / bw);
        return w;
    }

    /** Reads the summed step losses once some member has ended an epoch; a non-finite sum stops its member. */
    private void readLosses() {
        float[] sums = lossSum.toFloatArray();
        lossSum.close();
        lossSum = null;
        for (int j = 0; j < live.length; j++) {
            TrainingMember member = members[live[j]];
            if (!member.training()) continue;
            if (!Float.isFinite(sums[j])) {
                // its weights are not evaluated (they were zeroed, or are NaN): an optimisation failure is not a test error
                stop(member.id, Status.DIVERGED, "non-finite training loss at step " + member.steps() + " (epoch " + member.epoch() + ")");
            } else {
                member.addStepLosses(sums[j]);
            }
        }
    }

    /** Evaluates the members due on their training and test sets; a checkpoint may stop its member. */
    private void checkpoint(int[] due) {
        int[] at = positions(due);
        Evaluator.Scores train = Evaluator.evaluate(net, data, due, at, data.trainOffset, data.trainRows, evalBatch, root);
        Evaluator.Scores test = Evaluator.evaluate(net, data, due, at, data.testOffset, data.testRows, evalBatch, root);
        for (int j = 0; j < due.length; j++) {
            TrainingMember member = members[due[j]];
            Checkpoint c = new Checkpoint(member.epoch(), member.steps(), train.loss()[j], train.error()[j], test.error()[j],
                    test.loss()[j]);
            member.record(c);
            listener.onCheckpoint(member.id, c);
            Status stop = member.stopAfter(c, training);
            if (stop != null) {
                stop(member.id, stop, stop == Status.DIVERGED
                        ? "non-finite training loss " + c.trainLoss() + " at epoch " + c.epoch() : null);
            }
        }
    }

    /**
     * Hands host copies of the members' weights to the listener. Reads the parameters only (grad mode is off
     * between steps): no random stream, gradient or optimiser state is touched, so training is unchanged.
     */
    private void snapshot(int[] ids) {
        if (snapshotEvery <= 0) return;
        List<WeightSnapshot> out = new ArrayList<>(ids.length);
        for (int m : ids) out.add(new WeightSnapshot(m, members[m].epoch(), net.weights(position(m))));
        listener.onSnapshots(out);
    }

    /** Stops member m: its final weights to the host (it leaves the tensors at the end of this step), its result out. */
    private void stop(int m, Status status, String error) {
        MemberResult r = members[m].finish(status, error, net.weights(position(m)), (System.nanoTime() - start) / 1e9, device);
        listener.onMemberDone(m, r);
    }

    /** Drops the members that stopped from the net's tensors and the optimiser state. */
    private void compact() {
        int kept = 0;
        for (int m : live) if (members[m].training()) kept++;
        if (kept == live.length) return;
        int[] positions = new int[kept];
        int[] next = new int[kept];
        for (int j = 0, i = 0; j < live.length; j++) {
            if (!members[live[j]].training()) continue;
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

    private int[] positions(int[] ids) {
        int[] out = new int[ids.length];
        for (int j = 0; j < ids.length; j++) out[j] = position(ids[j]);
        return out;
    }

    /** Reports the epoch of the slowest member still training once it advances. */
    private void reportEpoch() {
        int slowest = Integer.MAX_VALUE;
        double sum = 0;
        int n = 0;
        for (int m : live) {
            slowest = Math.min(slowest, members[m].epoch());
            sum += members[m].lastEpochLoss();
            n++;
        }
        if (n > 0 && slowest > reportedEpoch) {
            reportedEpoch = slowest;
            listener.onEpoch(slowest, n, sum / n);
        }
    }
}
