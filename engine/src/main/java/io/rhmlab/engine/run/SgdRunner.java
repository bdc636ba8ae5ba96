package io.rhmlab.engine.run;

import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.store.SavedWeights;
import java.nio.file.Path;

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
 *
 * @param weightsDir where each measured member's initial and final weights are kept ({@link SavedWeights}); null = nowhere
 */
record SgdRunner(EnsembleTrainer trainer, Measurer measurer, Path weightsDir) implements LearnerRunner {

    @Override
    public List<MemberResult> run(List<RunSpec> members, List<MemberData> data, TrainingListener listener,
                                  MeasurementSink measurements) {
        boolean measuring = measurer.measuresFor(measurements);
        if (!measuring && weightsDir == null) return trainer.train(members, data, listener);
        Measurer.DuringTraining during = measuring ? measurer.duringTraining(members, listener) : null;
        EnsembleOutcome out = trainer.trainWithWeights(members, data, during == null ? listener : during);
        if (weightsDir != null) save(members, out);
        if (measuring) {
            List<Integer> measured = measurer.measure(members, out.results(), out.weights(), measurements);
            if (during != null) {
                for (int i : measured) measurements.onMeasuredDuringTraining(members.get(i), during.series(i));
            }
        }
        return out.results();
    }

    /** Failed runs are never data: only members that trained to the end keep their weights. */
    private void save(List<RunSpec> members, EnsembleOutcome out) {
        for (int i = 0; i < members.size(); i++) {
            if (!out.results().get(i).isMeasured()) continue;
            RunSpec r = members.get(i);
            NetLayout layout = NetLayout.of(r.hierarchy(), r.taskOrClassify(), r.architecture());
            SavedWeights.write(weightsDir, r, layout, EnsembleNet.initialWeights(layout, r.modelSeed()), out.weights().get(i));
        }
    }
}
