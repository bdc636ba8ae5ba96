package io.rhmlab.dsl.net;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.data.Encoding;

/**
 * A network, as an immutable spec: built into DJL blocks by the engine.
 *
 * @param kind          CNN, LCN, FCN or the FCN with the LCN's unit counts
 * @param width         H, channels (CNN, LCN) or units (FCN) per hidden layer
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
 */
public record Architecture(Kind kind, int width, int depth, Normalization normalization, Readout readout,
                           Bias bias, Encoding input) {

    public Architecture {
        InvalidSpecException.require(kind != null, "kind", "must be CNN, LCN, FCN or FCN_LCN_UNITS");
        InvalidSpecException.require(width >= 1, "width", "H = " + width + " must be ≥ 1");
        InvalidSpecException.require(depth >= 0, "hiddenLayers", "hidden layers = " + depth + " must be ≥ 0 (0 = as many as L)");
        InvalidSpecException.require(kind != Kind.FCN || depth >= 1, "hiddenLayers", "an FCN needs at least 1 hidden layer");
        InvalidSpecException.require(normalization != null && readout != null && bias != null && input != null,
                "architecture", "normalization, readout, bias and input must be set");
    }

    public static ArchitectureBuilder cnn() { return new ArchitectureBuilder(Kind.CNN); }
    public static ArchitectureBuilder lcn() { return new ArchitectureBuilder(Kind.LCN); }
    public static ArchitectureBuilder fcn() { return new ArchitectureBuilder(Kind.FCN); }
    /** The "FCN with as many units as the LCN" of the references ({@code fcn2}): kind FCN_LCN_UNITS. */
    public static ArchitectureBuilder fcnLcnUnits() { return new ArchitectureBuilder(Kind.FCN_LCN_UNITS); }
    /** @deprecated the same network as {@link #fcnLcnUnits()}, under a second name. */
    @Deprecated
    public static ArchitectureBuilder fcnLikeLcn() { return fcnLcnUnits(); }

    /** Whether receptive fields follow the generative tree (CNN, LCN). */
    public boolean isTreeMatched() {
        return kind == Kind.CNN || kind == Kind.LCN;
    }

    /** Hidden layers once matched to a hierarchy: L for tree-matched nets and FCN_LCN_UNITS unless given. */
    public int hiddenLayers(Hierarchy h) {
        return depth == 0 ? h.depth() : depth;
    }

    /**
     * Checks that this network fits the hierarchy, naming the violated constraint:
     * a tree-matched net needs filter^depth = d so that the top unit sees the whole input.
     */
    public void requireCompatible(Hierarchy h) {
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
        return kind + "(H=" + width + (kind == Kind.FCN ? ", " + depth + (depth == 1 ? " hidden layer" : " hidden layers") : "") + ")";
    }
}
