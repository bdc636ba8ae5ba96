package io.rhmlab.engine.learn;

import io.rhmlab.dsl.data.Tokens;

import java.util.List;

/**
 * A fitted one-step + clustering learner: per level below the top a tuple → cluster map, applied at every
 * patch, and the classifier of the top tuple.
 */
public final class OneStepModel {
    private final int branching;
    private final int vocabulary;
    private final List<int[]> maps;
    private final int[] alphabets;
    private final OneStepGradient top;
    private final int[] majority;

    OneStepModel(int branching, int vocabulary, List<int[]> maps, int[] alphabets, OneStepGradient top, int[] majority) {
        this.branching = branching;
        this.vocabulary = vocabulary;
        this.maps = List.copyOf(maps);
        this.alphabets = alphabets.clone();
        this.top = top;
        this.majority = majority;
    }

    /** Tuple code → cluster id at level ℓ = 1..L−1 (a copy); codes are base-(alphabet of the level). */
    public int[] clusterMap(int level) {
        return maps.get(level - 1).clone();
    }

    /** The number of levels with a cluster map, L − 1. */
    public int clusteredLevels() {
        return maps.size();
    }

    /** The predicted class of every datum. */
    public int[] predict(Tokens data) {
        int n = data.size(), len = data.length();
        int[] seq = Patches.symbols(data, vocabulary);
        for (int l = 0; l < maps.size(); l++) {
            seq = Patches.coarsen(seq, len, branching, alphabets[l], maps.get(l));
            len /= branching;
        }
        int[] out = new int[n];
        int a = alphabets[maps.size()];
        for (int i = 0; i < n; i++) {
            int mu = Patches.code(seq, i * len, branching, a);
            out[i] = majority != null && majority[mu] >= 0 ? majority[mu] : top.predict(mu);
        }
        return out;
    }

    /** Fraction of data whose predicted class differs from the label. */
    public double error(Tokens data) {
        if (data.size() == 0) return Double.NaN;
        int[] pred = predict(data);
        int wrong = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] != data.label(i)) wrong++;
        return wrong / (double) pred.length;
    }
}
