package io.rhmlab.dsl.net;

import io.rhmlab.dsl.data.Encoding;

/** Fluent builder of an {@link Architecture}; defaults follow the new reference code (docs/science.md §2.B). */
public final class ArchitectureBuilder {

    // public so that the command line's help shows the values this builder uses
    public static final int DEFAULT_WIDTH = 256;
    public static final int DEFAULT_FCN_HIDDEN_LAYERS = 2;
    public static final int DEFAULT_TRANSFORMER_EMBEDDING = 32;
    public static final int DEFAULT_TRANSFORMER_HEADS = 4;

    private final Kind kind;
    private int width = DEFAULT_WIDTH;
    private int hiddenLayers;
    private Normalization normalization = Normalization.FAN_IN;
    private Readout readout = Readout.MEAN_FIELD;
    private Bias bias = Bias.NONE;
    private Encoding input = Encoding.ONE_HOT;
    private Integer heads;

    ArchitectureBuilder(Kind kind) {
        this.kind = kind;
        if (kind == Kind.FCN) hiddenLayers = DEFAULT_FCN_HIDDEN_LAYERS;
        if (kind == Kind.TRANSFORMER) {
            // the reference's MLA: ÷√fan-in in every product, ÷√d at the readout; the CPU reproduction's size
            width = DEFAULT_TRANSFORMER_EMBEDDING;
            heads = DEFAULT_TRANSFORMER_HEADS;
            readout = Readout.STANDARD;
        }
    }

    /** Attention heads of a transformer (default 4); they split the embedding dimension {@link #width}. */
    public ArchitectureBuilder heads(int h) { this.heads = h; return this; }
    /** The embedding dimension d of a transformer: its {@link #width}. */
    public ArchitectureBuilder embedding(int d) { return width(d); }
    public ArchitectureBuilder width(int h) { this.width = h; return this; }
    /** Hidden layers; 0 (the default of CNN, LCN and FCN_LCN_UNITS) matches the hierarchy's depth L; the FCN's default is 2. */
    public ArchitectureBuilder hiddenLayers(int layers) { this.hiddenLayers = layers; return this; }
    /** @deprecated "depth" is the hierarchy's L; use {@link #hiddenLayers(int)}, which this calls. */
    @Deprecated
    public ArchitectureBuilder depth(int layers) { return hiddenLayers(layers); }
    public ArchitectureBuilder normalization(Normalization n) { this.normalization = n; return this; }
    public ArchitectureBuilder readout(Readout r) { this.readout = r; return this; }
    public ArchitectureBuilder bias(Bias b) { this.bias = b; return this; }
    public ArchitectureBuilder input(Encoding e) { this.input = e; return this; }

    /** The old RHM / SRHM reference parametrisation: ÷√C_in, position-dependent 0.1·b biases, mean-field readout. */
    public ArchitectureBuilder referenceOld() {
        this.normalization = Normalization.CHANNELS;
        this.bias = Bias.POSITIONAL;
        this.readout = Readout.MEAN_FIELD;
        return this;
    }

    public Architecture build() {
        return new Architecture(kind, width, hiddenLayers, normalization, readout, bias, input, heads);
    }
}
