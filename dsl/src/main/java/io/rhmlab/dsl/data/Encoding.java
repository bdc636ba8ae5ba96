package io.rhmlab.dsl.data;

import java.util.Objects;

/**
 * How tokens become network inputs: one-hot over the v informative symbols, channels first, [N, v, d]
 * (docs/science.md §2.A, §3.A). Every entry is {@code off + (on − off)·onehot}, and a blank position is a constant
 * column, so an engine can rebuild the same tensor on a device from {@link #on}, {@link #off} and
 * {@link #blankValue}.
 *
 * @param style the values of the one-hot entries
 * @param blank what a blank position (token v) becomes
 */
public record Encoding(Style style, Blank blank) {

    /** Plain one-hot, blank = zero column: the default, and the papers' text for the SRHM. */
    public static final Encoding ONE_HOT = new Encoding(Style.ONE_HOT, Blank.ZERO);
    /** Centred one-hot of the newer RHM code, blank = zero column. */
    public static final Encoding CENTRED = new Encoding(Style.CENTRED, Blank.ZERO);
    /** The stored SRHM data of the reference code: x(1+a) − a, blank = −a in every channel. */
    public static final Encoding REFERENCE_SRHM = new Encoding(Style.WHITENED, Blank.OFF);

    public enum Style {
        /** 1 at the token's channel, 0 elsewhere. */
        ONE_HOT,
        /** (x − 1/v)/√(1 − 1/v): zero mean over channels, unit norm per position. */
        CENTRED,
        /** x(1 + a) − a with a = 1/√(v − 1): 1 at the token, −a elsewhere (the older codes' "whitening"). */
        WHITENED
    }

    public enum Blank {
        /** A zero column. */
        ZERO,
        /** The style applied to an all-zero one-hot column: the off value in every channel (−a for WHITENED). */
        OFF
    }

    public Encoding {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(blank, "blank");
    }

    /** Value at the token's own channel. */
    public float on(int v) {
        return switch (style) {
            case ONE_HOT, WHITENED -> 1f;
            case CENTRED -> (float) ((1 - 1.0 / v) / Math.sqrt(1 - 1.0 / v));
        };
    }

    /** Value at the other channels of an informative position. */
    public float off(int v) {
        return switch (style) {
            case ONE_HOT -> 0f;
            case CENTRED -> (float) ((-1.0 / v) / Math.sqrt(1 - 1.0 / v));
            case WHITENED -> (float) (-1 / Math.sqrt(v - 1.0));
        };
    }

    /** Value at every channel of a blank position. */
    public float blankValue(int v) {
        return blank == Blank.ZERO ? 0f : off(v);
    }

    /** The [N, v, d] tensor, row-major, of all data. */
    public float[] encode(Tokens tokens, int v) {
        float[] out = new float[Math.multiplyExact(Math.multiplyExact(tokens.size(), v), tokens.length())];
        encode(tokens, v, 0, tokens.size(), out, 0);
        return out;
    }

    /** Writes data [from, to) as a [to − from, v, d] block at {@code out[offset..]}. */
    public void encode(Tokens tokens, int v, int from, int to, float[] out, int offset) {
        Objects.checkFromToIndex(from, to, tokens.size());
        int d = tokens.length();
        float on = on(v), off = off(v), blankValue = blankValue(v);
        for (int i = from; i < to; i++) {
            int row = offset + (i - from) * v * d;
            for (int p = 0; p < d; p++) {
                int x = tokens.token(i, p);
                if (x > v) throw new IllegalArgumentException("token " + x + " at datum " + i + ", position " + p + " exceeds the blank v = " + v);
                float fill = x == v ? blankValue : off;
                for (int c = 0; c < v; c++) out[row + c * d + p] = fill;
                if (x < v) out[row + x * d + p] = on;
            }
        }
    }
}
