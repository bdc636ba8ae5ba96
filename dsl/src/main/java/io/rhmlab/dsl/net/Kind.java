package io.rhmlab.dsl.net;

/** The network families compared in the papers (docs/science.md §2.B, §3.B). */
public enum Kind {
    /** Hierarchical CNN: filter = stride = s(s0+1), depth L, weights shared across positions. */
    CNN,
    /** Locally connected network: the same tree of receptive fields, one filter per position. */
    LCN,
    /** Fully connected network of a given depth and width (the shallow / structure-blind baseline). */
    FCN,
    /** Fully connected network with as many units per layer as the LCN (H·d/(s(s0+1))^k at layer k). */
    FCN_LCN_UNITS,
    /**
     * Multi-layer multi-head attention of the last-token papers (the reference's MLA): token and learned position
     * embeddings, attention-only layers without residuals or normalisation, readout from the last position.
     * Its width is the embedding dimension, its hidden layers the attention layers (docs/last-token.md §2).
     */
    TRANSFORMER
}
