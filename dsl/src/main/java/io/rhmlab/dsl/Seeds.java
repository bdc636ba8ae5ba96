package io.rhmlab.dsl;

/**
 * The one seed derivation of rhmlab: every random stream starts from
 * {@code new SplittableRandom(Seeds.derive(seed, purpose, index))}, so that the streams of one seed are independent
 * of each other (docs/science.md §5: rules, sampling and initialisation need independent seeds).
 *
 * <p>{@code derive(seed, purpose, index) = mix(mix(seed XOR purpose.constant) + φ·(index + 1))}, where {@code mix}
 * is the SplitMix64 finaliser (Stafford's variant 13, bijective with full avalanche) and φ = 0x9E3779B97F4A7C15 the
 * 64-bit golden ratio. The purpose constants are distinct odd 64-bit values with no shared structure, so equal
 * seed values used for different purposes (a realisation's rule seed, sample seed and model seed are often the same
 * small integer) give unrelated streams, and so do consecutive seeds (realisation k and k+1 of a curve).
 * {@code index} separates sub-streams of one purpose (a datum of a perturbation, a layer, a clustering level);
 * {@code derive(seed, purpose)} is index 0.
 *
 * <p>Before results-semantics version 2 (see the engine's {@code RunKey}) every stream was seeded with the raw seed;
 * before version 3 a curve's realisation i used the base seeds + i − 1 (a sliding window: curves with base seeds s
 * and s + 1 shared all but one grammar) and the synonym and diffeo perturbations of a level shared one stream.
 */
public final class Seeds {

    /** What a stream is drawn for; each has its own constant. */
    public enum Purpose {
        /** the rule tables of a hierarchy, from its rule seed */
        RULES(0xA5F1_52B3_6C8D_E14FL),
        /** the order in which data indices are sampled (test set first, then the training set), from the sample seed */
        SAMPLE_ORDER(0x3C6E_F372_FE94_F82BL),
        /** a network's initial weights, from the model seed */
        INIT(0xBB67_AE85_84CA_A73BL),
        /** the per-epoch shuffles of the training rows, from the model seed */
        BATCH_ORDER(0x510E_527F_ADE6_82D1L),
        /** the re-drawn rule choices of the synonym perturbations P_ℓ, from the sample seed (index: the level ℓ) */
        SYNONYMS(0x9B05_688C_2B3E_6C1FL),
        /** the re-drawn placements of the diffeo perturbations τ_ℓ, from the sample seed (index: the level ℓ) */
        DIFFEOS(0xD807_AA98_A303_0243L),
        /** the Gaussian noise of the noise sensitivity, from the sample seed */
        NOISE(0x1F83_D9AB_FB41_BD6BL),
        /** a learner's own randomness (the one-step readout, the clustering, layerwise stages), from the model seed */
        LEARNER(0x5BE0_CD19_137E_2179L),
        /** the rule seed of a learning curve's realisation i ≥ 2, from the curve's base rule seed (index: i) */
        REALISATION_RULES(0x1283_5B01_4570_6FB5L),
        /** the sample seed of a learning curve's realisation i ≥ 2, from the curve's base sample seed (index: i) */
        REALISATION_SAMPLES(0x2431_85BE_4EE4_B28DL);

        final long constant;

        Purpose(long constant) {
            this.constant = constant;
        }
    }

    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private Seeds() {
    }

    public static long derive(long seed, Purpose purpose) {
        return derive(seed, purpose, 0);
    }

    public static long derive(long seed, Purpose purpose, long index) {
        return mix(mix(seed ^ purpose.constant) + GOLDEN * (index + 1));
    }

    /** SplitMix64's finaliser (Stafford variant 13). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
