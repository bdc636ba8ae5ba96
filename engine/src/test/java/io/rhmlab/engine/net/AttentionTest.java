package io.rhmlab.engine.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.dsl.net.Architecture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The transformer against its definition (docs/last-token.md §2), written here again in double precision from the
 * formulas with plain loops: token embedding ÷√v plus positions, per layer queries, keys and values ÷√d, per-head
 * softmax of q·k/√d_h over all positions, output map ÷√d with no residual, readout ÷√d from the last (masked)
 * position. It shares no arithmetic with {@link Attention}; only the storage order of the tensors is read from it.
 */
class AttentionTest {

    /** v = 4, T = s^L = 4: small enough to difference every weight. */
    private static final Hierarchy RHM = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(2).branching(2).depth(2)
            .seed(3).sampleSeed(4).build();
    private static final Architecture MLA = Architecture.transformer().embedding(6).heads(2).hiddenLayers(2).build();
    private static final int V = 4, T = 4, D = 6, HEADS = 2, LAYERS = 2, B = 5, K = 2;

    @Test
    void theForwardPassIsTheDefinition() {
        NetLayout layout = NetLayout.of(RHM, Task.lastToken(), MLA);
        assertThat(layout.classes()).isEqualTo(V);
        assertThat(layout.maskedLast()).isTrue();
        assertThat(layout.parameterCount()).as("2vd + T·d + 4·layers·d²").isEqualTo(2L * V * D + (long) T * D + 4L * LAYERS * D * D);
        int[][][] tokens = tokens(K, B, 7);
        try (NDManager m = NDManager.newBaseManager(); EnsembleNet net = EnsembleNet.create(m, layout, new long[] {11, 12})) {
            float[] logits = net.forward(m.create(flatten(tokens), new Shape(K, B, T))).toFloatArray();
            for (int k = 0; k < K; k++) {
                double[][] p = WeightValues.toDouble(net.weights(k).values());
                for (int b = 0; b < B; b++) {
                    double[] expected = forward(p, tokens[k][b]);
                    for (int c = 0; c < V; c++) {
                        assertThat((double) logits[(k * B + b) * V + c]).as("member %d row %d logit %d", k, b, c)
                                .isCloseTo(expected[c], within(1e-5 * (1 + Math.abs(expected[c]))));
                    }
                }
            }
        }
    }

    /** Autograd's gradient of the members' summed mean cross-entropy against central differences of the definition. */
    @Test
    void gradientsMatchFiniteDifferencesOfTheDefinition() {
        NetLayout layout = NetLayout.of(RHM, Task.lastToken(), MLA);
        int[][][] tokens = tokens(K, B, 8);
        int[][] labels = new int[K][B];
        SplittableRandom r = new SplittableRandom(9);
        for (int k = 0; k < K; k++) for (int b = 0; b < B; b++) labels[k][b] = r.nextInt(V);
        try (NDManager m = NDManager.newBaseManager(); EnsembleNet net = EnsembleNet.create(m, layout, new long[] {21, 22})) {
            NDArray in = m.create(flatten(tokens), new Shape(K, B, T));
            NDArray y = m.create(flatten(labels), new Shape(K, B)).toType(ai.djl.ndarray.types.DataType.INT64, false);
            JniUtils.setGradMode(true);
            try {
                NDArray logits = net.run(net.parameters(), in, false).output();
                NDArray loss = logits.logSoftmax(2).gather(y.expandDims(2), 2).squeeze(2).neg().mean(new int[] {1}).sum();
                JniUtils.backward((PtNDArray) loss, (PtNDArray) m.ones(loss.getShape()), false, false);
            } finally {
                JniUtils.setGradMode(false);
            }
            List<NDArray> params = net.parameters();
            for (int k = 0; k < K; k++) {
                double[][] p = WeightValues.toDouble(net.weights(k).values());
                for (int i = 0; i < p.length; i++) {
                    float[] g;
                    try (NDArray slice = params.get(i).getGradient().get(k)) {
                        g = slice.toFloatArray();
                    }
                    double worst = 0, scale = 0;
                    for (int j = 0; j < p[i].length; j++) {
                        double keep = p[i][j], h = 1e-6;
                        p[i][j] = keep + h;
                        double up = loss(p, tokens[k], labels[k]);
                        p[i][j] = keep - h;
                        double down = loss(p, tokens[k], labels[k]);
                        p[i][j] = keep;
                        double fd = (up - down) / (2 * h);
                        worst = Math.max(worst, Math.abs(g[j] - fd));
                        scale = Math.max(scale, Math.abs(fd));
                    }
                    assertThat(scale).as("member %d tensor %d has a gradient", k, i).isGreaterThan(1e-6);
                    assertThat(worst).as("member %d tensor %d: autograd against differences", k, i).isLessThan(1e-3 * scale);
                }
            }
        }
    }

    @Test
    void theTransformerNeedsHeadsThatSplitItsWidthAndTheLastTokenTask() {
        assertThatThrownBy(() -> Architecture.transformer().embedding(6).heads(4).build())
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("heads");
        assertThatThrownBy(() -> NetLayout.of(RHM, MLA))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("last-token");
    }

    // ---- the definition, in double precision ----

    /** Logits of one datum; the last position is the mask v^(−1/2)·1 whatever its token. */
    private static double[] forward(double[][] p, int[] tokens) {
        double[][] h = new double[T][D];
        for (int t = 0; t < T; t++) {
            for (int c = 0; c < D; c++) {
                double e = 0;
                for (int a = 0; a < V; a++) {
                    double x = t == T - 1 ? 1 / Math.sqrt(V) : (tokens[t] == a ? 1 : 0);
                    e += p[0][a * D + c] * x;   // E stored [v, d]
                }
                h[t][c] = e / Math.sqrt(V) + p[1][t * D + c];
            }
        }
        int dh = D / HEADS;
        for (int l = 0; l < LAYERS; l++) {
            double[] wqkv = p[2 + 2 * l], wo = p[3 + 2 * l];
            double[][] q = new double[T][D], key = new double[T][D], u = new double[T][D];
            for (int t = 0; t < T; t++) {
                for (int c = 0; c < D; c++) {
                    double sq = 0, sk = 0, sv = 0;
                    for (int a = 0; a < D; a++) {
                        sq += h[t][a] * wqkv[a * 3 * D + c];
                        sk += h[t][a] * wqkv[a * 3 * D + D + c];
                        sv += h[t][a] * wqkv[a * 3 * D + 2 * D + c];
                    }
                    q[t][c] = sq / Math.sqrt(D);
                    key[t][c] = sk / Math.sqrt(D);
                    u[t][c] = sv / Math.sqrt(D);
                }
            }
            double[][] o = new double[T][D];
            for (int j = 0; j < HEADS; j++) {
                for (int t = 0; t < T; t++) {
                    double[] score = new double[T];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s < T; s++) {
                        double dot = 0;
                        for (int c = j * dh; c < (j + 1) * dh; c++) dot += q[t][c] * key[s][c];
                        score[s] = dot / Math.sqrt(dh);
                        max = Math.max(max, score[s]);
                    }
                    double z = 0;
                    for (int s = 0; s < T; s++) z += Math.exp(score[s] - max);
                    for (int s = 0; s < T; s++) {
                        double a = Math.exp(score[s] - max) / z;
                        for (int c = j * dh; c < (j + 1) * dh; c++) o[t][c] += a * u[s][c];
                    }
                }
            }
            double[][] next = new double[T][D];
            for (int t = 0; t < T; t++) {
                for (int c = 0; c < D; c++) {
                    double sum = 0;
                    for (int a = 0; a < D; a++) sum += o[t][a] * wo[a * D + c];
                    next[t][c] = sum / Math.sqrt(D);
                }
            }
            h = next;
        }
        double[] logits = new double[V];
        double[] readout = p[p.length - 1];
        for (int c = 0; c < V; c++) {
            double sum = 0;
            for (int a = 0; a < D; a++) sum += h[T - 1][a] * readout[a * V + c];
            logits[c] = sum / Math.sqrt(D);
        }
        return logits;
    }

    /** Mean cross-entropy of one member over its rows. */
    private static double loss(double[][] p, int[][] tokens, int[] labels) {
        double total = 0;
        for (int b = 0; b < tokens.length; b++) {
            double[] z = forward(p, tokens[b]);
            double max = Double.NEGATIVE_INFINITY;
            for (double x : z) max = Math.max(max, x);
            double sum = 0;
            for (double x : z) sum += Math.exp(x - max);
            total += -(z[labels[b]] - max - Math.log(sum));
        }
        return total / tokens.length;
    }

    // ---- helpers ----

    /** Random tokens 0..v−1 with the mask (token v) at the last position, as TaskData makes them. */
    private static int[][][] tokens(int k, int b, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][][] out = new int[k][b][T];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < b; j++) {
                for (int t = 0; t < T - 1; t++) out[i][j][t] = r.nextInt(V);
                out[i][j][T - 1] = V;
            }
        }
        return out;
    }

    private static int[] flatten(int[][][] a) {
        return java.util.Arrays.stream(a).flatMap(java.util.Arrays::stream).flatMapToInt(java.util.Arrays::stream).toArray();
    }

    private static int[] flatten(int[][] a) {
        return java.util.Arrays.stream(a).flatMapToInt(java.util.Arrays::stream).toArray();
    }
}
