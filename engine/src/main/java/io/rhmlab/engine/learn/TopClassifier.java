package io.rhmlab.engine.learn;

/** How the learner classifies the single tuple left at the top level. */
public enum TopClassifier {
    /**
     * The reference (main_layerwise.py): the two-layer net after its one gradient step on the top tuple,
     * argmax of A·ReLU(W x / v)/H. Its output is ≈ proportional to N(μ, α) − N(μ)·p_α, i.e. to the
     * training counts of the top tuple per class, so it predicts the (nearly) majority label.
     */
    ONE_STEP_NET,
    /**
     * The majority training label of the top tuple (ties to the smaller class); a top tuple never seen in
     * training falls back to the one-step net. The Bayes-optimal rule when the lower levels are exact.
     */
    MAJORITY
}
