package io.rhmlab.engine.curve;

import io.rhmlab.dsl.Hierarchy;

import java.math.BigInteger;

/**
 * The theory's reference sizes of a task, for guide lines and for P* in units (science.md P1, P2).
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
}
