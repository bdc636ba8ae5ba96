package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.grammar.Rules;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The references the exact last-token results are checked against: plain counting over every datum. */
final class LastTokenBruteForce {
    private LastTokenBruteForce() {
    }

    static Hierarchy rhm(int v, int nc, int m, int s, int L, long seed) {
        return Hierarchy.rhm().vocabulary(v).classes(nc).multiplicity(m).branching(s).depth(L).seed(seed).build();
    }

    /** All P_max data, each once: sampling without replacement of the whole index space. */
    static Tokens everything(Hierarchy h, Rules rules) {
        return Dataset.sample(h, rules, h.maxSamples().intValueExact(), 0).train();
    }

    /** C_t(μ, ν) over all data, as [μ][ν], from frequencies (no shared code with the classes under test). */
    static double[][] covariance(Tokens all, int v, int distance) {
        int d = all.length(), n = all.size();
        double[][] joint = new double[v][v];
        double[] left = new double[v], right = new double[v];
        for (int i = 0; i < n; i++) {
            int mu = all.token(i, d - 1 - distance), nu = all.token(i, d - 1);
            joint[mu][nu] += 1.0 / n;
            left[mu] += 1.0 / n;
            right[nu] += 1.0 / n;
        }
        for (int mu = 0; mu < v; mu++)
            for (int nu = 0; nu < v; nu++) joint[mu][nu] -= left[mu] * right[nu];
        return joint;
    }

    /** H(X_T | the c tokens before it) over all data, grouping the data by that context. */
    static double conditionalEntropy(Tokens all, int v, int context) {
        int d = all.length(), n = all.size();
        Map<String, double[]> groups = new HashMap<>();
        byte[] key = new byte[context];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < context; j++) key[j] = (byte) all.token(i, d - 1 - context + j);
            groups.computeIfAbsent(new String(key, StandardCharsets.ISO_8859_1), k -> new double[v])[all.token(i, d - 1)]++;
        }
        double h = 0;
        for (double[] counts : groups.values()) {
            double total = 0;
            for (double c : counts) total += c;
            for (double c : counts) if (c > 0) h -= (c / n) * Math.log(c / total);
        }
        return h;
    }
}
