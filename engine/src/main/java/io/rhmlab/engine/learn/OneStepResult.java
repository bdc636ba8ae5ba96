package io.rhmlab.engine.learn;

/**
 * What the one-step + clustering learner achieved on one data set.
 *
 * @param trainSize  P
 * @param trainError fraction of misclassified training points
 * @param testError  fraction of misclassified test points
 * @param clustering first-level clusters against the true parents
 * @param seconds    wall time of fitting and evaluating
 */
public record OneStepResult(int trainSize, double trainError, double testError, ClusteringScore clustering, double seconds) {
}
