package io.rhmlab.engine.train;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.MemberWeights;

import java.util.ArrayList;
import java.util.List;

/**
 * One member of an ensemble run, everything that is its own: its spec, its batch order, its step and epoch
 * counters, its checkpoints, whether it still trains, and once it stops its result and final weights. Its slice
 * of the net's tensors and of the optimiser state sits at its position among the live members
 * ({@link EnsembleRun}).
 */
final class TrainingMember {
    /** Index in the ensemble: what listeners and results are keyed by. */
    final int id;
    final RunSpec spec;
    final BatchOrder order;
    private boolean training = true;
    private long steps;
    private double epochLoss;
    private int epochBatches;
    private double lastEpochLoss;
    private final List<Checkpoint> history = new ArrayList<>();
    private MemberResult result;
    private MemberWeights weights;

    TrainingMember(int id, RunSpec spec) {
        this.id = id;
        this.spec = spec;
        this.order = new BatchOrder((int) spec.trainSize(), spec.training().batchSize(), spec.modelSeed());
    }

    boolean training() {
        return training;
    }

    long steps() {
        return steps;
    }

    int epoch() {
        return order.epoch();
    }

    /** The epoch the step just drawn belongs to (the order has moved on to the next one after its last batch). */
    int epochOfLastBatch() {
        return order.epoch() - (order.atEpochStart() ? 1 : 0);
    }

    void stepped() {
        steps++;
        epochBatches++;
    }

    /** The step losses summed on the device since the last read. */
    void addStepLosses(double sum) {
        epochLoss += sum;
    }

    /** Closes the epoch just ended: its mean step loss is what progress reports. */
    void closeEpoch() {
        lastEpochLoss = epochLoss / epochBatches;
        epochLoss = 0;
        epochBatches = 0;
    }

    double lastEpochLoss() {
        return lastEpochLoss;
    }

    boolean checkpointDue(Training t) {
        int e = epoch();
        return e % t.checkEvery() == 0 || e >= t.maxEpochs();
    }

    void record(Checkpoint c) {
        history.add(c);
    }

    /** How a member stops after checkpoint {@code c}, or null while it trains on. */
    Status stopAfter(Checkpoint c, Training t) {
        if (!Double.isFinite(c.trainLoss())) return Status.DIVERGED;
        if (c.trainLoss() <= t.lossThreshold()) return Status.CONVERGED;
        if (c.epoch() >= t.maxEpochs()) return Status.MAX_EPOCHS;
        return null;
    }

    /** Stops the member with its final weights: its result, from its checkpoints (a diverged member's without a test error). */
    MemberResult finish(Status status, String error, MemberWeights finalWeights, double seconds, String device) {
        training = false;
        weights = finalWeights;
        Checkpoint last = history.isEmpty() ? null : history.get(history.size() - 1);
        double best = history.stream().mapToDouble(Checkpoint::testError).filter(x -> !Double.isNaN(x)).min().orElse(Double.NaN);
        result = status == Status.DIVERGED
                ? MemberResult.diverged(spec, error, epoch(), steps, seconds, device, history)
                : new MemberResult(spec, status,
                last == null ? Double.NaN : last.testError(), best,
                last == null ? Double.NaN : last.trainLoss(), last == null ? Double.NaN : last.trainError(),
                epoch(), steps, seconds, device, history, error);
        return result;
    }

    MemberResult result() {
        return result;
    }

    MemberWeights weights() {
        return weights;
    }
}
