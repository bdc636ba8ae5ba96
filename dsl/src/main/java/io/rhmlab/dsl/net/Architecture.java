package io.rhmlab.dsl.net;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.data.Encoding;

/**
 * A network, as an immutable spec: built into DJL blocks by the engine.
 *
 * @param kind          CNN, LCN, FCN, the FCN with the LCN's unit counts, or the transformer
 * @param width         H, channels (CNN, LCN) or units (FCN) per hidden layer; the embedding dimension of a transformer
 * @param depth         hidden layers; 0 means "match the hierarchy" (L) for the tree-matched nets. Called
 *                      "hidden layers" everywhere users write it ({@code hiddenLayers}, {@code --hidden-layers}):
 *                      "depth" is the hierarchy's L. The component keeps its name because it is the JSON field
 *                      of stored specs, and so part of every run key.
 * @param normalization hidden pre-activation scaling
 * @param readout       readout scaling (mean field ÷H or standard ÷√H)
 * @param bias          hidden biases
 * @param input         input encoding: one-hot style and blank value ({@link Encoding}), used by the CPU encoder
 *                      and, through {@link Encoding#on}, {@link Encoding#off} and {@link Encoding#blankValue},
 *                      by the engine's device-side input table
 * @param heads         attention heads of a transformer (they split its width); {@code null} for every other kind,
 *                      and then left out of the JSON, so that the keys of specs written before transformers stay
 */
public record Architecture(Kind kind, int width, int depth, Normalization normalization, Readout readout,
                           Bias bias, Encoding input, @JsonInclude(JsonInclude.Include.NON_NULL) Integer heads) {

    public Architecture(Kind kind, int width, int depth, Normalization normalization, Readout readout, Bias bias, Encoding input) {
        this(kind, width, depth, normalization, readout, bias, input, null);
    }

    public Architecture {
        InvalidSpecException.require(kind != null, "kind", "must be CNN, LCN, FCN, FCN_LCN_UNITS or TRANSFORMER");
        InvalidSpecException.require(width >= 1, "width", "H = " + width + " must be ≥ 1");
        InvalidSpecException.require(depth >= 0, "hiddenLayers", "hidden layers = " + depth + " must be ≥ 0 (0 = as many as L)");
        InvalidSpecException.require(kind != Kind.FCN || depth >= 1, "hiddenLayers", "an FCN needs at least 1 hidden layer");
        InvalidSpecException.require(normalization != null && readout != null && bias != null && input != null,
                "architecture", "normalization, readout, bias and input must be set");
        if (kind == Kind.TRANSFORMER) {
            InvalidSpecException.require(heads != null && heads >= 1, "heads", "a transformer needs ≥ 1 attention head, got " + heads);
            InvalidSpecException.require(width % heads == 0, "heads", "the embedding dimension d = " + width
                    + " must split evenly into " + heads + " heads");
            InvalidSpecException.require(bias == Bias.NONE, "bias", "the transformer (the reference's MLA) has no biases");
            // every scale of the MLA is fixed (÷√fan-in everywhere, ÷√d at the readout): one spelling per network
            InvalidSpecException.require(normalization == Normalization.FAN_IN && readout == Readout.STANDARD, "normalization",
                    "the transformer divides by √fan-in in every layer and by √d at the readout (FAN_IN, STANDARD)");
        } else {
            InvalidSpecException.require(heads == null, "heads", "attention heads are a setting of the transformer, not of a " + kind);
        }
    }

    public static ArchitectureBuilder cnn() { return new ArchitectureBuilder(Kind.CNN); }
    public static ArchitectureBuilder lcn() { return new ArchitectureBuilder(Kind.LCN); }
    public static ArchitectureBuilder fcn() { return new ArchitectureBuilder(Kind.FCN); }
    /** The "FCN with as many units as the LCN" of the references ({@code fcn2}): kind FCN_LCN_UNITS. */
    public static ArchitectureBuilder fcnLcnUnits() { return new ArchitectureBuilder(Kind.FCN_LCN_UNITS); }
    /** @deprecated the same network as {@link #fcnLcnUnits()}, under a second name. */
    @Deprecated
    public static ArchitectureBuilder fcnLikeLcn() { return fcnLcnUnits(); }

    /** The reference's attention-only transformer (MLA): {@code transformer().width(d).heads(H).hiddenLayers(layers)}. */
    public static ArchitectureBuilder transformer() { return new ArchitectureBuilder(Kind.TRANSFORMER); }

    /**
     * The width the learning rate is multiplied by when {@link io.rhmlab.dsl.train.Training#scaleByWidth} (the
     * mean-field scaling of the reference's CNN, LCN and FCN): H, or 1 for the transformer, whose rate the
     * reference never scales.
     */
    public int rateWidth() {
        return kind == Kind.TRANSFORMER ? 1 : width;
    }

    /** Whether receptive fields follow the generative tree (CNN, LCN). */
    public boolean isTreeMatched() {
        return kind == Kind.CNN || kind == Kind.LCN;
    }

    /** Hidden layers once matched to a hierarchy: L for tree-matched nets and FCN_LCN_UNITS unless given. */
    public int hiddenLayers(Hierarchy h) {
        return depth == 0 ? h.depth() : depth;
    }

    /**
     * Hidden layers once matched to a hierarchy and a task: a tree-matched net on a last-token context of s^k
     * positions has k layers unless given, every other default is {@link #hiddenLayers(Hierarchy)}'s.
     */
    public int hiddenLayers(Hierarchy h, Task task) {
        if (depth != 0 || !(task instanceof Task.LastToken) || !isTreeMatched()) return hiddenLayers(h);
        return (int) Math.round(Math.log(task.context(h)) / Math.log(h.patchSize()));
    }

    /**
     * Checks that this network fits the hierarchy, naming the violated constraint:
     * a tree-matched net needs filter^depth = d so that the top unit sees the whole input.
     */
    public void requireCompatible(Hierarchy h) {
        requireCompatible(h, Task.classify());
    }

    /** As {@link #requireCompatible(Hierarchy)} for a task: a last-token context replaces the datum's d positions. */
    public void requireCompatible(Hierarchy h, Task task) {
        if (task instanceof Task.LastToken) {
            InvalidSpecException.require(kind != Kind.FCN_LCN_UNITS, "kind", "the last-token task is offered, as in the "
                    + "reference code, to the CNN, LCN, FCN and transformer; not to " + kind);
            if (isTreeMatched()) {
                int context = task.context(h), f = h.patchSize(), layers = hiddenLayers(h, task);
                InvalidSpecException.require(Math.pow(f, layers) == context, "context", "a " + kind + " of filter s = " + f
                        + " needs a context of s^layers positions so that its top unit sees it all; got context " + context
                        + " and " + layers + " hidden layers");
            }
            return;
        }
        InvalidSpecException.require(kind != Kind.TRANSFORMER, "task", "the transformer reads out the masked last position: "
                + "it is built for the last-token task (--task last-token)");
        if (isTreeMatched() || kind == Kind.FCN_LCN_UNITS) {
            int layers = hiddenLayers(h);
            InvalidSpecException.require(layers == h.depth(), "hiddenLayers",
                    "a " + kind + " must have as many hidden layers as the hierarchy's depth L = " + h.depth()
                            + ", so that filter^layers = d (filter = s(s0+1) = " + h.patchSize() + ", d = "
                            + h.inputLength() + "), got " + layers);
        }
    }

    /** A short label for tables and figures: {@code CNN(H=256)}, {@code FCN(H=64, 2 hidden layers)}. */
    public String label() {
        if (kind == Kind.TRANSFORMER) {
            return "Transformer(d=" + width + ", " + heads + (heads == 1 ? " head" : " heads")
                    + (depth == 0 ? "" : ", " + depth + (depth == 1 ? " layer" : " layers")) + ")";
        }
        return kind + "(H=" + width + (kind == Kind.FCN ? ", " + depth + (depth == 1 ? " hidden layer" : " hidden layers") : "") + ")";
    }
}
