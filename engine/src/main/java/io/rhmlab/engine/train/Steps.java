package io.rhmlab.engine.train;

import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Kind;
import io.rhmlab.dsl.train.Training;

/**
 * Which step a run's spec allows: the scripted one (one TorchScript call with the backward pass written out, no
 * autograd) or DJL's operators through autograd. The spec decides what is possible; {@link TrainingPlan} adds the
 * device and the settings. The run store reads it too, since the two paths differ in what a release fixed
 * ({@code RunKey#semanticsOf}).
 */
public final class Steps {
    private Steps() {
    }

    /** The scripted step is written for SGD with momentum at a constant rate (the folded update) on the ReLU nets. */
    static boolean scriptable(Training training, Kind kind) {
        return TrainingPlan.foldsRate(training) && kind != Kind.TRANSFORMER;
    }

    /**
     * Whether a run of this spec trains through autograd: the transformer and the optimisers the scripted step does
     * not write ({@link #scriptable(Training, Kind)}), and layerwise training, whose later stages freeze layers. The
     * one-step + clustering learner writes its gradient out and trains no network by SGD.
     */
    public static boolean throughAutograd(RunSpec spec) {
        Learner learner = spec.learnerOrSgd();
        if (learner instanceof Learner.OneStepClustering) return false;
        if (learner instanceof Learner.LayerwiseTraining) return true;
        return !scriptable(spec.training(), spec.architecture().kind());
    }
}
