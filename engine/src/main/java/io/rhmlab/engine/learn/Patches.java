package io.rhmlab.engine.learn;

import io.rhmlab.dsl.data.Tokens;

/** Sequences of symbols as flat int arrays [N·len], read by s-patches. */
final class Patches {
    private Patches() {
    }

    /** The tokens as ints, checking that every one is an informative symbol (the learner has no blank). */
    static int[] symbols(Tokens data, int vocabulary) {
        int n = data.size(), len = data.length();
        int[] seq = new int[n * len];
        for (int i = 0; i < n; i++)
            for (int p = 0; p < len; p++) {
                int t = data.token(i, p);
                if (t >= vocabulary)
                    throw new IllegalArgumentException("token " + t + " at datum " + i + ", position " + p + " is not a symbol of v = " + vocabulary);
                seq[i * len + p] = t;
            }
        return seq;
    }

    /** The tuple code (base {@code alphabet}, first symbol most significant) of the s symbols at {@code offset}. */
    static int code(int[] seq, int offset, int branching, int alphabet) {
        int c = 0;
        for (int j = 0; j < branching; j++) c = c * alphabet + seq[offset + j];
        return c;
    }

    /** One level up: each s-patch becomes {@code map[its tuple code]}. */
    static int[] coarsen(int[] seq, int len, int branching, int alphabet, int[] map) {
        int n = seq.length / len, out = len / branching;
        int[] next = new int[n * out];
        for (int i = 0; i < n; i++)
            for (int q = 0; q < out; q++) next[i * out + q] = map[code(seq, i * len + q * branching, branching, alphabet)];
        return next;
    }

    /** The tuple codes of the first patch of every sequence. */
    static int[] firstPatch(int[] seq, int len, int branching, int alphabet) {
        int n = seq.length / len;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = code(seq, i * len, branching, alphabet);
        return out;
    }

    /** The tuple codes of every patch of every sequence, datum-major: datum i owns entries i·(len/s) ... */
    static int[] allPatches(int[] seq, int len, int branching, int alphabet) {
        int n = seq.length / len, per = len / branching;
        int[] out = new int[n * per];
        for (int i = 0; i < n; i++)
            for (int q = 0; q < per; q++) out[i * per + q] = code(seq, i * len + q * branching, branching, alphabet);
        return out;
    }
}
