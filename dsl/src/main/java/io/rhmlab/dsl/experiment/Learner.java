package io.rhmlab.dsl.experiment;

import static io.rhmlab.dsl.InvalidSpecException.require;

/**
 * How a run learns: end-to-end SGD (the default, {@code null} in a {@link RunSpec}), P1's one-step gradient +
 * clustering algorithm (docs/science.md §2.E.5), or P3-style layerwise training (§4.C). Part of the run's identity,
 * like the architecture: runs of different learners are stored under different keys.
 *
 * <p>For {@link Kind#CLUSTERING} the run's architecture and training are not used (the algorithm has its own
 * two-layer nets, {@link Clustering}); for {@link Kind#LAYERWISE} the architecture is the network that is built
 * layer by layer and the training is used for every stage, with {@link Layerwise#epochsPerLayer} as the cap.
 *
 * @param kind       which learner
 * @param clustering settings of the clustering learner (null otherwise)
 * @param layerwise  settings of the layerwise learner (null otherwise)
 */
public record Learner(Kind kind, Clustering clustering, Layerwise layerwise) {

    public enum Kind { SGD, CLUSTERING, LAYERWISE }

    public Learner {
        require(kind != null, "learner", "must be SGD, CLUSTERING or LAYERWISE");
        require((kind == Kind.CLUSTERING) == (clustering != null), "learner",
                "the clustering settings go with (and only with) the CLUSTERING learner");
        require((kind == Kind.LAYERWISE) == (layerwise != null), "learner",
                "the layerwise settings go with (and only with) the LAYERWISE learner");
    }

    public static Learner sgd() {
        return new Learner(Kind.SGD, null, null);
    }

    public static Learner oneStepClustering() {
        return oneStepClustering(Clustering.defaults());
    }

    public static Learner oneStepClustering(Clustering settings) {
        return new Learner(Kind.CLUSTERING, settings, null);
    }

    public static Learner layerwiseTraining() {
        return layerwiseTraining(Layerwise.defaults());
    }

    public static Learner layerwiseTraining(Layerwise settings) {
        return new Learner(Kind.LAYERWISE, null, settings);
    }

    /**
     * "sgd", "clustering" (also "onestep"; "clustering:local" or ":shared" to read every patch) or "layerwise", with
     * default settings otherwise.
     */
    public static Learner parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase();
        if (n.startsWith("clustering:")) {
            String p = n.substring("clustering:".length());
            GradientPatches patches = java.util.Arrays.stream(GradientPatches.values()).filter(g -> g.name().equalsIgnoreCase(p))
                    .findFirst().orElseThrow(() -> new io.rhmlab.dsl.InvalidSpecException("learner",
                            "unknown patches '" + p + "' in '" + name + "': expected first, shared or local"));
            return oneStepClustering(Clustering.defaults().withPatches(patches));
        }
        return switch (n) {
            case "sgd", "end-to-end", "e2e" -> sgd();
            case "clustering", "onestep", "one-step" -> oneStepClustering();
            case "layerwise" -> layerwiseTraining();
            default -> throw new io.rhmlab.dsl.InvalidSpecException("learner",
                    "unknown learner '" + name + "': expected sgd, layerwise, clustering or clustering:local");
        };
    }

    public String label() {
        if (kind == Kind.CLUSTERING && clustering.patches() != GradientPatches.FIRST)
            return "clustering(" + clustering.patches().name().toLowerCase() + " patches)";
        if (kind == Kind.LAYERWISE && !layerwise.perPositionReadout()) return "layerwise(pooled readout)";
        return kind.name().toLowerCase();
    }

    /**
     * The one-step gradient + clustering learner's knobs (engine: {@code OneStepSettings}).
     *
     * @param width         H of the two-layer net on one patch (reference: a flag; 512 here)
     * @param stepSize      lr / H (reference: 1000)
     * @param clusters      k-means clusters per level, 0 = v (reference)
     * @param restarts      k-means++ restarts (reference: 10)
     * @param maxIterations Lloyd iterations per restart
     * @param majorityTop   classify the top tuple by its majority training label instead of the one-step net
     * @param patches       which patches feed the gradient step: the first (reference), all weight-shared, or all
     *                      with weights of their own
     */
    public record Clustering(int width, double stepSize, int clusters, int restarts, int maxIterations,
                             boolean majorityTop, GradientPatches patches) {
        public Clustering {
            require(width >= 1, "width", "H = " + width + " must be ≥ 1");
            require(stepSize > 0 && Double.isFinite(stepSize), "stepSize", "lr/H = " + stepSize + " must be > 0");
            require(clusters >= 0, "clusters", "clusters = " + clusters + " must be ≥ 0 (0 = v)");
            require(restarts >= 1, "restarts", "restarts = " + restarts + " must be ≥ 1");
            require(maxIterations >= 1, "maxIterations", "maxIterations = " + maxIterations + " must be ≥ 1");
            require(patches != null, "patches", "must be FIRST, SHARED or LOCAL");
        }

        public static Clustering defaults() {
            return new Clustering(512, 1000, 0, 10, 300, false, GradientPatches.FIRST);
        }

        public Clustering withMajorityTop(boolean on) {
            return new Clustering(width, stepSize, clusters, restarts, maxIterations, on, patches);
        }

        public Clustering withPatches(GradientPatches p) {
            return new Clustering(width, stepSize, clusters, restarts, maxIterations, majorityTop, p);
        }

        public Clustering withWidth(int h) {
            return new Clustering(h, stepSize, clusters, restarts, maxIterations, majorityTop, patches);
        }
    }

    /**
     * The layerwise learner's knobs (docs/science.md §4.C; P3's own values could not be read).
     *
     * @param epochsPerLayer epoch cap of each stage (0 = the training's maxEpochs); each stage also stops at the
     *                       training's loss threshold
     * @param freshSamples   split the training set into L disjoint parts, one per stage, instead of reusing all
     *                       P samples at every stage
     * @param perPositionReadout the temporary readout of stage ℓ reads each remaining position with weights of its
     *                       own (flattened; the default) instead of their average: each position's embedding is
     *                       then asked for P(y | its own patch), not for one compromise over positions whose label
     *                       correlations differ. Measured on RHM v = n_c = m = 4, L = 3, CNN H = 64, 2 seeds: median
     *                       test error 0.052 at P = 4·n_c·m^L per position against 0.224 pooled
     */
    public record Layerwise(int epochsPerLayer, boolean freshSamples, boolean perPositionReadout) {
        public Layerwise {
            require(epochsPerLayer >= 0, "epochsPerLayer", "epochs per layer = " + epochsPerLayer + " must be ≥ 0 (0 = maxEpochs)");
        }

        /** Per-position temporary readouts (the default). */
        public Layerwise(int epochsPerLayer, boolean freshSamples) {
            this(epochsPerLayer, freshSamples, true);
        }

        public static Layerwise defaults() {
            return new Layerwise(0, false, true);
        }

        public Layerwise withPerPositionReadout(boolean on) {
            return new Layerwise(epochsPerLayer, freshSamples, on);
        }
    }
}
