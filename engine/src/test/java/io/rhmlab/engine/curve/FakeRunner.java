package io.rhmlab.engine.curve;

import io.rhmlab.engine.run.EnsembleRunner;
import io.rhmlab.engine.run.MeasurementSink;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.Checkpoint;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.train.TrainingListener;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Pretends to train: a member's test error is ε = 0.5 − 0.1·ln(P / P0) with P0 = 256·(1 + (seed − 1)/4), clipped
 * to [0, 1], so P* at 10% is P0·e^4 exactly. Records every call; can crash after a given number of members.
 */
public final class FakeRunner implements EnsembleRunner {
    final List<List<RunSpec>> calls = new ArrayList<>();
    final List<RunSpec> trained = new ArrayList<>();
    private int crashAfter = -1;
    private Supplier<? extends Throwable> crash;
    private boolean callBack = true;
    private java.util.function.Predicate<RunSpec> diverges = r -> false;

    static double error(RunSpec r) {
        double p0 = 256 * (1 + (r.modelSeed() - 1) / 4.0);
        return Math.max(0, Math.min(1, 0.5 - 0.1 * Math.log(r.trainSize() / p0)));
    }

    static double pStar(int seed) {
        return 256 * (1 + (seed - 1) / 4.0) * Math.exp(4);
    }

    public static MemberResult result(RunSpec r) {
        double e = error(r);
        return new MemberResult(r, Status.CONVERGED, e, e, 1e-3, 0, 10, 10 * r.trainSize() / 32, 0.01, "fake",
                List.of(new Checkpoint(10, 10 * r.trainSize() / 32, 1e-3, 0, e)), null);
    }

    /** After {@code members} members have been reported (over all calls), throw what {@code crash} gives. */
    FakeRunner crashAfter(int members, Supplier<? extends Throwable> crash) {
        this.crashAfter = members;
        this.crash = crash;
        return this;
    }

    /** Members matching {@code which} end DIVERGED (as the trainer reports a non-finite loss). */
    FakeRunner diverging(java.util.function.Predicate<RunSpec> which) {
        this.diverges = which;
        return this;
    }

    /** Only return the results, never calling onMemberDone. */
    FakeRunner silent() {
        this.callBack = false;
        return this;
    }

    @Override
    public List<MemberResult> run(List<RunSpec> members, TrainingListener listener, MeasurementSink measurements) {
        calls.add(members);
        List<MemberResult> out = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (trained.size() == crashAfter) {
                Throwable t = crash.get();
                if (t instanceof RuntimeException re) throw re;
                throw (Error) t;
            }
            listener.onEpoch(i + 1, members.size() - i, 0.5 / (i + 1));
            MemberResult r = diverges.test(members.get(i))
                    ? MemberResult.diverged(members.get(i), "non-finite training loss at step 7 (epoch 1)", 1, 7, 0.01, "fake",
                            List.of(new Checkpoint(1, 7, 2.5, 0.9, 0.85)))
                    : result(members.get(i));
            trained.add(members.get(i));
            if (callBack) listener.onMemberDone(i, r);
            out.add(r);
        }
        return out;
    }
}
