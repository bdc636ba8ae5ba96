package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.grammar.Rules;

/**
 * The right-most root-to-leaf path of a dense RHM (the ancestors of the last token) and the one-slot transition
 * kernels shared by the exact last-token correlations and entropies.
 *
 * <p>Every node picks one of its m rules uniformly and independently, so the symbol in slot j of a node's rule,
 * given the node's symbol h, is distributed as M_k^(j)[h, c] = #{r : child(k, h, r, j) = c}/m. These kernels are
 * never stored densely: each has at most m non-zeros per row and the rule table already lists them, so applying
 * one costs O(rows·m) per column instead of O(v²).
 *
 * <p>The ancestors of the last token all sit in slot s − 1, so their marginals follow from the uniform class by
 * the slot-(s − 1) kernels alone. Other positions have other marginals: that is why the correlations below never
 * assume a uniform or position-independent token distribution.
 */
final class LastTokenSpine {
    final Rules rules;
    final int v, m, s, depth;
    /** marginals[k]: the symbol expanded at generation depth k (k = L: the last token itself). */
    private final double[][] marginals;

    LastTokenSpine(Rules rules) {
        Hierarchy h = rules.hierarchy();
        requireDense(h);
        this.rules = rules;
        this.v = h.vocabulary();
        this.m = h.multiplicity();
        this.s = h.branching();
        this.depth = h.depth();
        this.marginals = new double[depth + 1][];
        double[] q = new double[h.classes()];
        java.util.Arrays.fill(q, 1.0 / h.classes());
        marginals[0] = q;
        for (int k = 0; k < depth; k++) marginals[k + 1] = descend(k, s - 1, marginals[k], 1);
    }

    static void requireDense(Hierarchy h) {
        InvalidSpecException.require(!h.isSparse(), "s0", "last-token correlations and entropies are defined for the dense RHM "
                + "(s0 = 0), where token positions are fixed; got s0 = " + h.sparsity());
    }

    /** A copy of the distribution of the last token's ancestor expanded at depth k (k = L: the last token). */
    double[] marginal(int k) {
        return marginals[k].clone();
    }

    /**
     * M_k^(j)ᵀ·y for y of shape rows(k)×cols, row-major: moves the row index from a symbol expanded at depth k to
     * its child in slot j, carrying the columns along.
     */
    double[] descend(int k, int slot, double[] y, int cols) {
        int rows = rules.rows(k);
        double[] out = new double[v * cols];
        for (int h = 0; h < rows; h++) {
            int from = h * cols;
            boolean any = false;
            for (int c = 0; c < cols && !any; c++) any = y[from + c] != 0;
            if (!any) continue;
            for (int r = 0; r < m; r++) {
                int to = rules.child(k, h, r, slot) * cols;
                for (int c = 0; c < cols; c++) out[to + c] += y[from + c] / m;
            }
        }
        return out;
    }

    /**
     * M_k^(j)·b for b of shape v×cols: replaces the row of a child in slot j by the row of its parent at depth k,
     * i.e. conditions on the parent instead of the child.
     */
    double[] ascend(int k, int slot, double[] b, int cols) {
        int rows = rules.rows(k);
        double[] out = new double[rows * cols];
        for (int h = 0; h < rows; h++)
            for (int r = 0; r < m; r++) {
                int from = rules.child(k, h, r, slot) * cols;
                for (int c = 0; c < cols; c++) out[h * cols + c] += b[from + c] / m;
            }
        return out;
    }
}
