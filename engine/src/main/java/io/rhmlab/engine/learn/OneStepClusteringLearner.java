package io.rhmlab.engine.learn;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.Seeds;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.experiment.GradientPatches;
import io.rhmlab.dsl.experiment.Learner.Clustering;

import java.util.ArrayList;
import java.util.List;

/**
 * P1's one-step gradient + clustering algorithm (docs/science.md §2.E.5, §9.7; reference
 * {@code hierarchy-learning main_layerwise.py}, written there for s = 2), here for any s.
 *
 * <p>At each level ℓ = 1..L−1 the current sequence (length d/s^(ℓ−1) over an alphabet of a symbols: v tokens at
 * ℓ = 1, cluster ids above) is read as s-tuples. The two-layer net on the <em>first</em> patch (or, as an
 * option, every patch, weight-shared or each with its own weights: {@link GradientPatches}) takes one full-batch
 * gradient step from all-ones hidden weights ({@link OneStepGradient}, closed form); the columns of W of the tuples
 * seen at those patches are clustered by k-means++ (v clusters, restarts); every tuple, at every
 * patch, is replaced by its cluster id (the rules are position-independent). At the top, the single remaining
 * tuple is classified by the net after its step (the reference) or by the majority label
 * ({@link Clustering#majorityTop()}).
 *
 * <p>Deliberate differences from the reference: the readout A is the same for the step and the evaluation (the
 * reference draws them with seeds that differ by {@code seed_net}); only tuples that received a gradient are
 * clustered (the reference clusters all v² columns, whose unseen all-ones columns then pull a cluster to
 * themselves); unseen tuples are mapped to the nearest centroid; the k-means restart kept is the one of lowest
 * inertia, as in scikit-learn.
 *
 * <p>Known limit (measured): with v = n_c = 4 some rule draws give two level-2 features exactly the same
 * class-conditional distribution at the first patch (weak identifiability fails), and the reference algorithm
 * then cannot recover the synonyms at any P; at v = 8 this was not seen. {@link GradientPatches#LOCAL} reads every
 * position and recovers them (measured: level-1 clustering error 0 at P = 4·n_c·m^L for 5 of 6 rule draws at v = 4,
 * L = 3, against 1 of 6 for the first patch).
 */
public final class OneStepClusteringLearner {
    private OneStepClusteringLearner() {
    }

    /**
     * Fits on {@code train} (labels = classes of {@code h}); {@code seed} draws the Gaussian readout A and seeds
     * k-means (a run passes its model seed).
     */
    public static OneStepModel fit(Hierarchy h, Tokens train, Clustering settings, long seed) {
        InvalidSpecException.require(!h.isSparse(), "s0", "the one-step + clustering learner reads the dense RHM's s-patches; got s0 = " + h.sparsity());
        InvalidSpecException.require(train.length() == h.inputLength(), "d", "data have d = " + train.length() + ", the hierarchy d = " + h.inputLength());
        InvalidSpecException.require(train.size() >= 1, "P_train", "needs at least one training point");
        int s = h.branching(), v = h.vocabulary();
        int k = settings.clusters() == 0 ? v : settings.clusters();
        double[][] readout = OneStepGradient.gaussianReadout(h.classes(), settings.width(), seed);
        int[] labels = train.labels();
        int[] seq = Patches.symbols(train, v);
        int len = train.length(), alphabet = v;
        List<int[]> maps = new ArrayList<>();
        int[] alphabets = new int[h.depth()];
        for (int level = 1; level < h.depth(); level++) {
            alphabets[level - 1] = alphabet;
            int tuples = Math.toIntExact(pow(alphabet, s));
            int patches = len / s;
            int[] codes = settings.patches() == GradientPatches.FIRST ? Patches.firstPatch(seq, len, s, alphabet)
                    : Patches.allPatches(seq, len, s, alphabet);
            boolean[] seen = new boolean[tuples];
            for (int mu : codes) seen[mu] = true;
            java.util.function.IntFunction<double[]> point = switch (settings.patches()) {
                case FIRST -> OneStepGradient.step(codes, labels, tuples, v, readout, settings.stepSize())::column;
                case SHARED -> OneStepGradient.step(codes, labels, patches, tuples, v, readout, settings.stepSize())::column;
                case LOCAL -> concatenated(codes, patches, labels, tuples, v, readout, settings.stepSize());
            };
            int[] map = TupleClustering.assign(point, tuples, seen, k, settings, Seeds.derive(seed, Seeds.Purpose.LEARNER, 1L + level));
            maps.add(map);
            seq = Patches.coarsen(seq, len, s, alphabet, map);
            len /= s;
            alphabet = 0;
            for (int c : map) alphabet = Math.max(alphabet, c + 1);
        }
        alphabets[h.depth() - 1] = alphabet;
        int tuples = Math.toIntExact(pow(alphabet, s));
        int[] top = Patches.firstPatch(seq, len, s, alphabet);
        OneStepGradient net = OneStepGradient.step(top, labels, tuples, v, readout, settings.stepSize());
        int[] majority = settings.majorityTop() ? majority(top, labels, tuples, h.classes()) : null;
        return new OneStepModel(s, v, maps, alphabets, net, majority);
    }

    /** Fits on the data set's training set and reports train and test errors and the first-level clustering. */
    public static OneStepResult run(Dataset data, Clustering settings, long seed) {
        long start = System.nanoTime();
        OneStepModel model = fit(data.hierarchy(), data.train(), settings, seed);
        double train = model.error(data.train());
        double test = model.error(data.test());
        ClusteringScore score = model.clusteredLevels() == 0 ? new ClusteringScore(Double.NaN, Double.NaN)
                : ClusteringScore.ofInputLevel(model.clusterMap(1), data.rules());
        return new OneStepResult(data.train().size(), train, test, score, (System.nanoTime() - start) / 1e9);
    }

    /**
     * {@link GradientPatches#LOCAL}: one hidden layer per patch position, outputs mean-pooled, so position j's
     * weights take the step of its own patches with a factor 1/patches; a tuple's point is its columns at every
     * position, end to end.
     */
    private static java.util.function.IntFunction<double[]> concatenated(int[] codes, int patches, int[] labels, int tuples,
                                                                         int v, double[][] readout, double stepSize) {
        OneStepGradient[] at = new OneStepGradient[patches];
        int[] column = new int[labels.length];
        for (int j = 0; j < patches; j++) {
            for (int i = 0; i < labels.length; i++) column[i] = codes[i * patches + j];
            at[j] = OneStepGradient.step(column, labels, tuples, v, readout, stepSize / patches);
        }
        int width = readout[0].length;
        return mu -> {
            double[] out = new double[width * patches];
            for (int j = 0; j < patches; j++) System.arraycopy(at[j].column(mu), 0, out, j * width, width);
            return out;
        };
    }

    /** Majority training label per top tuple, −1 where the tuple was never seen. */
    private static int[] majority(int[] top, int[] labels, int tuples, int classes) {
        int[][] counts = new int[tuples][classes];
        for (int i = 0; i < top.length; i++) counts[top[i]][labels[i]]++;
        int[] out = new int[tuples];
        for (int mu = 0; mu < tuples; mu++) {
            int best = -1, bestCount = 0;
            for (int a = 0; a < classes; a++) if (counts[mu][a] > bestCount) {
                best = a;
                bestCount = counts[mu][a];
            }
            out[mu] = best;
        }
        return out;
    }

    private static long pow(int base, int exp) {
        long r = 1;
        for (int i = 0; i < exp; i++) r = Math.multiplyExact(r, base);
        return r;
    }
}
