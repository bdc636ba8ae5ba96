package io.rhmlab.engine.run;

import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.learn.LayerwiseLearner;
import io.rhmlab.engine.train.EnsembleOutcome;
import io.rhmlab.engine.train.EnsembleTrainer;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainingListener;

import java.util.List;

/**
 * Layerwise training (docs/science.md §4.C): the members train stage by stage as one ensemble
 * ({@link LayerwiseLearner}); the final networks are measured like SGD's (no measurements during training: the
 * stages hand out no snapshots).
 */
record LayerwiseRunner(EnsembleTrainer trainer, Measurer measurer, Learner.Layerwise settings) implements LearnerRunner {

    @Override
    public List<MemberResult> run(List<RunSpec> members, List<MemberData> data, TrainingListener listener,
                                  MeasurementSink measurements) {
        EnsembleOutcome out = LayerwiseLearner.train(trainer, settings, members, data, listener);
        measurer.measure(members, out.results(), out.weights(), measurements);
        return out.results();
    }
}
