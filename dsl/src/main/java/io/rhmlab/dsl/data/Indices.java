package io.rhmlab.dsl.data;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * Data indices in [0, P_max), in sampling order: {@code long}s when P_max &lt; 2^63, {@link BigInteger}s
 * beyond. Immutable.
 */
public final class Indices {
    private final long[] longs;
    private final BigInteger[] bigs;
    /** A window [offset, offset + size) of the shared backing array: slicing costs no copy. */
    private final int offset, size;

    private Indices(long[] longs, BigInteger[] bigs, int offset, int size) {
        this.longs = longs;
        this.bigs = bigs;
        this.offset = offset;
        this.size = size;
    }

    static Indices ofLongs(long[] values) {
        return new Indices(values, null, 0, values.length);
    }

    static Indices ofBig(BigInteger[] values) {
        return new Indices(null, values, 0, values.length);
    }

    public int size() {
        return size;
    }

    /** Whether every index is a {@code long} ({@link #longValues()} works). */
    public boolean isLong() {
        return longs != null;
    }

    public BigInteger get(int i) {
        Objects.checkIndex(i, size);
        return longs != null ? BigInteger.valueOf(longs[offset + i]) : bigs[offset + i];
    }

    /** A copy of the indices as longs; only when {@link #isLong()}. */
    public long[] longValues() {
        if (longs == null) throw new ArithmeticException("indices exceed a long (P_max ≥ 2^63); use get(i)");
        return Arrays.copyOfRange(longs, offset, offset + size);
    }

    /** Index i as a long, without boxing; only when {@link #isLong()}. */
    long longAt(int i) {
        return longs[offset + i];
    }

    /** The indices in [from, to). */
    public Indices slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        return new Indices(longs, bigs, offset + from, to - from);
    }
}
