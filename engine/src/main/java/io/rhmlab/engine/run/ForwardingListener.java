package io.rhmlab.engine.run;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.Checkpoint;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainingListener;

import java.util.List;

/**
 * Passes every training and sweep event on to its targets, in order (sweep events to the targets that are
 * {@link SweepListener}s). The one listener that listens on behalf of others: a fan-out as it is, and the base
 * of the listeners that act on a few events and pass the rest on (the sweep's storing listener, the lanes'
 * merge, the measurements taken during training), which override those events and call {@code super} to pass
 * them on.
 *
 * <p>Weight snapshots ({@link TrainingListener#snapshotEvery}) are not asked for on the targets' behalf: copying
 * weights costs time, and only the runner that measures during training asks for them.
 */
public class ForwardingListener implements SweepListener {
    private final List<TrainingListener> targets;

    public ForwardingListener(List<? extends TrainingListener> targets) {
        this.targets = List.copyOf(targets);
    }

    public ForwardingListener(TrainingListener target) {
        this(List.of(target));
    }

    /** {@code listener} itself when it already hears sweep events, else a forwarder to it. */
    public static SweepListener of(TrainingListener listener) {
        return listener instanceof SweepListener s ? s : new ForwardingListener(listener);
    }

    @Override
    public void onCheckpoint(int member, Checkpoint checkpoint) {
        for (TrainingListener t : targets) t.onCheckpoint(member, checkpoint);
    }

    @Override
    public void onMemberDone(int member, MemberResult result) {
        for (TrainingListener t : targets) t.onMemberDone(member, result);
    }

    @Override
    public void onEpoch(int epoch, int active, double meanLoss) {
        for (TrainingListener t : targets) t.onEpoch(epoch, active, meanLoss);
    }

    @Override
    public void onSweepStart(int total, int reused) {
        for (TrainingListener t : targets) if (t instanceof SweepListener s) s.onSweepStart(total, reused);
    }

    @Override
    public void onEnsembleStart(int index, int count, List<RunSpec> members) {
        for (TrainingListener t : targets) if (t instanceof SweepListener s) s.onEnsembleStart(index, count, members);
    }

    @Override
    public void onEnsembleFailed(int index, RuntimeException error) {
        for (TrainingListener t : targets) if (t instanceof SweepListener s) s.onEnsembleFailed(index, error);
    }

    @Override
    public void onSweepEnd() {
        for (TrainingListener t : targets) if (t instanceof SweepListener s) s.onSweepEnd();
    }
}
