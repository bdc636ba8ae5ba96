package io.rhmlab.dsl.data;

import java.util.Arrays;

/** One datum: its label and its d tokens (blank = v). */
public record Datum(int label, byte[] tokens) {

    public Datum {
        tokens = tokens.clone();
    }

    @Override
    public byte[] tokens() {
        return tokens.clone();
    }

    /** Token at position p, in [0, v]. */
    public int token(int p) {
        return tokens[p] & 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Datum other && label == other.label && Arrays.equals(tokens, other.tokens);
    }

    @Override
    public int hashCode() {
        return 31 * label + Arrays.hashCode(tokens);
    }

    @Override
    public String toString() {
        int[] t = new int[tokens.length];
        for (int p = 0; p < t.length; p++) t[p] = tokens[p] & 0xff;
        return "Datum[label=" + label + ", tokens=" + Arrays.toString(t) + "]";
    }
}
