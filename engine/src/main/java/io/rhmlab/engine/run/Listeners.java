package io.rhmlab.engine.run;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.Checkpoint;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainingListener;

import java.util.List;

/** Fans one stream of training events out to several listeners, in order. */
public final class Listeners implements SweepListener {
    private final List<TrainingListener> targets;

    public Listeners(List<TrainingListener> targets) {
        this.targets = List.copyOf(targets);
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
