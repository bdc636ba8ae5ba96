package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.grammar.Rules;

/**
 * Exact class–tuple counts N_j(μ, α) over all P_max data of a dense RHM, for any s, without enumerating the
 * data (docs/science.md §2.D last bullet; the reference enumerates P_max for s = 2).
 *
 * <p>Why this is exact: a datum of class α is a uniform choice of one rule per expanded node, so the symbol at
 * the ancestor of patch j at generation depth t has a distribution p_t(·|α) obtained from p_0 = δ_α by
 * p_{t+1}(β) = Σ_γ p_t(γ) · #{k : child(t, γ, k, c_t) = β} / m, where c_t is the branch taken towards patch j.
 * The level-2 ancestor at depth L−1 then emits μ with probability 1/m per rule producing μ, so
 * P_j(μ|α) = Σ_β p_{L−1}(β)·[μ ∈ rules(β)]/m, and N_j(μ, α) = P_j(μ|α)·P_max/n_c because every class owns
 * exactly P_max/n_c equally likely data. Cost O(L·n_c·v·m), independent of P_max.
 */
public final class ExactCorrelations {
    private ExactCorrelations() {
    }

    /** N_j(μ, α) at patch j ∈ [0, s^(L−1)). */
    public static TupleClassCounts of(Rules rules, int patch) {
        Hierarchy h = rules.hierarchy();
        InvalidSpecException.require(!h.isSparse(), "s0", "exact class–tuple counts are implemented for the dense RHM "
                + "(s0 = 0); got s0 = " + h.sparsity());
        int s = h.branching(), depth = h.depth(), m = h.multiplicity(), nc = h.classes();
        long patches = h.informativePositions() / s;
        InvalidSpecException.require(patch >= 0 && patch < patches, "patch",
                "j = " + patch + " outside [0, s^(L−1) = " + patches + ")");
        // p[α][γ]: probability that the ancestor of patch j at the current depth is γ, given class α
        double[][] p = new double[nc][];
        for (int a = 0; a < nc; a++) {
            p[a] = new double[nc];
            p[a][a] = 1.0;
        }
        for (int t = 0; t < depth - 1; t++) {
            int branch = (int) ((patch / pow(s, depth - 2 - t)) % s);
            int rows = rules.rows(t);
            double[][] next = new double[nc][h.vocabulary()];
            for (int a = 0; a < nc; a++)
                for (int g = 0; g < rows; g++) {
                    double w = p[a][g];
                    if (w == 0) continue;
                    for (int k = 0; k < m; k++) next[a][rules.child(t, g, k, branch)] += w / m;
                }
            p = next;
        }
        int last = depth - 1;
        int rows = rules.rows(last);
        double perClass = h.maxSamples().doubleValue() / nc;
        double[] counts = new double[rules.tupleCodes() * nc];
        int[] tuple = new int[s];
        for (int g = 0; g < rows; g++)
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < s; j++) tuple[j] = rules.child(last, g, k, j);
                int mu = rules.tupleCode(tuple);
                for (int a = 0; a < nc; a++) counts[mu * nc + a] += p[a][g] / m * perClass;
            }
        return new TupleClassCounts(patch, rules.tupleCodes(), nc, counts);
    }

    private static long pow(int base, int exp) {
        long r = 1;
        for (int i = 0; i < exp; i++) r *= base;
        return r;
    }
}
