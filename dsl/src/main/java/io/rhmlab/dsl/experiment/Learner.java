package io.rhmlab.dsl.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.rhmlab.dsl.InvalidSpecException;

import static io.rhmlab.dsl.InvalidSpecException.require;

/**
 * How a run learns: end-to-end SGD ({@link Sgd}, the default, {@code null} in a {@link RunSpec}), P1's one-step
 * gradient + clustering algorithm ({@link OneStepClustering}, docs/science.md §2.E.5), or P3-style layerwise
 * training ({@link LayerwiseTraining}, §4.C). Part of the run's identity, like the architecture: runs of different
 * learners are stored under different keys.
 *
 * <p>For {@link OneStepClustering} the run's architecture and training are not used (the algorithm has its own
 * two-layer nets, {@link Clustering}); for {@link LayerwiseTraining} the architecture is the network that is built
 * layer by layer and the training is used for every stage, with {@link Layerwise#epochsPerLayer} as the cap.
 *
 * <p>Code that depends on the kind goes through {@link #accept(Visitor)}, so that a new kind fails to compile
 * wherever it is not handled. The JSON of a learner (part of a run key) is its {@link Stored} form, unchanged
 * since the learner was a record of a kind and two nullable settings.
 */
public sealed interface Learner permits Learner.Sgd, Learner.OneStepClustering, Learner.LayerwiseTraining {

    /** The stored tag of each kind (the {@code "kind"} of the JSON, the {@code learner} column of exports). */
    enum Kind { SGD, CLUSTERING, LAYERWISE }

    Kind kind();

    /** The kind's name, with the settings that tell variants apart on a figure: "clustering(local patches)". */
    String label();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of learner. */
    interface Visitor<R> {
        R sgd();

        R oneStepClustering(Clustering settings);

        R layerwiseTraining(Layerwise settings);
    }

    /** End-to-end SGD of the whole network (the default). */
    record Sgd() implements Learner {
        @Override
        public Kind kind() {
            return Kind.SGD;
        }

        @Override
        public String label() {
            return "sgd";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sgd();
        }
    }

    /** P1's one-step gradient + clustering learner (docs/science.md §2.E.5). */
    record OneStepClustering(Clustering settings) implements Learner {
        public OneStepClustering {
            require(settings != null, "learner", "the clustering learner needs its settings");
        }

        @Override
        public Kind kind() {
            return Kind.CLUSTERING;
        }

        @Override
        public String label() {
            return settings.patches() == GradientPatches.FIRST ? "clustering"
                    : "clustering(" + settings.patches().name().toLowerCase() + " patches)";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.oneStepClustering(settings);
        }
    }

    /** P3-style layerwise training (docs/science.md §4.C). */
    record LayerwiseTraining(Layerwise settings) implements Learner {
        public LayerwiseTraining {
            require(settings != null, "learner", "the layerwise learner needs its settings");
        }

        @Override
        public Kind kind() {
            return Kind.LAYERWISE;
        }

        @Override
        public String label() {
            return settings.perPositionReadout() ? "layerwise" : "layerwise(pooled readout)";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.layerwiseTraining(settings);
        }
    }

    static Learner sgd() {
        return new Sgd();
    }

    static Learner oneStepClustering() {
        return oneStepClustering(Clustering.defaults());
    }

    static Learner oneStepClustering(Clustering settings) {
        return new OneStepClustering(settings);
    }

    static Learner layerwiseTraining() {
        return layerwiseTraining(Layerwise.defaults());
    }

    static Learner layerwiseTraining(Layerwise settings) {
        return new LayerwiseTraining(settings);
    }

    /**
     * "sgd", "clustering" (also "onestep"; "clustering:local" or ":shared" to read every patch) or "layerwise", with
     * default settings otherwise.
     */
    static Learner parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase();
        if (n.startsWith("clustering:")) {
            String p = n.substring("clustering:".length());
            GradientPatches patches = java.util.Arrays.stream(GradientPatches.values()).filter(g -> g.name().equalsIgnoreCase(p))
                    .findFirst().orElseThrow(() -> new InvalidSpecException("learner",
                            "unknown patches '" + p + "' in '" + name + "': expected first, shared or local"));
            return oneStepClustering(Clustering.defaults().withPatches(patches));
        }
        return switch (n) {
            case "sgd", "end-to-end", "e2e" -> sgd();
            case "clustering", "onestep", "one-step" -> oneStepClustering();
            case "layerwise" -> layerwiseTraining();
            default -> throw new InvalidSpecException("learner",
                    "unknown learner '" + name + "': expected sgd, layerwise, clustering or clustering:local");
        };
    }

    /** The stored form of this learner: what its JSON (and so a run key) is made of. */
    @JsonValue
    default Stored stored() {
        return accept(new Visitor<>() {
            @Override
            public Stored sgd() {
                return new Stored(Kind.SGD, null, null);
            }

            @Override
            public Stored oneStepClustering(Clustering settings) {
                return new Stored(Kind.CLUSTERING, settings, null);
            }

            @Override
            public Stored layerwiseTraining(Layerwise settings) {
                return new Stored(Kind.LAYERWISE, null, settings);
            }
        });
    }

    /** The learner of a stored form (reads every run stored since learners exist). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Learner of(Stored stored) {
        return stored.learner();
    }

    /**
     * A learner as it is stored: its kind and the settings of that kind (the other left null). Written as
     * {@code {"clustering": ..., "kind": ..., "layerwise": ...}}, the JSON run keys have hashed since learners
     * exist; do not change it (GoldenKeyTest pins it).
     *
     * @param kind       which learner
     * @param clustering settings of the clustering learner (null otherwise)
     * @param layerwise  settings of the layerwise learner (null otherwise)
     */
    record Stored(Kind kind, Clustering clustering, Layerwise layerwise) {
        public Stored {
            require(kind != null, "learner", "must be SGD, CLUSTERING or LAYERWISE");
            require((kind == Kind.CLUSTERING) == (clustering != null), "learner",
                    "the clustering settings go with (and only with) the CLUSTERING learner");
            require((kind == Kind.LAYERWISE) == (layerwise != null), "learner",
                    "the layerwise settings go with (and only with) the LAYERWISE learner");
        }

        public Learner learner() {
            return switch (kind) {
                case SGD -> new Sgd();
                case CLUSTERING -> new OneStepClustering(clustering);
                case LAYERWISE -> new LayerwiseTraining(layerwise);
            };
        }
    }

    /**
     * The one-step gradient + clustering learner's knobs, read as they are by the engine's
     * {@code OneStepClusteringLearner} (with the run's model seed for the readout and k-means).
     *
     * @param width         H of the two-layer net on one patch (reference: a flag; 512 here)
     * @param stepSize      lr / H (reference: 1000)
     * @param clusters      k-means clusters per level, 0 = v (reference)
     * @param restarts      k-means++ restarts (reference: 10)
     * @param maxIterations Lloyd iterations per restart
     * @param majorityTop   classify the single top tuple by its majority training label (ties to the smaller
     *                      class; an unseen top tuple falls back to the net), the Bayes-optimal rule when the lower
     *                      levels are exact, instead of the reference's one-step net, argmax of A·ReLU(W x / v)/H
     *                      after its step, whose output is nearly proportional to the top tuple's training counts
     *                      per class, so that it predicts nearly the majority label
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
