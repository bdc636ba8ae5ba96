package io.rhmlab.engine.run;

import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.learn.OneStepClusteringLearner;
import io.rhmlab.engine.learn.OneStepModel;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.train.TrainingListener;

import java.util.ArrayList;
import java.util.List;

/**
 * P1's one-step gradient + clustering learner (docs/science.md §2.E.5), one member at a time on the CPU. Each
 * member gives the same {@link MemberResult} as the trainer, so that it is stored, keyed and read into learning
 * curves like any run; its nets are its own, not the run's architecture, so nothing is measured on them.
 */
record ClusteringRunner(DataPools pools, Learner.Clustering settings) implements LearnerRunner {

    @Override
    public List<MemberResult> run(List<RunSpec> members, List<MemberData> data, TrainingListener listener,
                                  MeasurementSink measurements) {
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        List<MemberResult> out = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            MemberResult result = fit(members.get(i), pools.dataset(members.get(i)));
            l.onMemberDone(i, result);
            out.add(result);
        }
        return out;
    }

    /** Fits {@code run} on the first P of its realisation's training set; tests on the first testSize of its test set. */
    private MemberResult fit(RunSpec run, Dataset ds) {
        long start = System.nanoTime();
        Tokens train = ds.train().first((int) run.trainSize());
        Tokens test = ds.test().first(run.testSize());
        OneStepModel model = OneStepClusteringLearner.fit(run.hierarchy(), train, settings, run.modelSeed());
        double trainErr = model.error(train), testErr = model.error(test);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new MemberResult(run, Status.CONVERGED, testErr, testErr, Double.NaN, trainErr,
                0, 1, seconds, "cpu (one-step + clustering)", List.of(), null);
    }
}
