package io.rhmlab.dsl.experiment;

import io.rhmlab.dsl.Hierarchy;

import java.util.ArrayList;
import java.util.List;

import static io.rhmlab.dsl.InvalidSpecException.require;

/**
 * Observables measured on every trained network of a learning curve (docs/science.md §2.D, §3.D, §9.4, §9.5) and
 * stored with its run (the store's {@code measurements} column, by run key).
 *
 * <p>Not part of a run's identity: measuring does not change training. Measurements are taken right after an
 * ensemble finishes training, from the members' final weights, before they are dropped (weights are not stored).
 * A stored run that lacks a requested measurement is therefore trained again (training is deterministic given
 * the seeds, so the stored result is reproduced) and measured. With {@code everyEpochs} = N > 0 the same
 * observables are also measured on copies of the weights every N epochs during training (epoch 0 included; SGD
 * runs only) and stored with the run as a series ({@value #CHECKPOINTS}); training and the end-of-training tables
 * are unchanged.
 *
 * @param synonyms     S_{k,ℓ}: level-ℓ synonyms re-drawn (stored as {@value #SYNONYMS})
 * @param deformations D_{k,ℓ}: level-ℓ placements re-drawn, Sparse RHM only (stored as {@value #DEFORMATIONS});
 *                     ignored for a dense RHM, which has no placements
 * @param baseSize     N, base inputs (default {@value #DEFAULT_BASE_SIZE}); clipped to the test size (or P)
 * @param base         held-out test points (default) or the run's training points (the old reference)
 * @param noise        G_k: isotropic Gaussian noise on the encoded input, per-entry σ = the typical per-entry RMS
 *                     difference of two data (stored as {@value #NOISE}, one "level")
 * @param everyEpochs  N: also measure every N epochs during training; 0 (default) = only at the end
 */
public record Measures(boolean synonyms, boolean deformations, int baseSize, Base base, boolean noise,
                       int everyEpochs) {

    /** Name of S_{k,ℓ} in the store: a [layer k − 1][level ℓ − 1] table, k = L + 1 the output. */
    public static final String SYNONYMS = "synonymSensitivity";
    /** Name of D_{k,ℓ} in the store. */
    public static final String DEFORMATIONS = "diffeoSensitivity";
    /** Name of G_k, the Gaussian-noise sensitivity: a [layer k − 1][0] table. */
    public static final String NOISE = "noiseSensitivity";
    /**
     * Name of the series measured during training: a list of {@code {"epoch": e, name: table, …}}, one entry per
     * measured epoch (not a table, so readers of tables skip it).
     */
    public static final String CHECKPOINTS = "checkpoints";
    public static final int DEFAULT_BASE_SIZE = 500;

    /** Where the base inputs come from (docs/science.md §5.12). */
    public enum Base { TEST, TRAIN }

    public Measures {
        require(base != null, "base", "must be TEST or TRAIN");
        require(baseSize >= 2, "baseSize", "N = " + baseSize + " base inputs: need at least 2");
        require(everyEpochs >= 0, "everyEpochs", "N = " + everyEpochs + " must be ≥ 0 (0 = only at the end of training)");
    }

    public static Measures none() {
        return new Measures(false, false, DEFAULT_BASE_SIZE, Base.TEST, false, 0);
    }

    /**
     * Parses "synonym,diffeo,noise" (also "S", "D", "G", "synonyms", "deformations", "gauss", "gaussian");
     * "" or "none" is none.
     */
    public static Measures parse(String list) {
        Measures m = none();
        if (list == null || list.isBlank() || list.equalsIgnoreCase("none")) return m;
        for (String part : list.split(",")) {
            String p = part.trim().toLowerCase();
            switch (p) {
                case "synonym", "synonyms", "s", "synonymsensitivity" -> m = m.withSynonyms(true);
                case "diffeo", "diffeos", "deformation", "deformations", "d", "diffeosensitivity" -> m = m.withDeformations(true);
                case "noise", "gauss", "gaussian", "g", "noisesensitivity" -> m = m.withNoise(true);
                default -> require(false, "measure", "unknown observable '" + part.trim() + "': expected synonym, diffeo or noise");
            }
        }
        return m;
    }

    public Measures withSynonyms(boolean on) {
        return new Measures(on, deformations, baseSize, base, noise, everyEpochs);
    }

    public Measures withDeformations(boolean on) {
        return new Measures(synonyms, on, baseSize, base, noise, everyEpochs);
    }

    public Measures withNoise(boolean on) {
        return new Measures(synonyms, deformations, baseSize, base, on, everyEpochs);
    }

    public Measures withBaseSize(int n) {
        return new Measures(synonyms, deformations, n, base, noise, everyEpochs);
    }

    public Measures withBase(Base b) {
        return new Measures(synonyms, deformations, baseSize, b, noise, everyEpochs);
    }

    /** Also measure every {@code n} epochs during training (0 = only at the end). */
    public Measures atEpochs(int n) {
        return new Measures(synonyms, deformations, baseSize, base, noise, n);
    }

    /** Nothing to measure (a period without observables measures nothing either). */
    public boolean isEmpty() {
        return !synonyms && !deformations && !noise;
    }

    /** The store names measured on runs of {@code h} (D only for a Sparse RHM), at the end and at checkpoints. */
    public List<String> namesFor(Hierarchy h) {
        List<String> out = new ArrayList<>();
        if (synonyms) out.add(SYNONYMS);
        if (deformations && h.isSparse()) out.add(DEFORMATIONS);
        if (noise) out.add(NOISE);
        return List.copyOf(out);
    }

    /** Whether observables are measured during training too. */
    public boolean duringTraining() {
        return everyEpochs > 0 && !isEmpty();
    }
}
