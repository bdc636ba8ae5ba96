package io.rhmlab.engine.curve;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.net.Architecture;

import java.math.BigInteger;

/**
 * The theory's reference sizes of a task, for guide lines and for P* in units (docs/science.md P1, P2).
 *
 * @param sampleComplexity n_c·m^L, a deep CNN's P* on the dense RHM
 * @param maxSamples       P_max, the number of distinct data
 * @param lcn              (s0+1)^L·n_c·m^L, a locally connected network on the Sparse RHM
 * @param cnn              (s0+1)^2·n_c·m^L, a weight-sharing CNN on the Sparse RHM (empirical)
 */
public record Scales(BigInteger sampleComplexity, BigInteger maxSamples, BigInteger lcn, BigInteger cnn) {

    public static Scales of(Hierarchy h) {
        return new Scales(h.sampleComplexityScale(), h.maxSamples(), h.lcnScale(), h.cnnScale());
    }

    /**
     * The theory's P* scale of {@code architecture} on {@code h}: n_c·m^L on the dense RHM; on a Sparse RHM
     * (s0+1)²·n_c·m^L for a weight-sharing CNN and (s0+1)^L·n_c·m^L otherwise (LCN; an FCN needs at least as
     * much). Where {@link SampleComplexitySearch} starts (docs/science.md P1, P2).
     */
    public static BigInteger theoryScale(Hierarchy h, Architecture architecture) {
        if (!h.isSparse()) return h.sampleComplexityScale();
        return weightSharing(architecture) ? h.cnnScale() : h.lcnScale();
    }

    /** The name of {@link #theoryScale}: "n_c·m^L", "(s0+1)²·n_c·m^L" or "(s0+1)^L·n_c·m^L", as figures and the CLI write it. */
    public static String theoryScaleName(Hierarchy h, Architecture architecture) {
        if (!h.isSparse()) return RHM_NAME;
        return weightSharing(architecture) ? CNN_NAME : LCN_NAME;
    }

    /** The names of the scales, one spelling everywhere. */
    public static final String RHM_NAME = "n_c·m^L", LCN_NAME = "(s0+1)^L·n_c·m^L", CNN_NAME = "(s0+1)²·n_c·m^L";

    private static boolean weightSharing(Architecture architecture) {
        return architecture != null && architecture.kind() == io.rhmlab.dsl.net.Kind.CNN;
    }
}
