package io.rhmlab.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.net.NoGrad;

import java.util.ArrayList;
import java.util.List;

/**
 * Mean cross-entropy and error (argmax ≠ label) of some members on their own rows, batched and without
 * gradients. Members evaluated together are gathered out of the ensemble, so a checkpoint of one member does
 * not pay for the others; rows beyond a member's count are padded and weighted 0.
 */
final class Evaluator {

    /** Per evaluated member: mean loss and error rate (NaN for a member with no rows). */
    record Scores(double[] loss, double[] error) {
    }

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
        int maxRows = 0;
        for (int m : members) maxRows = Math.max(maxRows, rows[m]);
        try (NoGrad off = NoGrad.on(); NDManager em = parent.newSubManager()) {
            List<NDArray> params = subset(net, positions, em);
            int chunk = Math.max(1, rowsPerPass(net.layout(), evalBatch, parent.getDevice()) / count);
            for (int start = 0; start < maxRows; start += chunk) {
                int c = Math.min(chunk, maxRows - start);
                long[] idx = new long[count * c];
                float[] weight = new float[count * c];
                for (int j = 0; j < count; j++) {
                    int m = members[j];
                    for (int i = 0; i < c; i++) {
                        boolean real = start + i < rows[m];
                        idx[j * c + i] = offset[m] + (real ? start + i : 0);
                        weight[j * c + i] = real ? 1f : 0f;
                    }
                }
                try (NDManager sm = em.newSubManager(); NDScope scope = new NDScope()) {
                    NDArray index = sm.create(idx, new Shape(count, c));
                    NDArray w = sm.create(weight, new Shape(count, c));
                    NDArray tokens = data.tokens.get(sm, new NDIndex("{}", index));
                    NDArray labels = data.labels.get(sm, new NDIndex("{}", index));
                    NDArray logits = net.run(params, tokens, false).output();
                    NDArray nll = logits.logSoftmax(2).gather(labels.expandDims(2), 2).squeeze(2).neg();
                    float[] l = nll.mul(w).sum(new int[] {1}).toFloatArray();
                    float[] e = logits.argMax(2).neq(labels).toType(DataType.FLOAT32, false).mul(w).sum(new int[] {1}).toFloatArray();
                    for (int j = 0; j < count; j++) {
                        lossSum[j] += l[j];
                        wrong[j] += e[j];
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

    private static List<NDArray> subset(EnsembleNet net, int[] positions, NDManager manager) {
        boolean all = positions.length == net.members();
        for (int j = 0; all && j < positions.length; j++) all = positions[j] == j;
        if (all) return net.parameters();
        long[] ids = new long[positions.length];
        for (int j = 0; j < ids.length; j++) ids[j] = positions[j];
        NDArray index = manager.create(ids);
        List<NDArray> out = new ArrayList<>();
        for (NDArray p : net.parameters()) out.add(p.get(manager, new NDIndex("{}", index)));
        return out;
    }
}
