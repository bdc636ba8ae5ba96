package io.rhmlab.engine.learn;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.grammar.Rules;

/**
 * How well a tuple → cluster map recovers the synonym classes of the input level (docs/science.md §2.D "Clustering
 * error"), over the v·m valid level-1 tuples.
 *
 * @param error    the reference's clustering error: 1 − fraction of tuples whose cluster is the majority cluster
 *                 of their synonym class (0 also when everything is merged into one cluster)
 * @param impurity the complementary check: 1 − fraction of tuples whose parent is the majority parent of their
 *                 cluster (0 also when every tuple is a cluster of its own); both 0 iff the map is the partition
 *                 into synonym classes up to relabelling
 */
public record ClusteringScore(double error, double impurity) {

    /** Scores {@code map} (tuple code → cluster id) against the parents given by the table at depth L − 1. */
    public static ClusteringScore ofInputLevel(int[] map, Rules rules) {
        Hierarchy h = rules.hierarchy();
        int depth = h.depth() - 1, m = h.multiplicity();
        int parents = rules.rows(depth);
        int clusters = 0;
        for (int c : map) clusters = Math.max(clusters, c + 1);
        int[][] joint = new int[parents][clusters];
        int valid = 0;
        for (int mu = 0; mu < map.length; mu++) {
            int parent = rules.parentOf(depth, mu);
            if (parent < 0) continue;
            joint[parent / m][map[mu]]++;
            valid++;
        }
        int byParent = 0;
        for (int[] row : joint) byParent += max(row);
        int byCluster = 0;
        for (int c = 0; c < clusters; c++) {
            int best = 0;
            for (int[] row : joint) best = Math.max(best, row[c]);
            byCluster += best;
        }
        return new ClusteringScore(1 - byParent / (double) valid, 1 - byCluster / (double) valid);
    }

    private static int max(int[] x) {
        int b = 0;
        for (int e : x) b = Math.max(b, e);
        return b;
    }
}
