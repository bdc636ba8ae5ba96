package io.rhmlab.dsl.data;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * N data as compact tokens: a row-major [N, d] array of unsigned bytes (symbols 0..v−1, the blank = v) and their
 * labels. Immutable; {@link #first(int)} is a view on the same storage, so the nested training sets of a
 * learning curve cost no copy.
 */
public final class Tokens {
    private final byte[] tokens;
    private final int[] labels;
    private final int size, length;

    /** Wraps the arrays without copying; the caller hands them over and must not write to them again. */
    public static Tokens wrap(byte[] tokens, int[] labels, int length) {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(labels, "labels");
        if (length <= 0) throw new IllegalArgumentException("length d = " + length + " must be > 0");
        if ((long) labels.length * length != tokens.length)
            throw new IllegalArgumentException("tokens hold " + tokens.length + " bytes, not N·d = " + labels.length + "·" + length);
        return new Tokens(tokens, labels, labels.length, length);
    }

    private Tokens(byte[] tokens, int[] labels, int size, int length) {
        this.tokens = tokens;
        this.labels = labels;
        this.size = size;
        this.length = length;
    }

    /** N, the number of data. */
    public int size() {
        return size;
    }

    /** d, the tokens per datum. */
    public int length() {
        return length;
    }

    /** Token at position p of datum i, in [0, v] (v = blank). */
    public int token(int i, int p) {
        Objects.checkIndex(i, size);
        Objects.checkIndex(p, length);
        return tokens[i * length + p] & 0xff;
    }

    public int label(int i) {
        Objects.checkIndex(i, size);
        return labels[i];
    }

    /** The d tokens of datum i, a copy. */
    public byte[] datum(int i) {
        Objects.checkIndex(i, size);
        return Arrays.copyOfRange(tokens, i * length, (i + 1) * length);
    }

    /** The first n data (a view): the nested prefix used as the training set of size n. */
    public Tokens first(int n) {
        if (n < 0 || n > size) throw new IndexOutOfBoundsException("first(" + n + ") of " + size + " data");
        return new Tokens(tokens, labels, n, length);
    }

    /** A copy of the N·d tokens, row-major. */
    public byte[] toByteArray() {
        return Arrays.copyOf(tokens, size * length);
    }

    /** A copy of the N labels. */
    public int[] labels() {
        return Arrays.copyOf(labels, size);
    }

    /** The N·d tokens, read-only and without a copy (e.g. for one upload to a device). */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(tokens, 0, size * length).slice().asReadOnlyBuffer();
    }

    /** The N labels, read-only and without a copy. */
    public IntBuffer labelBuffer() {
        return IntBuffer.wrap(labels, 0, size).slice().asReadOnlyBuffer();
    }

    /** Same tokens and labels, element by element. */
    public boolean sameAs(Tokens other) {
        return size == other.size && length == other.length
                && Arrays.equals(tokens, 0, size * length, other.tokens, 0, size * length)
                && Arrays.equals(labels, 0, size, other.labels, 0, size);
    }

    @Override
    public String toString() {
        return "Tokens[N=" + size + ", d=" + length + "]";
    }
}
