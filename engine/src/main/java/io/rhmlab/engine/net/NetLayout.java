package io.rhmlab.engine.net;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.net.Bias;
import io.rhmlab.dsl.net.Kind;
import io.rhmlab.dsl.net.Normalization;
import io.rhmlab.dsl.net.Readout;

import java.util.ArrayList;
import java.util.List;

/**
 * The dimensions of one network matched to a task (docs/science.md §2.B, §3.B): per hidden layer the positions and
 * channels in and out and the pre-activation scale, and the per-member shapes of its parameter tensors, in the
 * order they are initialised and stored (layer 1 weight, layer 1 bias, …, readout).
 *
 * <p>Tree-matched nets (CNN, LCN) keep activations channels-last [K, B, positions, channels]; a layer with
 * filter = stride = f maps positions P → P/f. Fully connected nets flatten the input position-major (v
 * consecutive entries per position, as the new reference does) and keep [K, B, units]; their layers are
 * recorded with one position whose "channels" are the units.
 */
public record NetLayout(Architecture architecture, int vocabulary, int classes, int inputLength, int filter,
                        List<Layer> layers, boolean perPositionReadout, boolean maskedLast) {

    /**
     * One hidden layer.
     *
     * @param inPositions  positions entering (1 for fully connected layers)
     * @param outPositions positions leaving (1 for fully connected layers)
     * @param inChannels   channels per entering position (units for fully connected layers)
     * @param outChannels  channels per leaving position (units for fully connected layers)
     * @param scale        the factor on the pre-activation: 1/√fan-in or 1/√C_in
     */
    public record Layer(int inPositions, int outPositions, int inChannels, int outChannels, double scale) {
    }

    public NetLayout {
        layers = List.copyOf(layers);
    }

    /** The layout of {@code architecture} on {@code hierarchy}'s classification task, or a clear error when they do not fit. */
    public static NetLayout of(Hierarchy hierarchy, Architecture architecture) {
        return of(hierarchy, Task.classify(), architecture);
    }

    /**
     * The layout of {@code architecture} on {@code task} over {@code hierarchy}, or a clear error when they do not fit.
     * The last-token task (docs/last-token.md §1) gives v outputs and inputs of the context's length, whose last
     * position is the mask (input-table row v, {@link #maskedLast}); the FCN drops that position instead, as the
     * reference does, and sees one position fewer.
     */
    public static NetLayout of(Hierarchy hierarchy, Task task, Architecture architecture) {
        architecture.requireCompatible(hierarchy, task);
        boolean lastToken = task instanceof Task.LastToken;
        boolean dropsMask = lastToken && architecture.kind() == Kind.FCN;
        int v = hierarchy.vocabulary();
        int d = task.context(hierarchy) - (dropsMask ? 1 : 0);
        int f = hierarchy.patchSize();
        int classes = task.outputs(hierarchy);
        boolean masked = lastToken && !dropsMask;
        int h = architecture.width();
        boolean fanIn = architecture.normalization() == Normalization.FAN_IN;
        List<Layer> layers = new ArrayList<>();
        switch (architecture.kind()) {
            case CNN, LCN -> {
                int depth = architecture.hiddenLayers(hierarchy, task);
                InvalidSpecException.require(Math.pow(f, depth) == d, "hiddenLayers",
                        "filter^layers = " + f + "^" + depth + " ≠ d = " + d + ": the top unit must see the whole input");
                int positions = d;
                int channels = v;
                for (int k = 0; k < depth; k++) {
                    layers.add(new Layer(positions, positions / f, channels, h,
                            1.0 / Math.sqrt(fanIn ? (double) f * channels : channels)));
                    positions /= f;
                    channels = h;
                }
            }
            case FCN -> {
                int units = v * d;
                for (int k = 0; k < architecture.depth(); k++) {
                    // ÷√C_in for a dense layer: C_in = v on the input (d positions of v channels), the width after.
                    double cIn = k == 0 ? v : units;
                    layers.add(new Layer(1, 1, units, h, 1.0 / Math.sqrt(fanIn ? units : cIn)));
                    units = h;
                }
            }
            case FCN_LCN_UNITS -> {
                int depth = architecture.hiddenLayers(hierarchy);
                int positions = d;
                int channels = v;
                for (int k = 0; k < depth; k++) {
                    int in = positions * channels;
                    int out = h * (positions / f);
                    // The reference fcn2 divides by √C_in of the LCN it mimics, not by √(units in).
                    layers.add(new Layer(1, 1, in, out, 1.0 / Math.sqrt(fanIn ? in : channels)));
                    positions /= f;
                    channels = h;
                }
            }
            case TRANSFORMER -> {
                // attention layers keep every position and the embedding dimension; ÷√d on each product
                for (int k = 0; k < architecture.hiddenLayers(hierarchy); k++) layers.add(new Layer(d, d, h, h, 1.0 / Math.sqrt(h)));
            }
        }
        return new NetLayout(architecture, v, classes, d, f, layers, false, masked);
    }

    public Kind kind() {
        return architecture.kind();
    }

    public boolean treeMatched() {
        return architecture.isTreeMatched();
    }

    /**
     * Units that feed the readout: the top layer's channels (H, or the units of a dense net). The top layer of a
     * full tree-matched net has one position; a {@link #truncated} one averages its remaining positions.
     */
    public int readoutFanIn() {
        Layer top = layers.get(layers.size() - 1);
        return perPositionReadout && treeMatched() ? top.outPositions() * top.outChannels() : top.outChannels();
    }

    /** Whether the readout averages the top layer's positions (a truncated tree-matched net's default). */
    public boolean pooledReadout() {
        return treeMatched() && !perPositionReadout && layers.get(layers.size() - 1).outPositions() > 1;
    }

    /**
     * This net cut after hidden layer {@code depth} (1 ≤ depth ≤ layers), with a temporary linear readout from
     * layer {@code depth}'s representation, for layerwise training (docs/science.md §4.C). For tree-matched nets the
     * readout sees the representation <em>global-average-pooled</em> over the d/f^depth remaining positions:
     * the readout is then H → n_c with the same scaling (÷H mean field, ÷√H standard) and the same tensor shape
     * at every depth, weight sharing makes every patch contribute alike (as in the reconstruction: each patch's
     * embedding should carry P(y | patch)), and at depth = L (one position) the truncated net is exactly the
     * full one. Flattening instead would give each position its own readout, with a fan-in (and an init scale)
     * that changes with depth. Dense nets have no positions: their readout reads the layer's units.
     * Parameter tensors are those of layers 1..depth (same shapes and init order as in the full net), then the
     * readout.
     */
    public NetLayout truncated(int depth) {
        return truncated(depth, false);
    }

    /**
     * As {@link #truncated(int)}; with {@code perPositionReadout} the readout reads the remaining positions
     * flattened, each with weights of its own (fan-in positions·H, scaled accordingly).
     */
    public NetLayout truncated(int depth, boolean perPositionReadout) {
        InvalidSpecException.require(depth >= 1 && depth <= layers.size(), "layer",
                "can cut after hidden layer 1.." + layers.size() + ", not " + depth);
        InvalidSpecException.require(kind() != Kind.TRANSFORMER, "learner", "the transformer is trained end to end, not cut into layers");
        return new NetLayout(architecture, vocabulary, classes, inputLength, filter, layers.subList(0, depth), perPositionReadout, maskedLast);
    }

    /** Parameter tensors (weights and biases) of hidden layers 1..{@code count}: the leading ones in storage order. */
    public int tensorsOfLayers(int count) {
        InvalidSpecException.require(count >= 0 && count <= layers.size(), "layer",
                "the net has hidden layers 1.." + layers.size() + ", not " + count);
        if (kind() == Kind.TRANSFORMER) return count == 0 ? 0 : 2 + 2 * count;   // the embeddings belong to layer 1
        return count * (hasBias() ? 2 : 1);
    }

    /** ÷H for a mean-field readout, ÷√H for the standard one. */
    public double readoutScale() {
        int h = readoutFanIn();
        return architecture.readout() == Readout.MEAN_FIELD ? 1.0 / h : 1.0 / Math.sqrt(h);
    }

    /** Whether hidden layers carry biases; positional biases enter as 0.1·b (the references). */
    public boolean hasBias() {
        return architecture.bias() != Bias.NONE;
    }

    public double biasScale() {
        return architecture.bias() == Bias.POSITIONAL ? 0.1 : 1.0;
    }

    /** Per-member shape of the weight of hidden layer {@code k}. */
    public long[] weightShape(int k) {
        Layer l = layers.get(k);
        return switch (kind()) {
            case TRANSFORMER -> throw new IllegalStateException("a transformer's tensors are listed by parameterShapes()");
            case CNN -> new long[] {(long) filter * l.inChannels(), l.outChannels()};
            case LCN -> new long[] {l.outPositions(), (long) filter * l.inChannels(), l.outChannels()};
            case FCN, FCN_LCN_UNITS -> new long[] {l.inChannels(), l.outChannels()};
        };
    }

    /** Per-member shape of the bias of hidden layer {@code k}, broadcast against one member's [B, positions, H]. */
    public long[] biasShape(int k) {
        Layer l = layers.get(k);
        if (!treeMatched()) return new long[] {1, l.outChannels()};
        int positions = architecture.bias() == Bias.POSITIONAL ? l.outPositions() : 1;
        return new long[] {1, positions, l.outChannels()};
    }

    public long[] readoutShape() {
        return new long[] {readoutFanIn(), classes};
    }

    /** Per-member parameter shapes in storage order: (weight, bias?) per layer, then the readout. */
    public List<long[]> parameterShapes() {
        List<long[]> shapes = new ArrayList<>();
        if (kind() == Kind.TRANSFORMER) {
            int dim = architecture.width();
            // token embedding (stored transposed, v × d: the one-hot input multiplies it from the left), positions,
            // per layer the query, key and value maps side by side (one product instead of three) and the output map
            shapes.add(new long[] {vocabulary, dim});
            shapes.add(new long[] {inputLength, dim});
            for (int k = 0; k < layers.size(); k++) {
                shapes.add(new long[] {dim, 3L * dim});
                shapes.add(new long[] {dim, dim});
            }
            shapes.add(readoutShape());
            return shapes;
        }
        for (int k = 0; k < layers.size(); k++) {
            shapes.add(weightShape(k));
            if (hasBias()) shapes.add(biasShape(k));
        }
        shapes.add(readoutShape());
        return shapes;
    }

    /** Trainable numbers per member. */
    public long parameterCount() {
        long total = 0;
        for (long[] s : parameterShapes()) total += elements(s);
        return total;
    }

    static long elements(long[] shape) {
        long n = 1;
        for (long x : shape) n *= x;
        return n;
    }
}
