package io.rhmlab.engine.store;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.train.Checkpoint;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;

import java.util.List;

/** Small specs and synthetic results shared by the store and curve tests. */
public final class TestRuns {
    private TestRuns() {
    }

    /** v = n_c = 8, m = 4, s = 2, L = 2: P_max = 8·4^3 = 512, n_c·m^L = 128. */
    public static Hierarchy task() {
        return Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(4).branching(2).depth(2).seed(1).build();
    }

    public static Architecture cnn() {
        return Architecture.cnn().width(16).build();
    }

    public static Training sgd() {
        return Training.sgd(0.1).batch(32).maxEpochs(20).build();
    }

    public static RunSpec run(long p) {
        return new RunSpec(task(), cnn(), sgd(), p, 100, 1);
    }

    /** A plausible result whose numbers derive from the spec, so distinct specs give distinct results. */
    public static MemberResult result(RunSpec spec, Status status) {
        double err = 0.9 / (1 + spec.trainSize() / 64.0);
        List<Checkpoint> history = List.of(new Checkpoint(10, 40, 0.5, 0.2, err + 0.1),
                new Checkpoint(20, 80, 1e-3, 0.0, err));
        return new MemberResult(spec, status, err, err - 0.01, 1e-3, 0.0, 20, 80, 1.5, "cpu()", history,
                status == Status.FAILED ? "boom, \"native\" error\nat line 2" : null);
    }

    public static MemberResult result(RunSpec spec) {
        return result(spec, Status.CONVERGED);
    }
}
