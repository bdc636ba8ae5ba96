package io.rhmlab.engine.net;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.dsl.net.Kind;

/**
 * The rows a network of a given kind reads for a task, made from the generator's data (docs/last-token.md §1).
 * Classification reads the data as generated. The last-token task keeps the last {@code context} positions of each
 * datum, takes the last token as the label and hides it: the FCN drops the position (its input is one position
 * shorter, as in the reference), every other network sees token v there, which its input table encodes as the mask
 * v^(−1/2)·1 ({@link NetLayout#maskedLast}).
 */
public final class TaskData {
    private TaskData() {
    }

    /** {@code data} (full data, labels = classes) as {@code kind} reads it for {@code task}. */
    public static TokenData of(TokenData data, Hierarchy hierarchy, Task task, Kind kind) {
        if (!(task instanceof Task.LastToken)) return data;
        int full = data.d(), v = hierarchy.vocabulary();
        InvalidSpecException.require(full == hierarchy.inputLength(), "d", "the last-token task reads whole data of "
                + hierarchy.inputLength() + " positions, got " + full);
        int context = task.context(hierarchy);
        boolean drop = kind == Kind.FCN;
        int width = drop ? context - 1 : context;
        int n = data.n();
        byte[] tokens = new byte[n * width];
        int[] labels = new int[n];
        byte[] in = data.tokens();
        int first = full - context;
        for (int i = 0; i < n; i++) {
            System.arraycopy(in, i * full + first, tokens, i * width, width);
            labels[i] = in[i * full + full - 1] & 0xFF;
            if (!drop) tokens[i * width + width - 1] = (byte) v;
        }
        return new TokenData(tokens, labels, n, width);
    }
}
