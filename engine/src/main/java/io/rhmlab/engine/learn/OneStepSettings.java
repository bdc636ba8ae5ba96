package io.rhmlab.engine.learn;

import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.GradientPatches;

/**
 * Knobs of the one-step gradient + clustering learner (docs/science.md §2.E.5, §9.7).
 *
 * @param width         H, hidden units of the two-layer net on one patch
 * @param stepSize      the learning rate divided by H (reference: 1000, i.e. lr = 1000·H)
 * @param clusters      k-means clusters per level; 0 means v (the reference)
 * @param restarts      k-means++ restarts, the best (lowest within-cluster variance) kept (reference: 10)
 * @param maxIterations Lloyd iterations per k-means run
 * @param top           how the top tuple is turned into a class
 * @param patches       which patches feed the gradient step (reference: the first)
 * @param seed          seed of the Gaussian readout A and of k-means
 */
public record OneStepSettings(int width, double stepSize, int clusters, int restarts, int maxIterations,
                              TopClassifier top, GradientPatches patches, long seed) {

    public OneStepSettings {
        InvalidSpecException.require(width >= 1, "width", "H = " + width + " must be ≥ 1");
        InvalidSpecException.require(stepSize > 0 && Double.isFinite(stepSize), "stepSize", "lr/H = " + stepSize + " must be > 0");
        InvalidSpecException.require(clusters >= 0, "clusters", "clusters = " + clusters + " must be ≥ 0 (0 = v)");
        InvalidSpecException.require(restarts >= 1, "restarts", "restarts = " + restarts + " must be ≥ 1");
        InvalidSpecException.require(maxIterations >= 1, "maxIterations", "maxIterations = " + maxIterations + " must be ≥ 1");
        InvalidSpecException.require(top != null, "top", "must be ONE_STEP_NET or MAJORITY");
        InvalidSpecException.require(patches != null, "patches", "must be FIRST, SHARED or LOCAL");
    }

    /**
     * The reference's values: lr = 1000·H, v clusters, 10 restarts, first patch only, the one-step net on the top
     * tuple; H = 512 (the reference's width is a command-line argument).
     */
    public static OneStepSettings defaults() {
        return new OneStepSettings(512, 1000, 0, 10, 300, TopClassifier.ONE_STEP_NET, GradientPatches.FIRST, 1);
    }

    public OneStepSettings withSeed(long s) {
        return new OneStepSettings(width, stepSize, clusters, restarts, maxIterations, top, patches, s);
    }

    public OneStepSettings withTop(TopClassifier t) {
        return new OneStepSettings(width, stepSize, clusters, restarts, maxIterations, t, patches, seed);
    }

    public OneStepSettings withPatches(GradientPatches p) {
        return new OneStepSettings(width, stepSize, clusters, restarts, maxIterations, top, p, seed);
    }

    public OneStepSettings withWidth(int h) {
        return new OneStepSettings(h, stepSize, clusters, restarts, maxIterations, top, patches, seed);
    }

    /** The engine settings of the dsl's clustering settings; the run's model seed seeds the readout and k-means. */
    public static OneStepSettings of(io.rhmlab.dsl.experiment.Learner.Clustering c, long seed) {
        return new OneStepSettings(c.width(), c.stepSize(), c.clusters(), c.restarts(), c.maxIterations(),
                c.majorityTop() ? TopClassifier.MAJORITY : TopClassifier.ONE_STEP_NET, c.patches(), seed);
    }
}
