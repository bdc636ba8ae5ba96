package io.rhmlab.engine.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import io.rhmlab.dsl.InvalidSpecException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * K independent networks of one layout, trained as one batched computation: every parameter tensor carries a
 * leading ensemble axis K, and a tree-matched layer with filter = stride = f is a reshape to patches and a
 * batched matrix product (docs/science.md §2.B; docs/architecture.md "patch matrix products").
 *
 * <p>Parameters are i.i.d. N(0, 1), drawn on the JVM from each member's seed, so member k starts from the same
 * numbers at any K. Normalisations (÷√fan-in or ÷√C_in, ÷H or ÷√H, 0.1·b) live in the forward pass.
 *
 * <p>Results of a forward pass are attached to the manager of the token array passed in, so a caller that
 * runs each step in a child manager frees everything the step made by closing it.
 */
public final class EnsembleNet implements AutoCloseable {
    private final NetLayout layout;
    private int members;
    private final NDManager manager;
    private List<NDArray> parameters;
    private final NDArray inputTable;

    private EnsembleNet(NetLayout layout, int members, NDManager manager, List<NDArray> parameters) {
        this.layout = layout;
        this.members = members;
        this.manager = manager;
        this.parameters = List.copyOf(parameters);
        int v = layout.vocabulary();
        this.inputTable = manager.create(InputTable.rows(layout.architecture().input(), v, layout.maskedLast()), new Shape(v + 1, v));
    }

    /** K = seeds.length fresh members; member k is initialised from {@code seeds[k]}. */
    public static EnsembleNet create(NDManager parent, NetLayout layout, long[] seeds) {
        InvalidSpecException.require(seeds.length >= 1, "K", "an ensemble needs at least one member");
        List<MemberWeights> init = new ArrayList<>();
        for (long seed : seeds) init.add(initialWeights(layout, seed));
        return fromWeights(parent, layout, init);
    }

    /** The weights a member of seed {@code seed} starts from: i.i.d. N(0, 1), drawn on the JVM, the same at any K. */
    public static MemberWeights initialWeights(NetLayout layout, long seed) {
        GaussianInit g = new GaussianInit(seed);
        List<long[]> shapes = layout.parameterShapes();
        List<float[]> values = new ArrayList<>();
        for (long[] s : shapes) values.add(g.fill(Math.toIntExact(NetLayout.elements(s))));
        return new MemberWeights(shapes, values);
    }

    /** An ensemble holding the given members' weights (e.g. trained ones, for observables). */
    public static EnsembleNet fromWeights(NDManager parent, NetLayout layout, List<MemberWeights> weights) {
        InvalidSpecException.require(!weights.isEmpty(), "K", "an ensemble needs at least one member");
        List<long[]> shapes = layout.parameterShapes();
        NDManager manager = parent.newSubManager();
        List<NDArray> params = new ArrayList<>();
        int k = weights.size();
        for (int i = 0; i < shapes.size(); i++) {
            int per = Math.toIntExact(NetLayout.elements(shapes.get(i)));
            float[] all = new float[per * k];
            for (int m = 0; m < k; m++) {
                MemberWeights w = weights.get(m);
                InvalidSpecException.require(w.shapes().size() == shapes.size()
                        && java.util.Arrays.equals(w.shapes().get(i), shapes.get(i)), "weights",
                        "member " + m + " was trained with another architecture (tensor " + i + ")");
                System.arraycopy(w.values().get(i), 0, all, m * per, per);
            }
            long[] full = new long[shapes.get(i).length + 1];
            full[0] = k;
            System.arraycopy(shapes.get(i), 0, full, 1, shapes.get(i).length);
            // an array made from a Java buffer borrows the buffer's memory, which dies with that array: the
            // parameter gets memory of its own, so that handles made from it (dropGradients) may outlive it
            try (NDArray borrowed = manager.create(all, new Shape(full))) {
                NDArray p = borrowed.duplicate();
                p.setRequiresGradient(true);
                params.add(p);
            }
        }
        return new EnsembleNet(layout, k, manager, params);
    }

    public NetLayout layout() {
        return layout;
    }

    /** K, the number of members. */
    public int members() {
        return members;
    }

    /**
     * Keeps only the members at {@code positions} (in that order) and frees the others' parameters, so that a
     * trainer whose members stop one by one computes only those still training, without gathering them out of
     * the full tensors at every step. Must run outside gradient recording; trainability (frozen layers) is kept.
     */
    public void retain(int[] positions) {
        InvalidSpecException.require(positions.length >= 1 && positions.length <= members, "positions",
                "need 1.." + members + " members to keep, got " + positions.length);
        try (NoGrad off = NoGrad.on(); NDArray index = manager.create(toLongs(positions))) {
            List<NDArray> kept = new ArrayList<>(parameters.size());
            for (NDArray p : parameters) {
                NDArray q = p.get(new NDIndex("{}", index));
                if (p.hasGradient()) q.setRequiresGradient(true);
                kept.add(q);
                p.close();
            }
            parameters = List.copyOf(kept);
            members = positions.length;
        }
    }

    /**
     * Drops the gradients of every trainable tensor, so that the next backward pass writes them fresh instead of
     * adding to them (PyTorch accumulates into an existing gradient: zeroing it costs a pass over the tensor,
     * adding to it two more). Each trainable tensor gets a new handle on the same memory, a leaf without a
     * gradient; {@link #parameters()} returns the new handles. Must run outside gradient recording, and outside
     * any {@code NDScope} (the new handles belong to the net).
     */
    public void dropGradients() {
        List<NDArray> renewed = new ArrayList<>(parameters.size());
        for (NDArray p : parameters) {
            if (!p.hasGradient()) {
                renewed.add(p);
                continue;
            }
            NDArray leaf = p.stopGradient();
            leaf.attach(manager);
            ai.djl.ndarray.NDScope.unregister(leaf);
            leaf.setRequiresGradient(true);
            p.close();
            renewed.add(leaf);
        }
        parameters = List.copyOf(renewed);
    }

    static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
    }

    /** The trainable tensors, each [K, …per-member shape], in {@link NetLayout#parameterShapes()} order. */
    public List<NDArray> parameters() {
        return parameters;
    }

    /** The device the parameters live on. */
    public NDManager manager() {
        return manager;
    }

    /** Member k's parameters, copied to the host. */
    public MemberWeights weights(int k) {
        List<float[]> values = new ArrayList<>();
        for (NDArray p : parameters) {
            try (NDArray slice = p.get(k)) {
                values.add(slice.toFloatArray());
            }
        }
        return new MemberWeights(layout.parameterShapes(), values);
    }

    /**
     * Logits [K, B, n_c] for tokens [K, B, d] (any integer type; blank = v), for evaluation: without gradients,
     * on whatever thread calls it ({@link NoGrad}).
     */
    public NDArray forward(NDArray tokens) {
        try (NoGrad off = NoGrad.on()) {
            return run(parameters, tokens, false).output();
        }
    }

    /** Logits and every hidden representation (post-ReLU), for observables; without gradients, as {@link #forward}. */
    public Activations forwardAll(NDArray tokens) {
        try (NoGrad off = NoGrad.on()) {
            return run(parameters, tokens, true);
        }
    }

    /**
     * Copies hidden layers 1..{@code layers} (weights and biases) of every member from {@code from.get(k)}, the
     * weights of a net of the same architecture and task whose first {@code layers} hidden layers match this
     * one's (a truncated net's, or a full one's). The readout and deeper layers keep their values.
     */
    public void load(List<MemberWeights> from, int layers) {
        InvalidSpecException.require(from != null && from.size() == members, "weights",
                "need one MemberWeights per member: " + members + " members, " + (from == null ? "none" : from.size()));
        int tensors = layout.tensorsOfLayers(layers);
        try (NoGrad off = NoGrad.on()) {
            for (int i = 0; i < tensors; i++) {
                long[] shape = layout.parameterShapes().get(i);
                int per = Math.toIntExact(NetLayout.elements(shape));
                float[] all = new float[per * members];
                for (int m = 0; m < members; m++) {
                    MemberWeights w = from.get(m);
                    InvalidSpecException.require(w.shapes().size() > i && java.util.Arrays.equals(w.shapes().get(i), shape),
                            "weights", "member " + m + "'s weights do not match hidden layers 1.." + layers + " (tensor " + i + ")");
                    System.arraycopy(w.values().get(i), 0, all, m * per, per);
                }
                NDArray p = parameters.get(i);
                try (NDArray v = manager.create(all, p.getShape())) {
                    p.set(new NDIndex(":"), v); // in place: the tensor keeps its identity (and requiresGrad)
                }
            }
        }
    }

    /**
     * Hidden layers 1..{@code layers} stop requiring gradients: no gradient is computed for them, and the
     * trainer's update skips them, so they stay bit-identical. (DJL's vocabulary: a parameter is trainable iff it
     * requires a gradient.)
     */
    public void freeze(int layers) {
        int tensors = layout.tensorsOfLayers(layers);
        for (int i = 0; i < tensors; i++) parameters.get(i).setRequiresGradient(false);
    }

    /**
     * Logits and every hidden representation (post-ReLU) for <em>encoded</em> inputs x [K, B, d, v] (float; the
     * rows of the input table per token, see {@link #encode}), without gradients. For x = encode(tokens) this is
     * {@link #forwardAll} up to float rounding; unlike tokens, x may be any real array, e.g. an input plus Gaussian
     * noise (the noise sensitivity, docs/science.md §3.D).
     */
    public Activations forwardEncoded(NDArray x) {
        try (NoGrad off = NoGrad.on()) {
            return runEncoded(parameters, x, true);
        }
    }

    /**
     * The network's input encoding of tokens [K, B, d] (blank = v): x [K, B, d, v] float, row t of the input table
     * per token (docs/science.md §2.A, §3.A). Attached to the tokens' manager.
     */
    public NDArray encode(NDArray tokens) {
        NDManager sm = tokens.getManager();
        NDArray idx = tokens.toType(DataType.INT64, false);
        NDArray x = idx.getNDArrayInternal().embedding(idx, inputTable, SparseFormat.DENSE).singletonOrThrow();
        x.attach(sm);
        return x;
    }

    /** The input table [(v+1), v] on the device ({@link #encode}'s rows), for a forward pass run elsewhere. */
    public NDArray encodingTable() {
        return inputTable;
    }

    /** The input table on the host, row-major [(v+1), v]: row t &lt; v encodes symbol t, row v the blank. */
    public float[] inputEncoding() {
        return InputTable.rows(layout.architecture().input(), layout.vocabulary(), layout.maskedLast());
    }

    /**
     * Up to this vocabulary {@link #run} multiplies the encoded input (v floats per token) instead of gathering
     * rows of T·W (H floats per token): the input stays v/H the size, and the backward pass is one small matrix
     * product instead of a scatter-add over every gathered row. Measured on a step of the {@code bench curve}
     * curves: the v = 4 CNN (H = 128, batch 128) 1.2× faster, the v = 10 LCN (batch 40) the same either way.
     */
    static final int ONE_HOT_MAX_VOCABULARY = 8;

    /**
     * The forward pass with explicit parameters (each [K', …]), so that a subset of members (gathered along
     * axis 0) can be evaluated without recomputing the others. Follows the calling thread's grad mode (the
     * trainer calls it inside a {@code GradientCollector}).
     *
     * <p>Layer 1, for v above {@link #ONE_HOT_MAX_VOCABULARY}, is an embedding lookup, not a matrix product on the
     * encoded input (for smaller v it is {@link #runEncoded} on {@link #encode}d tokens): with the input table T
     * [(v+1), v] (blank = row v) and the weight viewed as G groups of v rows (G = f for the CNN, d for the LCN
     * and the dense nets), E = T·W holds per group and token the row it contributes, and the layer's
     * pre-activation is the sum, over the group members of a unit's receptive field, of E rows gathered by token.
     * Same math as (one-hot input)·W, without materialising the input ({@link #runEncoded} does materialise it).
     *
     * <p>The scale factors (÷√fan-in per layer, ÷H at the readout) are positive, so they commute with ReLU: the
     * pass carries unscaled activations x'_l = x_l / S_l (S_l = s_1⋯s_l) and multiplies the logits once by
     * S_L·readoutScale; a bias enters as (c/S_l)·b. Only kept hidden representations are rescaled.
     */
    public Activations run(List<NDArray> params, NDArray tokens, boolean keepHidden) {
        Shape ts = tokens.getShape();
        InvalidSpecException.require(ts.dimension() == 3 && ts.get(2) == layout.inputLength(), "d",
                "tokens must be [K, B, d = " + layout.inputLength() + "], got " + ts);
        // the transformer multiplies the encoded input by its token embedding (v floats per token either way)
        if (layout.vocabulary() <= ONE_HOT_MAX_VOCABULARY || layout.kind() == io.rhmlab.dsl.net.Kind.TRANSFORMER) {
            return runEncoded(params, encode(tokens), keepHidden);
        }
        return runGathered(params, tokens, keepHidden);
    }

    /** {@link #run} by the row gather of T·W for layer 1, whatever v (package-private: tests compare both paths). */
    Activations runGathered(List<NDArray> params, NDArray tokens, boolean keepHidden) {
        Shape ts = tokens.getShape();
        long k = ts.get(0);
        long b = ts.get(1);
        requireMembers(params, k, "tokens");
        NDManager sm = tokens.getManager();
        NetLayout.Layer first = layout.layers().get(0);
        return propagate(params, sm, k, b, keepHidden,
                w -> firstLayer(sm, w, tokens, k, b, layout.vocabulary(), layout.inputLength(), first));
    }

    /**
     * The forward pass on encoded inputs x [K, B, d, v] with explicit parameters: layer 1 is the matrix product
     * of x with the same weight (G groups of v rows, as in {@link #run}) and everything after it is shared with
     * the token path. Follows the calling thread's grad mode.
     */
    public Activations runEncoded(List<NDArray> params, NDArray x, boolean keepHidden) {
        Shape xs = x.getShape();
        int d = layout.inputLength(), v = layout.vocabulary();
        InvalidSpecException.require(xs.dimension() == 4 && xs.get(2) == d && xs.get(3) == v, "d",
                "encoded inputs must be [K, B, d = " + d + ", v = " + v + "], got " + xs);
        long k = xs.get(0);
        long b = xs.get(1);
        requireMembers(params, k, "encoded inputs");
        NDManager sm = x.getManager();
        NDArray in = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        if (layout.kind() == io.rhmlab.dsl.net.Kind.TRANSFORMER) return Attention.forward(layout, params, in, keepHidden);
        // dense nets see the input flattened position-major (v consecutive entries per position), as W's groups
        NDArray input = layout.treeMatched() ? in : in.reshape(k, b, (long) d * v);
        NetLayout.Layer first = layout.layers().get(0);
        return propagate(params, sm, k, b, keepHidden, w -> layerProduct(first, input, w, k, b));
    }

    private void requireMembers(List<NDArray> params, long k, String what) {
        InvalidSpecException.require(k == params.get(0).getShape().get(0), "K",
                what + " carry " + k + " members but the parameters " + params.get(0).getShape().get(0));
    }

    /**
     * Hidden layers and readout, shared by both input paths: {@code firstLayer} maps layer 1's weight to its
     * unscaled pre-activation; every later layer is {@link #layerProduct} of the previous representation.
     */
    private Activations propagate(List<NDArray> params, NDManager sm, long k, long b, boolean keepHidden,
                                  Function<NDArray, NDArray> firstLayer) {
        List<NDArray> hidden = new ArrayList<>();
        int pi = 0;
        double scale = 1.0;
        NDArray x = null;
        for (int l = 0; l < layout.layers().size(); l++) {
            NetLayout.Layer layer = layout.layers().get(l);
            NDArray w = params.get(pi++);
            NDArray bias = layout.hasBias() ? params.get(pi++) : null;
            scale *= layer.scale();
            NDArray pre = l == 0 ? firstLayer.apply(w) : layerProduct(layer, x, w, k, b);
            if (bias != null) {
                NDArray scaled = Constants.times(bias, layout.biasScale() / scale, sm);
                scaled.attach(sm);
                pre = pre.add(scaled);
            }
            x = Activation.relu(pre);
            if (keepHidden) hidden.add(Constants.times(x, scale, sm));
        }
        // a truncated tree-matched net reads out the average over its remaining positions, or each of them
        // (NetLayout#truncated)
        NDArray features = layout.pooledReadout()
                ? x.mean(new int[] {2})
                : x.reshape(k, b, layout.readoutFanIn());
        NDArray logits = Constants.times(features.matMul(params.get(pi)), scale * layout.readoutScale(), sm);
        return new Activations(hidden, logits);
    }

    /**
     * Unscaled pre-activation of {@code layer} from the representation below it, x [K, B, positions, channels]
     * (tree-matched) or [K, B, units] (dense). The result belongs to x's manager (x comes first in every op).
     */
    private NDArray layerProduct(NetLayout.Layer layer, NDArray x, NDArray w, long k, long b) {
        return switch (layout.kind()) {
            case CNN -> x.reshape(k, b * layer.outPositions(), (long) layout.filter() * layer.inChannels())
                    .matMul(w)
                    .reshape(k, b, layer.outPositions(), layer.outChannels());
            // one filter per output position: batch the matmul over positions, then back to [K, B, P, H]
            case LCN -> x.reshape(k, b, layer.outPositions(), (long) layout.filter() * layer.inChannels())
                    .transpose(0, 2, 1, 3)
                    .matMul(w)
                    .transpose(0, 2, 1, 3);
            case FCN, FCN_LCN_UNITS -> x.matMul(w);
            case TRANSFORMER -> throw new IllegalStateException("the transformer's layers are Attention's");
        };
    }

    /** Pre-activation of hidden layer 1, unscaled: [K, B, P1, H] (tree-matched) or [K, B, units]. */
    private NDArray firstLayer(NDManager sm, NDArray w, NDArray tokens, long k, long b, int v, int d, NetLayout.Layer layer) {
        int f = layout.filter();
        boolean cnn = layout.kind() == io.rhmlab.dsl.net.Kind.CNN;
        int groups = cnn ? f : d;
        long out = layer.outChannels();
        // E = T · W per group: [K, G, v, H'] -> [K, G, v+1, H'] -> rows [K·G·(v+1), H']
        // (results of ops on the net's own arrays belong to the net's manager: moved to the step's)
        NDArray wg = w.reshape(k, groups, v, out);
        wg.attach(sm);
        NDArray te = inputTable.matMul(wg);
        te.attach(sm);
        NDArray e = te.reshape(k * groups * (v + 1), out);
        // row of token t at input position q of member j: (j·G + g(q))·(v+1) + t, g(q) = q mod f (CNN) or q
        long[] offsets = new long[Math.toIntExact(k * d)];
        for (int j = 0; j < k; j++) {
            for (int q = 0; q < d; q++) offsets[j * d + q] = ((long) j * groups + (cnn ? q % f : q)) * (v + 1);
        }
        NDArray rows = tokens.toType(DataType.INT64, false).add(sm.create(offsets, new Shape(k, 1, d)));
        NDArray gathered = rows.getNDArrayInternal().embedding(rows, e, SparseFormat.DENSE).singletonOrThrow(); // [K, B, d, H']
        gathered.attach(sm);
        if (layout.treeMatched()) {
            return gathered.reshape(k, b, layer.outPositions(), f, out).sum(new int[] {3});
        }
        return gathered.sum(new int[] {2});
    }

    @Override
    public void close() {
        manager.close();
    }
}
