package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.grammar.Rules;

import java.util.HashMap;
import java.util.Map;

/**
 * Exact conditional entropies of the last token of a dense RHM (docs/last-token.md), in nats:
 * H_k = H(X_T | X_{T−s^k+1}, …, X_{T−1}) for k = 0..L, the entropy of the last token given the rest of its
 * level-k subtree (paper levels: tokens are level 0). H_0 is the entropy of the last token's marginal. A
 * predictor that sees exactly the last s^k − 1 tokens can reach a test cross-entropy of H_k and no lower, which
 * is why the last-token paper draws these as the plateaus of its learning curves.
 *
 * <p>How it stays exact without listing every context string: inside the last level-k subtree, every subtree
 * that hangs to the left of the path to the last token is complete, and a complete subtree's string determines
 * its root symbol (the grammar is unambiguous) while its derivation, given that root, is independent of
 * everything else. So X_T depends on the context only through the <em>left siblings</em> of its ancestors: the
 * s − 1 symbols beside the path at each of the k levels. H_k is computed by walking all reachable
 * configurations of those left siblings depth first, carrying the (unnormalised) distribution of the current
 * ancestor along; each leaf of the walk is one configuration and contributes the entropy of X_T within it.
 * The number of configurations is at most the product over the k levels of min(v^(s−1), rows·m), far fewer
 * than the m^((s^k−1)/(s−1)) strings per root of a plain enumeration; above {@link #MAX_CONFIGURATIONS} the
 * computation is refused rather than approximated.
 *
 * @param hierarchy the grammar's spec (dense, s0 = 0)
 * @param nats      H_0 .. H_K at index k, K ≤ L the highest level computed
 */
public record LastTokenEntropies(Hierarchy hierarchy, double[] nats) {

    /** Bound on the left-sibling configurations walked for one H_k. */
    public static final double MAX_CONFIGURATIONS = 5e7;

    public LastTokenEntropies {
        if (nats.length < 1 || nats.length > hierarchy.depth() + 1)
            throw new IllegalArgumentException("need H_0 .. H_K with K ≤ L = " + hierarchy.depth() + ", got " + nats.length + " values");
        nats = nats.clone();
    }

    /** H_0 .. H_L; fails (naming {@code k}) when H_L needs more than {@link #MAX_CONFIGURATIONS} configurations. */
    public static LastTokenEntropies of(Rules rules) {
        return of(rules, rules.hierarchy().depth());
    }

    /** H_0 .. H_K for K = {@code maxLevel} ≤ L, for grammars too large for the full context. */
    public static LastTokenEntropies of(Rules rules, int maxLevel) {
        Hierarchy h = rules.hierarchy();
        LastTokenSpine.requireDense(h);
        InvalidSpecException.require(maxLevel >= 0 && maxLevel <= h.depth(), "k",
                "level k = " + maxLevel + " outside [0, L = " + h.depth() + "]");
        for (int k = 0; k <= maxLevel; k++) {
            double bound = configurationBound(h, k);
            InvalidSpecException.require(bound <= MAX_CONFIGURATIONS, "k", "H_" + k + " would walk up to " + String.format("%.3g", bound)
                    + " left-sibling configurations, more than " + String.format("%.0e", MAX_CONFIGURATIONS)
                    + ": ask for levels up to a smaller k (of(rules, k))");
        }
        LastTokenSpine spine = new LastTokenSpine(rules);
        double[] nats = new double[maxLevel + 1];
        for (int k = 0; k <= maxLevel; k++) {
            int root = h.depth() - k;
            nats[k] = walk(spine, root, spine.marginal(root));
        }
        return new LastTokenEntropies(h, nats);
    }

    /** An upper bound on the configurations behind H_k: per level, at most one per left (s−1)-tuple and per rule. */
    public static double configurationBound(Hierarchy h, int k) {
        double bound = 1, leftTuples = Math.pow(h.vocabulary(), h.branching() - 1);
        for (int depth = h.depth() - k; depth < h.depth(); depth++) {
            int rows = depth == 0 ? h.classes() : h.vocabulary();
            bound *= Math.min(leftTuples, (double) rows * h.multiplicity());
        }
        return bound;
    }

    @Override
    public double[] nats() {
        return nats.clone();
    }

    /** H_k in nats. */
    public double entropy(int k) {
        InvalidSpecException.require(k >= 0 && k < nats.length, "k", "level k = " + k + " outside the computed [0, " + (nats.length - 1) + "]");
        return nats[k];
    }

    /** K, the highest level computed. */
    public int maxLevel() {
        return nats.length - 1;
    }

    /**
     * Σ over the configurations below of the weight-times-entropy of X_T; {@code belief} is the unnormalised
     * distribution of the ancestor expanded at {@code depth} jointly with the configuration so far.
     */
    private static double walk(LastTokenSpine spine, int depth, double[] belief) {
        if (depth == spine.depth) return weightedEntropy(belief);
        Rules rules = spine.rules;
        int v = spine.v, m = spine.m, s = spine.s;
        Map<Integer, double[]> next = new HashMap<>();
        for (int g = 0; g < belief.length; g++) {
            if (belief[g] == 0) continue;
            double w = belief[g] / m;
            for (int r = 0; r < m; r++) {
                int left = 0;
                for (int j = 0; j < s - 1; j++) left = left * v + rules.child(depth, g, r, j);
                next.computeIfAbsent(left, key -> new double[v])[rules.child(depth, g, r, s - 1)] += w;
            }
        }
        double sum = 0;
        for (double[] b : next.values()) sum += walk(spine, depth + 1, b);
        return sum;
    }

    /** w·H(b/w) with w = Σb, written so that zero entries and zero total contribute nothing. */
    private static double weightedEntropy(double[] b) {
        double w = 0;
        for (double x : b) w += x;
        double sum = 0;
        for (double x : b) if (x > 0) sum -= x * Math.log(x / w);
        return sum;
    }
}
