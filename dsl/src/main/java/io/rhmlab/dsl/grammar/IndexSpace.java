package io.rhmlab.dsl.grammar;

import io.rhmlab.dsl.Hierarchy;

import java.math.BigInteger;

/**
 * The mixed-radix numbering of the data of a hierarchy (docs/science.md §2.A, §9.2): index i ∈ [0, P_max) ↔
 * (label, E choices) with E = (s^L−1)/(s−1) informative expanded nodes and radix R = m·Q per node. The label is
 * i / G (G = P_max/n_c); the remainder is written in base R with exactly E digits, most significant first, in
 * generation order (depth 0 node 0, then depth 1 nodes 0..s−1 left to right, ...). Digit = rule·Q + placement,
 * so for the dense RHM (Q = 1) the digit is the rule and this is the reference codes' numbering.
 *
 * <p>Indices below 2^63 take the {@code long} path; larger P_max use {@link BigInteger}.
 */
public final class IndexSpace {
    private final int classes, radix, digits, placements, branching;
    private final BigInteger maxSamples, groupSize;
    private final boolean fitsLong;
    private final long groupLong;
    /** radix is a power of two: digits are bit fields. */
    private final int radixBits;
    /** digits per long chunk of the BigInteger path, and radix^chunk. */
    private final int chunk;
    private final long chunkRadix;
    private final BigInteger chunkRadixBig;

    public IndexSpace(Hierarchy h) {
        this.classes = h.classes();
        this.placements = Math.toIntExact(h.placementsPerNode());
        this.radix = Math.toIntExact(h.choicesPerNode().longValueExact());
        this.digits = Math.toIntExact(h.expandedNodes());
        this.branching = h.branching();
        this.maxSamples = h.maxSamples();
        this.groupSize = maxSamples.divide(BigInteger.valueOf(classes));
        this.fitsLong = maxSamples.bitLength() <= 63;
        this.groupLong = fitsLong ? groupSize.longValueExact() : -1;
        this.radixBits = Integer.bitCount(radix) == 1 ? Integer.numberOfTrailingZeros(radix) : -1;
        int c = 1;
        long rc = radix;
        while (radix > 1 && rc <= (Long.MAX_VALUE >> 1) / radix) {
            rc *= radix;
            c++;
        }
        this.chunk = c;
        this.chunkRadix = rc;
        this.chunkRadixBig = BigInteger.valueOf(rc);
    }

    public BigInteger maxSamples() {
        return maxSamples;
    }

    /** Whether every index fits a {@code long} (P_max < 2^63). */
    public boolean fitsLong() {
        return fitsLong;
    }

    /** R = m·Q, the choices of one node. */
    public int radix() {
        return radix;
    }

    /** Q, the placements of one node (1 for the dense RHM). */
    public int placements() {
        return placements;
    }

    /** E, the number of digits (informative expanded nodes). */
    public int digits() {
        return digits;
    }

    /** Position of the first digit of generation depth t: (s^t − 1)/(s − 1). */
    public int firstDigitOfDepth(int t) {
        int first = 0, width = 1;
        for (int k = 0; k < t; k++) {
            first += width;
            width *= branching;
        }
        return first;
    }

    /** Decodes a long index: fills {@code out[0..E)} and returns the label. */
    public int decode(long index, int[] out) {
        int label = (int) (index / groupLong);
        long r = index - label * groupLong;
        if (radixBits >= 0) {
            int mask = radix - 1;
            for (int k = digits - 1; k >= 0; k--) {
                out[k] = (int) r & mask;
                r >>>= radixBits;
            }
        } else {
            for (int k = digits - 1; k >= 0; k--) {
                long q = r / radix;
                out[k] = (int) (r - q * radix);
                r = q;
            }
        }
        return label;
    }

    /** Decodes any index in [0, P_max): fills {@code out[0..E)} and returns the label. */
    public int decode(BigInteger index, int[] out) {
        checkRange(index);
        if (fitsLong) return decode(index.longValueExact(), out);
        BigInteger[] qr = index.divideAndRemainder(groupSize);
        BigInteger r = qr[1];
        int k = digits - 1;
        while (k >= 0) {
            BigInteger[] pr = r.divideAndRemainder(chunkRadixBig);
            long piece = pr[1].longValueExact();
            r = pr[0];
            for (int c = 0; c < chunk && k >= 0; c++, k--) {
                out[k] = (int) (piece % radix);
                piece /= radix;
            }
        }
        return qr[0].intValueExact();
    }

    /** The index of (label, digits); exact for any P_max. */
    public BigInteger encode(int label, int[] choices) {
        checkChoices(label, choices);
        if (fitsLong) return BigInteger.valueOf(encodeLong(label, choices));
        BigInteger acc = BigInteger.ZERO;
        int k = 0;
        // digits in chunks of `chunk` so that most arithmetic stays in long
        int head = digits % chunk;
        if (head > 0) {
            long piece = 0;
            for (; k < head; k++) piece = piece * radix + choices[k];
            acc = BigInteger.valueOf(piece);
        }
        while (k < digits) {
            long piece = 0;
            for (int c = 0; c < chunk; c++, k++) piece = piece * radix + choices[k];
            acc = acc.multiply(chunkRadixBig).add(BigInteger.valueOf(piece));
        }
        return BigInteger.valueOf(label).multiply(groupSize).add(acc);
    }

    /** The index of (label, digits) when P_max &lt; 2^63. */
    public long encodeLong(int label, int[] choices) {
        if (!fitsLong) throw new ArithmeticException("P_max = " + maxSamples + " does not fit a long; use encode");
        long acc = 0;
        for (int k = 0; k < digits; k++) acc = acc * radix + choices[k];
        return label * groupLong + acc;
    }

    private void checkRange(BigInteger index) {
        if (index.signum() < 0 || index.compareTo(maxSamples) >= 0)
            throw new IndexOutOfBoundsException("index " + index + " outside [0, P_max = " + maxSamples + ")");
    }

    private void checkChoices(int label, int[] choices) {
        if (label < 0 || label >= classes) throw new IllegalArgumentException("label " + label + " outside [0, n_c = " + classes + ")");
        if (choices.length != digits) throw new IllegalArgumentException("need " + digits + " choices, got " + choices.length);
        for (int c : choices) if (c < 0 || c >= radix) throw new IllegalArgumentException("choice " + c + " outside [0, m·Q = " + radix + ")");
    }
}
