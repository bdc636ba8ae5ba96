package io.rhmlab.dsl.train;

import io.rhmlab.dsl.InvalidSpecException;

/**
 * How a network is trained: an immutable spec (docs/science.md §2.C, §3.C).
 *
 * @param optimizer     SGD (with momentum) or Adam
 * @param learningRate  base rate; multiplied by H for a mean-field readout when {@code scaleByWidth}
 * @param scaleByWidth  multiply the learning rate by the width H (the references' mean-field convention)
 * @param momentum      SGD momentum (0.9 in the references)
 * @param weightDecay   λ, added to the loss as λ·mean(p²) per parameter tensor (old RHM reference); 0 = none
 * @param schedule      constant or cosine
 * @param batchSize     mini-batch size (clipped to P)
 * @param lossThreshold stop a member once its training loss is at most this
 * @param checkEvery    epochs between checkpoints (loss check, test error, history)
 * @param maxEpochs     epoch cap
 */
public record Training(Optimizer optimizer, double learningRate, boolean scaleByWidth, double momentum,
                       double weightDecay, Schedule schedule, int batchSize, double lossThreshold,
                       int checkEvery, int maxEpochs) {

    public Training {
        InvalidSpecException.require(optimizer != null && schedule != null, "training", "optimizer and schedule must be set");
        InvalidSpecException.require(learningRate > 0 && Double.isFinite(learningRate), "lr", "lr = " + learningRate + " must be > 0");
        InvalidSpecException.require(momentum >= 0 && momentum < 1, "momentum", "momentum = " + momentum + " must be in [0, 1)");
        InvalidSpecException.require(weightDecay >= 0, "weightDecay", "weightDecay = " + weightDecay + " must be ≥ 0");
        InvalidSpecException.require(batchSize >= 1, "batch", "batch = " + batchSize + " must be ≥ 1");
        InvalidSpecException.require(lossThreshold >= 0, "lossThreshold", "lossThreshold = " + lossThreshold + " must be ≥ 0");
        InvalidSpecException.require(checkEvery >= 1, "checkEvery", "checkEvery = " + checkEvery + " must be ≥ 1");
        InvalidSpecException.require(maxEpochs >= 1, "maxEpochs", "maxEpochs = " + maxEpochs + " must be ≥ 1");
    }

    /** SGD with the new reference's defaults: momentum 0.9, lr×H, batch 128, stop at loss 10^-3, 300 epochs. */
    public static TrainingBuilder sgd(double learningRate) {
        return new TrainingBuilder(Optimizer.SGD, learningRate);
    }

    public static TrainingBuilder adam(double learningRate) {
        return new TrainingBuilder(Optimizer.ADAM, learningRate).momentum(0);
    }

    /** This training at another base rate: what members of one ensemble may differ in (a learning-rate grid). */
    public Training withLearningRate(double rate) {
        return new Training(optimizer, rate, scaleByWidth, momentum, weightDecay, schedule, batchSize, lossThreshold,
                checkEvery, maxEpochs);
    }

    /** This training with another epoch cap (a stage of layerwise training). */
    public Training withMaxEpochs(int cap) {
        return new Training(optimizer, learningRate, scaleByWidth, momentum, weightDecay, schedule, batchSize,
                lossThreshold, checkEvery, cap);
    }

    /** The rate actually applied for a network of width H. */
    public double effectiveLearningRate(int width) {
        return scaleByWidth ? learningRate * width : learningRate;
    }
}
