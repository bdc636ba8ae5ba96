package io.rhmlab.engine.observe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.Seeds;
import io.rhmlab.dsl.data.Perturbation;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.grammar.Rules;
import io.rhmlab.engine.net.Activations;
import io.rhmlab.engine.net.EnsembleNet;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synonymic and deformation sensitivities of trained (or fresh) networks, S_{k,ℓ} and D_{k,ℓ} (docs/science.md §2.D,
 * §3.D, §9.4, §9.5):
 * <pre>  S_{k,ℓ} = mean_i ‖f_k(x_i) − f_k(P_ℓ x_i)‖² / mean_{i,j} ‖f_k(x_i) − f_k(x_j)‖²</pre>
 * with f_k the post-ReLU representation of hidden layer k flattened over positions and channels (k = depth + 1:
 * the logits), squared Euclidean norms, and the denominator over all ordered pairs of base points including
 * i = j (the reference's 100×100 pairs). Perturbed copies come from {@link Perturbation}: at level ℓ every
 * choice from generation depth L − ℓ down is re-drawn (a re-draw may return the original choice, as in the
 * reference). All K members of an ensemble are evaluated in one batched forward pass per chunk of base points.
 * The same ratio with Gaussian noise on the encoded input instead of a perturbation of the grammar is
 * {@link #noiseSensitivity}.
 */
public final class Sensitivity {
    /** {@link SensitivityTable#kind()} of the Gaussian-noise sensitivity G_k. */
    public static final String NOISE = "noise";
    /** Base rows per forward pass (times K members). */
    public static final int DEFAULT_CHUNK = 512;

    private Sensitivity() {
    }

    /** S_{k,ℓ} for every member, hidden layer and output, and level ℓ = 1..L. */
    public static SensitivityTable synonymSensitivity(EnsembleNet net, Rules rules, Tokens base, long seed) {
        List<Tokens> perturbed = new ArrayList<>();
        for (int level = 1; level <= rules.hierarchy().depth(); level++)
            perturbed.add(Perturbation.synonyms(rules, base, level, seed));
        return new SensitivityTable("synonyms", ratios(net, base, perturbed, DEFAULT_CHUNK));
    }

    /** D_{k,ℓ} (Sparse RHM): the placements of the informative children re-drawn from level ℓ down. */
    public static SensitivityTable diffeoSensitivity(EnsembleNet net, Rules rules, Tokens base, long seed) {
        List<Tokens> perturbed = new ArrayList<>();
        for (int level = 1; level <= rules.hierarchy().depth(); level++)
            perturbed.add(Perturbation.diffeo(rules, base, level, seed));
        return new SensitivityTable("diffeo", ratios(net, base, perturbed, DEFAULT_CHUNK));
    }

    /**
     * G_k, the sensitivity to isotropic Gaussian noise on the encoded input (docs/science.md §3.D, "gauss" in the
     * reference's {@code stabs.py}): G_k = mean_i ‖f_k(x_i) − f_k(x_i + η_i)‖² / mean_{i,j} ‖f_k(x_i) − f_k(x_j)‖²,
     * x the network's encoding of the base points and η_i i.i.d. N(0, σ²) per entry, σ the typical per-entry RMS
     * difference between two data ({@link #noiseVariance}). Returns [member][k − 1][0]: one "level".
     */
    public static SensitivityTable noiseSensitivity(EnsembleNet net, Tokens base, long seed) {
        return noiseSensitivity(net, base, seed, 1.0);
    }

    /**
     * As {@link #noiseSensitivity(EnsembleNet, Tokens, long)} with the noise's standard deviation multiplied by
     * {@code noiseScale} (1 = the definition; 0 leaves the input unchanged). The noise comes from one
     * {@link Random} seeded with {@code Seeds.derive(seed, NOISE)}, drawn row after row, so it does not depend on the chunking, and
     * every member sees the same noisy inputs.
     */
    public static SensitivityTable noiseSensitivity(EnsembleNet net, Tokens base, long seed, double noiseScale) {
        int n = base.size(), d = base.length(), members = net.members(), v = net.layout().vocabulary();
        InvalidSpecException.require(n >= 2, "base", "need at least 2 base points, got " + n);
        InvalidSpecException.require(d == net.layout().inputLength(), "d",
                "base points have d = " + d + " but the network expects d = " + net.layout().inputLength());
        InvalidSpecException.require(noiseScale >= 0 && Double.isFinite(noiseScale), "noiseScale",
                "noiseScale = " + noiseScale + " must be finite and ≥ 0");
        byte[] baseBytes = base.toByteArray();
        double sigma = noiseScale * Math.sqrt(noiseVariance(net.inputEncoding(), v, baseBytes, n, d));
        Random rng = new Random(Seeds.derive(seed, Seeds.Purpose.NOISE));
        int representations = net.layout().layers().size() + 1;
        RepresentationDistances[] acc = new RepresentationDistances[representations];
        int chunk = DEFAULT_CHUNK;
        float[] eta = new float[Math.min(chunk, n) * d * v];
        for (int from = 0; from < n; from += chunk) {
            int b = Math.min(chunk, n - from);
            for (int i = 0; i < b * d * v; i++) eta[i] = (float) (sigma * rng.nextGaussian());
            try (NDManager sm = net.manager().newSubManager()) {
                NDArray x = net.encode(upload(sm, baseBytes, from, b, d, members));
                // one noise draw per base point, broadcast over the members
                NDArray noise = sm.create(FloatBuffer.wrap(eta, 0, b * d * v), new Shape(1, b, d, v));
                List<float[]> f0 = flatten(net.forwardEncoded(x));
                List<float[]> fl = flatten(net.forwardEncoded(x.add(noise)));
                for (int k = 0; k < representations; k++) {
                    if (acc[k] == null) acc[k] = new RepresentationDistances(members, f0.get(k).length / (members * b));
                    acc[k].add(f0.get(k), fl.get(k), b);
                }
            }
        }
        double[][][] out = new double[members][representations][1];
        for (int k = 0; k < representations; k++) {
            double[] r = acc[k].ratios();
            for (int m = 0; m < members; m++) out[m][k][0] = r[m];
        }
        return new SensitivityTable(NOISE, out);
    }

    /**
     * σ², the per-entry mean squared difference between two encoded data: the mean over all n² ordered pairs
     * (i = j included, as the ratio's denominator) of ‖x_i − x_j‖² / (d·v) = 2·(⟨‖x‖²⟩ − ‖⟨x⟩‖²) / (d·v), with x_i
     * the rows of {@code table} ([(v+1), v], row v = blank) of the tokens of base point i.
     */
    static double noiseVariance(float[] table, int v, byte[] tokens, int n, int d) {
        double[] sum = new double[d * v];
        double squares = 0;
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < d; q++) {
                int row = (tokens[i * d + q] & 0xFF) * v;
                for (int c = 0; c < v; c++) {
                    double x = table[row + c];
                    sum[q * v + c] += x;
                    squares += x * x;
                }
            }
        }
        double meanSq = 0;
        for (double s : sum) meanSq += (s / n) * (s / n);
        return 2 * Math.max(0, squares / n - meanSq) / ((double) d * v);
    }

    /**
     * The ratio for arbitrary paired inputs: {@code perturbed.get(c)} row i is the c-th copy of {@code base} row i.
     * Returns [member][k − 1][c].
     */
    public static double[][][] ratios(EnsembleNet net, Tokens base, List<Tokens> perturbed, int chunk) {
        int n = base.size(), d = base.length(), members = net.members();
        InvalidSpecException.require(n >= 2, "base", "need at least 2 base points, got " + n);
        InvalidSpecException.require(chunk >= 1, "chunk", "chunk = " + chunk + " must be ≥ 1");
        InvalidSpecException.require(d == net.layout().inputLength(), "d",
                "base points have d = " + d + " but the network expects d = " + net.layout().inputLength());
        for (Tokens p : perturbed)
            InvalidSpecException.require(p.size() == n && p.length() == d, "perturbed",
                    "every perturbed set must pair row by row with the " + n + " base points of length " + d);
        byte[] baseBytes = base.toByteArray();
        List<byte[]> copies = perturbed.stream().map(Tokens::toByteArray).toList();
        int representations = net.layout().layers().size() + 1;
        RepresentationDistances[][] acc = new RepresentationDistances[representations][perturbed.size()];
        for (int from = 0; from < n; from += chunk) {
            int b = Math.min(chunk, n - from);
            try (NDManager sm = net.manager().newSubManager()) {
                List<float[]> f0 = flatten(net.forwardAll(upload(sm, baseBytes, from, b, d, members)));
                for (int c = 0; c < copies.size(); c++) {
                    try (NDManager cm = sm.newSubManager()) {
                        List<float[]> fl = flatten(net.forwardAll(upload(cm, copies.get(c), from, b, d, members)));
                        for (int k = 0; k < representations; k++) {
                            if (acc[k][c] == null) acc[k][c] = new RepresentationDistances(members, f0.get(k).length / (members * b));
                            acc[k][c].add(f0.get(k), fl.get(k), b);
                        }
                    }
                }
            }
        }
        double[][][] out = new double[members][representations][perturbed.size()];
        for (int k = 0; k < representations; k++)
            for (int c = 0; c < perturbed.size(); c++) {
                double[] r = acc[k][c].ratios();
                for (int m = 0; m < members; m++) out[m][k][c] = r[m];
            }
        return out;
    }

    /** Rows [from, from + b) as a [K, b, d] uint8 tensor: every member sees the same inputs. */
    private static NDArray upload(NDManager manager, byte[] tokens, int from, int b, int d, int members) {
        byte[] rows = new byte[members * b * d];
        for (int m = 0; m < members; m++) System.arraycopy(tokens, from * d, rows, m * b * d, b * d);
        return manager.create(ByteBuffer.wrap(rows), new Shape(members, b, d), DataType.UINT8);
    }

    /** Every representation, hidden layers then logits, copied to the host as row-major [K, b, F]. */
    private static List<float[]> flatten(Activations act) {
        List<float[]> out = new ArrayList<>();
        for (NDArray h : act.hidden()) out.add(h.toType(DataType.FLOAT32, false).toFloatArray());
        out.add(act.output().toType(DataType.FLOAT32, false).toFloatArray());
        return out;
    }
}
