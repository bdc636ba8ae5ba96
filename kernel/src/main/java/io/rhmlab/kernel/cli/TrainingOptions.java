package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.train.Optimizer;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.dsl.train.TrainingBuilder;
import picocli.CommandLine.Option;

/** The optimiser and stopping flags; unset flags keep {@link TrainingBuilder}'s (the new reference's) defaults. */
final class TrainingOptions {

    @Option(names = "--optimizer", paramLabel = "sgd|adam", description = "Optimiser (default: sgd).")
    Optimizer optimizer = Optimizer.SGD;

    @Option(names = "--lr", paramLabel = "LR", description = "Base learning rate, multiplied by H for the mean-field readout (default: 0.1).")
    double lr = 0.1;

    @Option(names = "--momentum", paramLabel = "MU", description = "SGD momentum (default: 0.9).")
    Double momentum;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", description = "Weight decay λ (default: 0).")
    Double weightDecay;

    @Option(names = "--cosine", description = "Cosine learning-rate annealing (old RHM reference).")
    boolean cosine;

    @Option(names = "--batch", paramLabel = "B", description = "Mini-batch size (default: 128).")
    Integer batch;

    @Option(names = "--loss-threshold", paramLabel = "X", description = "Stop a member at this training loss (default: 1e-3).")
    Double lossThreshold;

    @Option(names = "--check-every", paramLabel = "E", description = "Epochs between checkpoints (default: 10).")
    Integer checkEvery;

    @Option(names = "--max-epochs", paramLabel = "E", description = "Epoch cap (default: 300).")
    Integer maxEpochs;

    Training training() {
        TrainingBuilder b = optimizer == Optimizer.ADAM ? Training.adam(lr) : Training.sgd(lr);
        if (momentum != null) b.momentum(momentum);
        if (weightDecay != null) b.weightDecay(weightDecay);
        if (cosine) b.cosine();
        if (batch != null) b.batch(batch);
        if (lossThreshold != null) b.lossThreshold(lossThreshold);
        if (checkEvery != null) b.checkEvery(checkEvery);
        if (maxEpochs != null) b.maxEpochs(maxEpochs);
        return b.build();
    }
}
