package io.rhmlab.engine.learn;

import io.rhmlab.dsl.experiment.Learner.Clustering;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.MultiKMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.evaluation.ClusterEvaluator;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * k-means++ with restarts on the columns of W after the gradient step (docs/science.md §2.E.5 step 4): tuples whose
 * columns fall in one cluster are taken to be synonyms and get the cluster id as their new symbol.
 */
final class TupleClustering {
    private TupleClustering() {
    }

    /** A W column tagged with its tuple, so that the clusterer's output can be mapped back. */
    private record Column(int tuple, double[] point) implements Clusterable {
        @Override
        public double[] getPoint() {
            return point;
        }
    }

    /**
     * Cluster ids for all {@code tuples} tuples, each seen as {@code point(μ)} (its column(s) of W after the step):
     * the tuples in {@code fitted} (those that received a gradient) are clustered into at most {@code k} clusters; every other tuple goes to the cluster whose centroid
     * is nearest to its (all-ones) column, which is what the net would make of it.
     */
    static int[] assign(IntFunction<double[]> point, int tuples, boolean[] fitted, int k, Clustering settings, long seed) {
        List<Column> points = new ArrayList<>();
        for (int mu = 0; mu < tuples; mu++) if (fitted[mu]) points.add(new Column(mu, point.apply(mu)));
        int[] map = new int[tuples];
        if (points.isEmpty()) return map; // no training data at this level: one symbol
        int clusters = Math.min(k, points.size());
        KMeansPlusPlusClusterer<Column> kmeans = new KMeansPlusPlusClusterer<>(clusters, settings.maxIterations(),
                new EuclideanDistance(), new Well19937c(seed));
        List<CentroidCluster<Column>> found = new MultiKMeansPlusPlusClusterer<>(kmeans, settings.restarts(), new Inertia()).cluster(points);
        double[][] centroids = new double[found.size()][];
        Arrays.fill(map, -1);
        for (int c = 0; c < found.size(); c++) {
            centroids[c] = found.get(c).getCenter().getPoint();
            for (Column col : found.get(c).getPoints()) map[col.tuple()] = c;
        }
        for (int mu = 0; mu < map.length; mu++) if (map[mu] < 0) map[mu] = nearest(point.apply(mu), centroids);
        return map;
    }

    /**
     * The restart kept is the one of lowest inertia (total squared distance to the centroids), as in
     * scikit-learn's KMeans used by the reference. commons-math's default evaluator sums the per-cluster
     * variances instead, which rewards splitting off single outlying tuples and merging real synonym classes.
     */
    private static final class Inertia extends ClusterEvaluator<Column> {
        @Override
        public double score(List<? extends Cluster<Column>> clusters) {
            double total = 0;
            for (Cluster<Column> cluster : clusters) {
                double[] centre = centroidOf(cluster).getPoint();
                for (Column col : cluster.getPoints()) {
                    double[] x = col.getPoint();
                    for (int i = 0; i < x.length; i++) {
                        double e = x[i] - centre[i];
                        total += e * e;
                    }
                }
            }
            return total;
        }
    }

    private static int nearest(double[] x, double[][] centroids) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double d = 0;
            for (int i = 0; i < x.length; i++) {
                double e = x[i] - centroids[c][i];
                d += e * e;
            }
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }
}
