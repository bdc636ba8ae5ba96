package io.rhmlab.engine.run;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.EnsembleOutcome;
import io.rhmlab.engine.train.EnsembleTrainer;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainingListener;

import java.util.List;

/**
 * End-to-end SGD: the members train as one batched ensemble on the {@link EnsembleTrainer}. When measuring, the
 * trainer hands back the final weights (and, with {@code everyEpochs}, snapshots during training) to the
 * {@link Measurer}; otherwise no weights leave the trainer.
 */
final class SgdRunner implements LearnerRunner {
    private final EnsembleTrainer trainer;
    private final Measurer measurer;

    SgdRunner(EnsembleTrainer trainer, Measurer measurer) {
        this.trainer = trainer;
        this.measurer = measurer;
    }

    @Override
    public List<MemberResult> run(List<RunSpec> members, List<MemberData> data, TrainingListener listener) {
        MeasurementSink sink = measurer.sinkOf(listener);
        if (sink == null) return trainer.train(members, data, listener);
        Measurer.DuringTraining during = measurer.duringTraining(members, listener);
        EnsembleOutcome out = trainer.trainWithWeights(members, data, during == null ? listener : during);
        List<Integer> measured = measurer.measure(members, out.results(), out.weights(), listener);
        if (during != null) {
            for (int i : measured) sink.onMeasuredDuringTraining(members.get(i), during.series(i));
        }
        return out.results();
    }
}
