package io.rhmlab.engine.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.rhmlab.dsl.InvalidSpecException;

import java.util.ArrayList;
import java.util.List;

/**
 * K independent networks of one layout, trained as one batched computation: every parameter tensor carries a
 * leading ensemble axis K, and a tree-matched layer with filter = stride = f is a reshape to patches and a
 * batched matrix product (science.md §2.B; design.md "patch matrix products").
 *
 * <p>Parameters are i.i.d. N(0, 1), drawn on the JVM from each member's seed, so member k starts from the same
 * numbers at any K. Normalisations (÷√fan-in or ÷√C_in, ÷H or ÷√H, 0.1·b) live in the forward pass.
 *
 * <p>Results of a forward pass are attached to the manager of the token array passed in, so a caller that
 * runs each step in a child manager frees everything the step made by closing it.
 */
public final class EnsembleNet implements AutoCloseable {
    private final NetLayout layout;
    private final int members;
    private final NDManager manager;
    private final List<NDArray> parameters;
    private final NDArray inputTable;

    private EnsembleNet(NetLayout layout, int members, NDManager manager, List<NDArray> parameters) {
        this.layout = layout;
        this.members = members;
        this.manager = manager;
        this.parameters = List.copyOf(parameters);
        int v = layout.vocabulary();
        this.inputTable = manager.create(InputTable.rows(layout.architecture().input(), v), new Shape(v + 1, v));
    }

    /** K = seeds.length fresh members; member k is initialised from {@code seeds[k]}. */
    public static EnsembleNet create(NDManager parent, NetLayout layout, long[] seeds) {
        InvalidSpecException.require(seeds.length >= 1, "K", "an ensemble needs at least one member");
        List<MemberWeights> init = new ArrayList<>();
        for (long seed : seeds) {
            GaussianInit g = new GaussianInit(seed);
            List<long[]> shapes = layout.parameterShapes();
            List<float[]> values = new ArrayList<>();
            for (long[] s : shapes) values.add(g.fill(Math.toIntExact(NetLayout.elements(s))));
            init.add(new MemberWeights(shapes, values));
        }
        return fromWeights(parent, layout, init);
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
            NDArray p = manager.create(all, new Shape(full));
            p.setRequiresGradient(true);
            params.add(p);
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

    /** Logits [K, B, n_c] for tokens [K, B, d] (any integer type; blank = v). */
    public NDArray forward(NDArray tokens) {
        return run(parameters, tokens, false).output();
    }

    /** Logits and every hidden representation (post-ReLU), for observables. */
    public Activations forwardAll(NDArray tokens) {
        return run(parameters, tokens, true);
    }

    /**
     * The forward pass with explicit parameters (each [K', …]), so that a subset of members (gathered along
     * axis 0) can be evaluated without recomputing the others.
     */
    public Activations run(List<NDArray> params, NDArray tokens, boolean keepHidden) {
        Shape ts = tokens.getShape();
        InvalidSpecException.require(ts.dimension() == 3 && ts.get(2) == layout.inputLength(), "d",
                "tokens must be [K, B, d = " + layout.inputLength() + "], got " + ts);
        long k = ts.get(0);
        long b = ts.get(1);
        InvalidSpecException.require(k == params.get(0).getShape().get(0), "K",
                "tokens carry " + k + " members but the parameters " + params.get(0).getShape().get(0));
        NDManager sm = tokens.getManager();
        NDArray idx = tokens.getDataType() == DataType.INT64 ? tokens : tokens.toType(DataType.INT64, false);
        NDArray x = inputTable.get(sm, new NDIndex("{}", idx)); // [K, B, d, v]
        List<NDArray> hidden = new ArrayList<>();
        int pi = 0;
        if (!layout.treeMatched()) x = x.reshape(k, b, (long) layout.inputLength() * layout.vocabulary());
        for (int l = 0; l < layout.layers().size(); l++) {
            NetLayout.Layer layer = layout.layers().get(l);
            NDArray w = params.get(pi++);
            NDArray bias = layout.hasBias() ? params.get(pi++) : null;
            NDArray pre = switch (layout.kind()) {
                case CNN -> x.reshape(k, b * layer.outPositions(), (long) layout.filter() * layer.inChannels())
                        .matMul(w)
                        .reshape(k, b, layer.outPositions(), layer.outChannels());
                // one filter per output position: batch the matmul over positions, then back to [K, B, P, H]
                case LCN -> x.reshape(k, b, layer.outPositions(), (long) layout.filter() * layer.inChannels())
                        .transpose(0, 2, 1, 3)
                        .matMul(w)
                        .transpose(0, 2, 1, 3);
                case FCN, FCN_LCN_UNITS -> x.matMul(w);
            };
            pre = pre.mul(layer.scale());
            if (bias != null) {
                if (layout.biasScale() != 1.0) {
                    NDArray scaled = bias.mul(layout.biasScale());
                    scaled.attach(sm);
                    pre = pre.add(scaled);
                } else {
                    pre = pre.add(bias);
                }
            }
            x = Activation.relu(pre);
            if (keepHidden) hidden.add(x);
        }
        NDArray top = x.reshape(k, b, layout.readoutFanIn());
        NDArray logits = top.matMul(params.get(pi)).mul(layout.readoutScale());
        return new Activations(hidden, logits);
    }

    @Override
    public void close() {
        manager.close();
    }
}
