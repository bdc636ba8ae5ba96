package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.grammar.Rules;

/**
 * Token–token correlations of one dense RHM for last-token prediction (docs/last-token.md), computed exactly by
 * {@link #of(Rules)} or measured on data by {@link EmpiricalLastTokenCorrelations}, which holds one: for every
 * distance t = 1..T−1 (T = s^L) the v×v covariance
 * C_t(μ, ν) = Pr[X_{T−t} = μ, X_T = ν] − Pr[X_{T−t} = μ]·Pr[X_T = ν] over all P_max equally likely data, and
 * its root mean square over the v² entries, C(t) = (Σ_{μν} C_t(μ, ν)²/v²)^(1/2).
 *
 * <p>Why the RMS over v² entries: it is the size one entry must exceed to stand out of the sampling noise of an
 * estimate from P data, which is ≈ (v²P)^(−1/2) per entry ({@link EmpiricalLastTokenCorrelations}); the
 * sample complexities of {@link LastTokenScales} compare exactly these two numbers.
 *
 * <p>How it is computed, without enumerating the data: the two tokens share their ancestors down to their lowest
 * common ancestor (LCA), which sits on the last token's ancestral path at depth L − ℓ(t). The LCA's symbol has
 * the marginal of that path; its rule puts the two branches in slots a (towards X_{T−t}) and s − 1 (towards X_T)
 * jointly; below the LCA the two branches descend independently through the one-slot kernels of their own
 * positions. A depth-first walk over the positions shares the descents of positions with a common prefix, so
 * the whole table costs O(T·v²·m + L·v³) operations and (T−1)·v² doubles of storage.
 *
 * @param hierarchy   the grammar's spec (dense, s0 = 0)
 * @param covariances C_t(μ, ν) at index ((t − 1)·v + μ)·v + ν
 * @param rmsByDistance C(t) at index t − 1
 */
public record LastTokenCorrelations(Hierarchy hierarchy, double[] covariances, double[] rmsByDistance) {

    /** Bound on (T−1)·v², the doubles the table holds (256 MiB), so that a deep grammar fails fast, not out of memory. */
    public static final long MAX_ENTRIES = 1L << 25;

    public LastTokenCorrelations {
        requireTableShape(hierarchy, covariances, rmsByDistance);
        // copies in and out: the record stays immutable whoever holds the arrays
        covariances = covariances.clone();
        rmsByDistance = rmsByDistance.clone();
    }

    /** The exact correlations of these rules (a dense RHM; anything else fails naming the parameter). */
    public static LastTokenCorrelations of(Rules rules) {
        Hierarchy h = rules.hierarchy();
        LastTokenSpine.requireDense(h);
        requireStorable(h);
        return new Walk(new LastTokenSpine(rules)).run();
    }

    /** The table's lengths for {@code hierarchy}, (T−1)·v² covariances and T−1 RMS values. */
    private static void requireTableShape(Hierarchy hierarchy, double[] covariances, double[] rmsByDistance) {
        int v = hierarchy.vocabulary();
        long distances = hierarchy.informativePositions() - 1;
        if (covariances.length != distances * v * v || rmsByDistance.length != distances)
            throw new IllegalArgumentException("need (T−1)·v² = " + distances * v * v + " covariances and T−1 = " + distances
                    + " RMS values, got " + covariances.length + " and " + rmsByDistance.length);
    }

    static void requireStorable(Hierarchy h) {
        long distances = h.informativePositions() - 1;
        long entries = distances * h.vocabulary() * h.vocabulary();
        InvalidSpecException.require(entries <= MAX_ENTRIES, "L", "the table of (T−1)·v² = " + distances + "·" + h.vocabulary()
                + "² covariances exceeds " + MAX_ENTRIES + " entries: lower L, s or v");
    }

    @Override
    public double[] covariances() {
        return covariances.clone();
    }

    @Override
    public double[] rmsByDistance() {
        return rmsByDistance.clone();
    }

    /** v. */
    public int vocabulary() {
        return hierarchy.vocabulary();
    }

    /** T − 1, the largest distance. */
    public int distances() {
        return rmsByDistance.length;
    }

    /** C(t), the RMS of C_t over its v² entries. */
    public double rms(int distance) {
        return rmsByDistance[checked(distance) - 1];
    }

    /** C_t(μ, ν). */
    public double covariance(int distance, int mu, int nu) {
        int v = vocabulary();
        return covariances[((checked(distance) - 1) * v + mu) * v + nu];
    }

    /** A copy of C_t as [μ][ν]. */
    public double[][] matrix(int distance) {
        int v = vocabulary(), off = (checked(distance) - 1) * v * v;
        double[][] out = new double[v][v];
        for (int mu = 0; mu < v; mu++) System.arraycopy(covariances, off + mu * v, out[mu], 0, v);
        return out;
    }

    /** The paper's LCA level ℓ(t) ∈ [1, L] ({@link LastTokenLevels}: rhmlab level ℓ + 1). */
    public int level(int distance) {
        return LastTokenLevels.lcaLevel(hierarchy.branching(), checked(distance));
    }

    /**
     * C(ℓ): the RMS over all entries of all distances at paper level ℓ, i.e. (mean over t ∈ [s^(ℓ−1), s^ℓ − 1] of
     * C(t)²)^(1/2). One grammar's C(t) is not exactly flat within a level; the mean square is what a sample
     * complexity read from this grammar should use, because noise and signal add in squares.
     */
    public double levelRms(int level) {
        Hierarchy h = hierarchy;
        InvalidSpecException.require(level >= 1 && level <= h.depth(), "ℓ", "level ℓ = " + level + " outside [1, L = " + h.depth() + "]");
        long from = LastTokenLevels.firstDistance(h.branching(), level), to = LastTokenLevels.lastDistance(h.branching(), level);
        double sum = 0;
        for (long t = from; t <= to; t++) sum += rmsByDistance[(int) t - 1] * rmsByDistance[(int) t - 1];
        return Math.sqrt(sum / (to - from + 1));
    }

    private int checked(int distance) {
        InvalidSpecException.require(distance >= 1 && distance <= rmsByDistance.length, "t",
                "distance t = " + distance + " outside [1, T − 1 = " + rmsByDistance.length + "]");
        return distance;
    }

    /** Root-mean-square of C_t stored at {@code off}: shared with the empirical estimate so both mean the same thing. */
    static double rms(double[] c, int off, int v) {
        double sum = 0;
        for (int i = 0; i < v * v; i++) sum += c[off + i] * c[off + i];
        return Math.sqrt(sum / ((double) v * v));
    }

    /** Turns a joint distribution into a covariance in place: subtracts the product of its two marginals. */
    static void centre(double[] joint, int off, int v) {
        double[] rows = new double[v], cols = new double[v];
        for (int mu = 0; mu < v; mu++)
            for (int nu = 0; nu < v; nu++) {
                double p = joint[off + mu * v + nu];
                rows[mu] += p;
                cols[nu] += p;
            }
        for (int mu = 0; mu < v; mu++)
            for (int nu = 0; nu < v; nu++) joint[off + mu * v + nu] -= rows[mu] * cols[nu];
    }

    /** The depth-first walk over positions; one per computation. */
    private static final class Walk {
        private final LastTokenSpine spine;
        private final Hierarchy h;
        private final int v, s, depth;
        private final long length;
        private final double[] covariances;

        Walk(LastTokenSpine spine) {
            this.spine = spine;
            this.h = spine.rules.hierarchy();
            this.v = spine.v;
            this.s = spine.s;
            this.depth = spine.depth;
            this.length = h.informativePositions();
            this.covariances = new double[Math.toIntExact((length - 1) * v * v)];
        }

        LastTokenCorrelations run() {
            // below[k]: Pr[X_T = ν | the slot-(s−1) child of the depth-k ancestor is c], a v×v matrix
            double[][] below = new double[depth][];
            below[depth - 1] = identity(v);
            for (int k = depth - 1; k >= 1; k--) below[k - 1] = spine.ascend(k, s - 1, below[k], v);
            Rules rules = spine.rules;
            int m = spine.m;
            for (int lca = 0; lca < depth; lca++) {
                double[] q = spine.marginal(lca);
                long prefix = 0;
                for (int k = 0; k < lca; k++) prefix = prefix * s + (s - 1);
                for (int a = 0; a < s - 1; a++) {
                    // the LCA's rule places the two branches jointly: Pr[slot a = c, slot s−1 = c′]
                    double[] pair = new double[v * v];
                    for (int g = 0; g < rules.rows(lca); g++) {
                        if (q[g] == 0) continue;
                        for (int r = 0; r < m; r++) pair[rules.child(lca, g, r, a) * v + rules.child(lca, g, r, s - 1)] += q[g] / m;
                    }
                    walk(lca + 1, multiply(pair, below[lca], v), prefix * s + a);
                }
            }
            double[] rms = new double[Math.toIntExact(length - 1)];
            for (int t = 1; t < length; t++) {
                int off = (t - 1) * v * v;
                centre(covariances, off, v);
                rms[t - 1] = rms(covariances, off, v);
            }
            return new LastTokenCorrelations(h, covariances, rms);
        }

        /** y: rows the left branch's symbol expanded at {@code k}, columns the last token; {@code position} so far in base s. */
        private void walk(int k, double[] y, long position) {
            if (k == depth) {
                long distance = length - 1 - position;
                System.arraycopy(y, 0, covariances, (int) (distance - 1) * v * v, v * v);
                return;
            }
            for (int j = 0; j < s; j++) walk(k + 1, spine.descend(k, j, y, v), position * s + j);
        }

        private static double[] identity(int v) {
            double[] id = new double[v * v];
            for (int i = 0; i < v; i++) id[i * v + i] = 1;
            return id;
        }

        private static double[] multiply(double[] a, double[] b, int v) {
            double[] out = new double[v * v];
            for (int i = 0; i < v; i++)
                for (int k = 0; k < v; k++) {
                    double x = a[i * v + k];
                    if (x == 0) continue;
                    for (int j = 0; j < v; j++) out[i * v + j] += x * b[k * v + j];
                }
            return out;
        }
    }
}
