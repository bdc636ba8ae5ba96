package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.InvalidSpecException;

/**
 * Where a pair (X_{T−t}, X_T) meets in the tree, for last-token prediction (docs/last-token.md).
 *
 * <p>Two level conventions meet here and are easy to confuse. The last-token paper (Cagnetta &amp; Wyart 2024,
 * arXiv:2406.00048) numbers the tokens level 0 and calls ℓ the level of the lowest common ancestor (LCA) of two
 * tokens, so ℓ ∈ [1, L] and its step sizes P_ℓ are indexed by it. rhmlab numbers the tokens level 1
 * (docs/science.md §0), so the paper's LCA level ℓ is rhmlab level ℓ + 1, and the LCA is the node expanded at
 * generation depth L − ℓ. Every {@code level} argument of this package's last-token classes is the paper's ℓ,
 * because that is the index the formulas and the figures use; {@link #rhmlabLevel} and {@link #lcaDepth}
 * translate.
 *
 * <p>Positions are numbered 0..T−1 with T = s^L; the last token sits at T − 1 and the token at distance t at
 * T − 1 − t. Written in base s with L digits, position T − 1 is all (s − 1)s, so the LCA is where the digits of
 * T − 1 − t first differ from s − 1: ℓ(t) = ⌈log_s(t + 1)⌉, i.e. s^(ℓ−1) ≤ t ≤ s^ℓ − 1.
 */
public final class LastTokenLevels {
    private LastTokenLevels() {
    }

    /** The paper's LCA level ℓ(t) of the last token and the token t places before it, t ≥ 1. */
    public static int lcaLevel(int branching, long distance) {
        InvalidSpecException.require(distance >= 1, "t", "distance t = " + distance + " must be ≥ 1");
        int level = 0;
        // integer loop, not a logarithm: ⌈log_s(t+1)⌉ in floating point misrounds at exact powers of s
        for (long span = 1; span <= distance; span = Math.multiplyExact(span, branching)) level++;
        return level;
    }

    /** s^(ℓ−1), the smallest distance whose LCA is at paper level ℓ. */
    public static long firstDistance(int branching, int level) {
        return pow(branching, level - 1);
    }

    /** s^ℓ − 1, the largest distance whose LCA is at paper level ℓ. */
    public static long lastDistance(int branching, int level) {
        return pow(branching, level) - 1;
    }

    /** rhmlab's number for the paper's level ℓ (tokens are rhmlab level 1): ℓ + 1. */
    public static int rhmlabLevel(int paperLevel) {
        return paperLevel + 1;
    }

    /** The generation depth of an LCA at paper level ℓ in a depth-L tree: L − ℓ (0 is the class). */
    public static int lcaDepth(int depth, int paperLevel) {
        return depth - paperLevel;
    }

    static long pow(int base, int exp) {
        long r = 1;
        for (int i = 0; i < exp; i++) r = Math.multiplyExact(r, base);
        return r;
    }
}
