package io.rhmlab.engine.learn;

import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import io.rhmlab.engine.train.TrainerSettings;

import java.util.List;

/**
 * Runs one {@link RunSpec} whose learner is not end-to-end SGD, producing the same {@link MemberResult} as the
 * trainer so that it is stored, keyed and read into learning curves like any run.
 */
public final class LearnerRuns {
    private LearnerRuns() {
    }

    /**
     * What a learner produced.
     *
     * @param result  the stored result
     * @param weights the trained network's weights (for measurements), null when the learner has no such network
     */
    public record Outcome(MemberResult result, MemberWeights weights) {
    }

    /** Fails (naming the learner) when {@code learner} cannot run in this build. */
    public static void requireAvailable(Learner learner) {
        if (learner == null || learner.kind() != Learner.Kind.LAYERWISE) return;
        InvalidSpecException.require(LayerwiseLearner.available(), "learner", LayerwiseLearner.unavailableReason());
    }

    /**
     * Runs {@code run} on its realisation's data set {@code ds} (training set: the first P of {@code ds.train()},
     * test set: the first testSize of {@code ds.test()}); {@code data} is the same data as token tensors.
     */
    public static Outcome run(RunSpec run, Dataset ds, MemberData data, TrainerSettings settings) {
        Learner l = run.learnerOrSgd();
        long start = System.nanoTime();
        return switch (l.kind()) {
            case CLUSTERING -> {
                Tokens train = ds.train().first((int) run.trainSize());
                Tokens test = ds.test().first(run.testSize());
                OneStepModel model = OneStepClusteringLearner.fit(run.hierarchy(), train, settings(l.clustering(), run.modelSeed()));
                double trainErr = model.error(train), testErr = model.error(test);
                double seconds = (System.nanoTime() - start) / 1e9;
                yield new Outcome(new MemberResult(run, Status.CONVERGED, testErr, testErr, Double.NaN, trainErr,
                        0, 1, seconds, "cpu (one-step + clustering)", List.of(), null), null);
            }
            case LAYERWISE -> {
                LayerwiseLearner.Result r = LayerwiseLearner.train(run, data, settings);
                yield new Outcome(r.result(), r.weights());
            }
            case SGD -> throw new IllegalArgumentException("SGD runs are trained by the EnsembleTrainer");
        };
    }

    /** The engine settings of the dsl's clustering settings; the run's model seed seeds the readout and k-means. */
    public static OneStepSettings settings(Learner.Clustering c, long seed) {
        return new OneStepSettings(c.width(), c.stepSize(), c.clusters(), c.restarts(), c.maxIterations(),
                c.majorityTop() ? TopClassifier.MAJORITY : TopClassifier.ONE_STEP_NET,
                c.patches(), seed);
    }
}
