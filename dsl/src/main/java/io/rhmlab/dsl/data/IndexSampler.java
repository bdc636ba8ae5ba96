package io.rhmlab.dsl.data;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random data indices, exact at any P_max.
 *
 * <p>Without replacement: an ordered sequence of k distinct indices, uniform among all such sequences, by
 * rejection: draw i.i.d. uniform indices from the stream and skip those already drawn. The output depends only
 * on the stream, not on the membership structure (a bitset when P_max is small enough, else a primitive
 * open-addressing hash set), and the sequence for k is a prefix of the sequence for k + 1: a test set taken
 * first never depends on the training-set size, and training sets are nested.
 *
 * <p>Streams: {@code SplittableRandom.nextLong(P_max)} per draw when P_max &lt; 2^63; beyond, per draw
 * ⌈b/64⌉ {@code nextLong()} words (most significant first) form a b-bit number, b = bitLength(P_max), rejected
 * while ≥ P_max.
 */
final class IndexSampler {
    private IndexSampler() {
    }

    static long[] distinct(long n, int k, SplittableRandom rng) {
        long[] out = new long[k];
        new LongDraws(n, k, false, rng).fill(out, 0, k);
        return out;
    }

    static BigInteger[] distinct(BigInteger n, int k, SplittableRandom rng) {
        BigInteger[] out = new BigInteger[k];
        Set<BigInteger> seen = new HashSet<>(Math.max(16, 2 * k));
        for (int i = 0; i < k; ) {
            BigInteger x = uniform(n, rng);
            if (seen.add(x)) out[i++] = x;
        }
        return out;
    }

    static long[] independent(long n, int k, SplittableRandom rng) {
        long[] out = new long[k];
        new LongDraws(n, k, true, rng).fill(out, 0, k);
        return out;
    }

    /** The long-index stream, filled piece by piece so that decoding can start before sampling ends. */
    static final class LongDraws {
        private final long n;
        private final SplittableRandom rng;
        private final boolean independent;
        private final long[] bits;
        private final LongSet set;

        LongDraws(long n, int k, boolean independent, SplittableRandom rng) {
            this.n = n;
            this.rng = rng;
            this.independent = independent;
            boolean dense = !independent && n <= Math.min(256L * k + 65_536, 1L << 36);
            this.bits = dense ? new long[(int) ((n + 63) >>> 6)] : null;
            this.set = independent || dense ? null : new LongSet(k);
        }

        /** Draws the next {@code to − from} indices of the sequence into {@code out[from..to)}. */
        void fill(long[] out, int from, int to) {
            if (independent) {
                for (int i = from; i < to; i++) out[i] = rng.nextLong(n);
            } else if (bits != null) {
                long[] seen = bits;
                for (int i = from; i < to; ) {
                    long x = rng.nextLong(n);
                    int w = (int) (x >>> 6);
                    long bit = 1L << x;
                    if ((seen[w] & bit) == 0) {
                        seen[w] |= bit;
                        out[i++] = x;
                    }
                }
            } else {
                for (int i = from; i < to; ) {
                    long x = rng.nextLong(n);
                    if (set.add(x)) out[i++] = x;
                }
            }
        }
    }

    static BigInteger[] independent(BigInteger n, int k, SplittableRandom rng) {
        BigInteger[] out = new BigInteger[k];
        for (int i = 0; i < k; i++) out[i] = uniform(n, rng);
        return out;
    }

    static BigInteger uniform(BigInteger n, SplittableRandom rng) {
        int bits = n.bitLength();
        int words = (bits + 63) / 64;
        byte[] magnitude = new byte[words * 8];
        int excess = words * 64 - bits;
        while (true) {
            for (int w = 0; w < words; w++) {
                long x = rng.nextLong();
                if (w == 0 && excess > 0) x &= -1L >>> excess;
                for (int b = 0; b < 8; b++) magnitude[w * 8 + b] = (byte) (x >>> (56 - 8 * b));
            }
            BigInteger candidate = new BigInteger(1, magnitude);
            if (candidate.compareTo(n) < 0) return candidate;
        }
    }

    /** Open addressing with linear probing, load ≤ 2/3; non-negative keys only. */
    static final class LongSet {
        private final long[] slots;
        private final int mask, shift;

        LongSet(int expected) {
            // the smallest power of two ≥ 1.5·expected: load ≤ 2/3, 8–16 bytes per index
            int capacity = Integer.highestOneBit(Math.max(4, expected + (expected >> 1)) - 1) << 1;
            slots = new long[capacity];
            java.util.Arrays.fill(slots, -1L);
            mask = capacity - 1;
            shift = 64 - Integer.numberOfTrailingZeros(capacity);
        }

        boolean add(long key) {
            int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
            while (true) {
                long at = slots[i];
                if (at == key) return false;
                if (at < 0) {
                    slots[i] = key;
                    return true;
                }
                i = (i + 1) & mask;
            }
        }
    }
}
