package io.rhmlab.engine.net;

import io.rhmlab.dsl.InvalidSpecException;

/**
 * Host-side tokens and labels of N inputs of length d, as the trainer uploads them: {@code tokens} is row-major
 * [N, d] of unsigned bytes (0..v−1 informative, v = blank), {@code labels} has N class indices.
 */
public record TokenData(byte[] tokens, int[] labels, int n, int d) {

    public TokenData {
        InvalidSpecException.require(tokens != null && labels != null, "data", "tokens and labels must be set");
        InvalidSpecException.require(n >= 0 && d >= 1, "data", "need N ≥ 0 and d ≥ 1, got N = " + n + ", d = " + d);
        InvalidSpecException.require(tokens.length == (long) n * d, "data",
                "tokens hold " + tokens.length + " entries, expected N·d = " + (long) n * d);
        InvalidSpecException.require(labels.length == n, "data", "labels hold " + labels.length + " entries, expected N = " + n);
    }

    /** The host arrays of a generated data set (one copy; {@link io.rhmlab.dsl.data.Tokens} keeps its own). */
    public static TokenData of(io.rhmlab.dsl.data.Tokens t) {
        return new TokenData(t.toByteArray(), t.labels(), t.size(), t.length());
    }

    /** Token {@code j} of row {@code i}, as an unsigned value. */
    public int token(int i, int j) {
        return tokens[i * d + j] & 0xFF;
    }

    /**
     * Checks that these data fit a task with v symbols and n_c classes and inputs of length d, naming the
     * violated constraint (a network built for another vocabulary or length must not silently read garbage).
     */
    public void requireFits(int vocabulary, int classes, int inputLength, String what) {
        InvalidSpecException.require(d == inputLength, "d",
                what + " has inputs of length " + d + " but the network expects d = " + inputLength);
        for (int i = 0; i < tokens.length; i++) {
            int t = tokens[i] & 0xFF;
            if (t > vocabulary) {
                throw new InvalidSpecException("v", what + " holds token " + t + " at row " + i / d + ", position "
                        + i % d + ", but the network was built for v = " + vocabulary + " (tokens 0.." + (vocabulary - 1)
                        + ", blank = " + vocabulary + ")");
            }
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new InvalidSpecException("n_c", what + " holds label " + labels[i] + " at row " + i
                        + ", but the network has n_c = " + classes + " outputs");
            }
        }
    }
}
