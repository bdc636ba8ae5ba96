package io.rhmlab.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.net.NoGrad;

import java.util.ArrayList;
import java.util.List;

/**
 * Mean cross-entropy and error (argmax ≠ label) of some members on their own rows, batched and without
 * gradients. Members evaluated together are gathered out of the ensemble, so a checkpoint of one member does
 * not pay for the others.
 *
 * <p>A member's scores depend on nothing but the member: its rows are cut into passes by a rule that reads only
 * its own row count ({@link #chunks}), each pass holds members whose chunks have the same length (no padding),
 * and the per-row losses come back to the host and are summed in double precision in row order. So a member
 * scores the same bits alone, in any ensemble, and in any checkpoint company (docs/choices.md, "Determinism").
 */
final class Evaluator {

    /** Per evaluated member: mean loss and error rate (NaN for a member with no rows). */
    record Scores(double[] loss, double[] error) {
    }

    /**
     * No pass of a member with at least this many rows is shorter: matrix products of 1 to 3 rows take another
     * path in MKL and round differently from the same rows in a longer product (measured on libtorch 2.7.1).
     */
    static final int MIN_CHUNK_ROWS = 8;

    private Evaluator() {
    }

    /**
     * @param members   the members' ids (indexing {@code offset} and {@code rows})
     * @param positions where each member sits in the net's tensors
     */
    static Scores evaluate(EnsembleNet net, DeviceData data, int[] members, int[] positions, long[] offset, int[] rows,
                           int evalBatch, NDManager parent) {
        int count = members.length;
        double[] lossSum = new double[count];
        double[] wrong = new double[count];
        int budget = rowsPerPass(net.layout(), evalBatch, parent.getDevice());
        List<int[]> chunks = new ArrayList<>(count);
        int passes = 0;
        for (int j = 0; j < count; j++) {
            chunks.add(chunks(rows[members[j]], budget));
            passes = Math.max(passes, chunks.get(j).length - 1);
        }
        try (NoGrad off = NoGrad.on(); NDManager em = parent.newSubManager()) {
            for (int c = 0; c < passes; c++) {
                // members whose c-th chunk has the same length share passes of at most `budget` rows
                java.util.TreeMap<Integer, List<Integer>> byLength = new java.util.TreeMap<>();
                for (int j = 0; j < count; j++) {
                    int[] bounds = chunks.get(j);
                    if (c + 1 < bounds.length) byLength.computeIfAbsent(bounds[c + 1] - bounds[c], x -> new ArrayList<>()).add(j);
                }
                for (var e : byLength.entrySet()) {
                    int len = e.getKey();
                    List<Integer> group = e.getValue();
                    int together = Math.max(1, budget / len);
                    for (int from = 0; from < group.size(); from += together) {
                        List<Integer> pass = group.subList(from, Math.min(group.size(), from + together));
                        score(net, data, pass, positions, members, offset, chunks, c, len, em, lossSum, wrong);
                    }
                }
            }
        }
        double[] loss = new double[count];
        double[] error = new double[count];
        for (int j = 0; j < count; j++) {
            int r = rows[members[j]];
            loss[j] = r == 0 ? Double.NaN : lossSum[j] / r;
            error[j] = r == 0 ? Double.NaN : wrong[j] / r;
        }
        return new Scores(loss, error);
    }

    /** One forward pass over chunk {@code c} (of {@code len} rows) of the members {@code pass}; sums into the totals. */
    private static void score(EnsembleNet net, DeviceData data, List<Integer> pass, int[] positions,
                              int[] members, long[] offset, List<int[]> chunks, int c, int len, NDManager em,
                              double[] lossSum, double[] wrong) {
        int g = pass.size();
        long[] idx = new long[g * len];
        for (int i = 0; i < g; i++) {
            int j = pass.get(i);
            long first = offset[members[j]] + chunks.get(j)[c];
            for (int r = 0; r < len; r++) idx[i * len + r] = first + r;
        }
        try (NDManager sm = em.newSubManager(); NDScope scope = new NDScope()) {
            List<NDArray> ps = weightsOf(net, pass, positions, sm);
            NDArray index = sm.create(idx, new Shape(g, len));
            NDArray tokens = data.tokens.get(sm, new NDIndex("{}", index));
            NDArray labels = data.labels.get(sm, new NDIndex("{}", index));
            NDArray logits = net.run(ps, tokens, false).output();
            float[] nll = logits.logSoftmax(2).gather(labels.expandDims(2), 2).squeeze(2).neg().toFloatArray();
            boolean[] miss = logits.argMax(2).neq(labels).toBooleanArray();
            for (int i = 0; i < g; i++) {
                int j = pass.get(i);
                double l = 0, w = 0;
                for (int r = i * len; r < (i + 1) * len; r++) {
                    l += nll[r];
                    if (miss[r]) w++;
                }
                lossSum[j] += l;
                wrong[j] += w;
            }
        }
    }

    /**
     * The row boundaries of a member's passes, from its row count alone: {@code budget} rows each, the last
     * merged into the one before when it would be shorter than {@link #MIN_CHUNK_ROWS}.
     */
    static int[] chunks(int rows, int budget) {
        if (rows == 0) return new int[] {0};
        int n = (rows + budget - 1) / budget;
        if (n > 1 && rows - (n - 1) * budget < MIN_CHUNK_ROWS) n--;
        int[] bounds = new int[n + 1];
        for (int i = 0; i < n; i++) bounds[i] = i * budget;
        bounds[n] = rows;
        return bounds;
    }

    /**
     * Rows per forward pass (summed over members): {@code evalBatch}, or when it is 0 (automatic) as many as keep
     * the widest hidden representation of the pass within {@link #CPU_PASS_BYTES} on a CPU, so that one layer's
     * output is still in cache when the next reads it, and 16384 on a GPU. Measured on the {@code srhm-lcn} curve
     * of {@code bench curve}: its checkpoints took 12 s at 16384 rows per pass (50 MB per representation) and 5 s
     * at 1024.
     */
    static int rowsPerPass(NetLayout layout, int evalBatch, Device device) {
        if (evalBatch > 0) return evalBatch;
        if (!Device.Type.CPU.equals(device.getDeviceType())) return MAX_PASS_ROWS;
        long widest = (long) layout.inputLength() * layout.vocabulary();
        for (NetLayout.Layer l : layout.layers()) widest = Math.max(widest, (long) l.outPositions() * l.outChannels());
        return (int) Math.max(MIN_PASS_ROWS, Math.min(MAX_PASS_ROWS, CPU_PASS_BYTES / (Float.BYTES * widest)));
    }

    static final long CPU_PASS_BYTES = 4L << 20;
    static final int MIN_PASS_ROWS = 256;
    /** A GPU's pass, and the most a CPU's takes. */
    static final int MAX_PASS_ROWS = 16384;

    /** The pass's members' tensors: a view where they sit side by side in the net, else a gathered copy. */
    private static List<NDArray> weightsOf(EnsembleNet net, List<Integer> pass, int[] positions, NDManager manager) {
        int first = positions[pass.get(0)];
        boolean run = true;
        for (int i = 1; run && i < pass.size(); i++) run = positions[pass.get(i)] == first + i;
        if (run && first == 0 && pass.size() == net.members()) return net.parameters();
        NDIndex at;
        if (run) {
            at = new NDIndex(first + ":" + (first + pass.size()));
        } else {
            long[] ids = new long[pass.size()];
            for (int i = 0; i < ids.length; i++) ids[i] = positions[pass.get(i)];
            at = new NDIndex("{}", manager.create(ids));
        }
        List<NDArray> out = new ArrayList<>();
        for (NDArray p : net.parameters()) out.add(p.get(manager, at));
        return out;
    }
}
