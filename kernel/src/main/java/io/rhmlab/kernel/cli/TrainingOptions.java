package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.train.Optimizer;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.dsl.train.TrainingBuilder;
import picocli.CommandLine.Option;

/**
 * The optimiser and stopping flags; unset flags keep {@link TrainingBuilder}'s (the new reference's) defaults. The
 * fields start at the builder's constants so that the help prints the values training really uses.
 */
final class TrainingOptions {

    @Option(names = "--optimizer", paramLabel = "sgd|adam", defaultValue = "sgd", description = "Optimiser (default: ${DEFAULT-VALUE}).")
    Optimizer optimizer;

    @Option(names = "--lr", paramLabel = "LR", description = "Base learning rate, multiplied by H for the mean-field readout (default: ${DEFAULT-VALUE}).")
    double lr = 0.1;

    // nullable, not the builder's constant: Training.adam(lr) sets momentum 0, and a momentum given explicitly wins
    @Option(names = "--momentum", paramLabel = "MU", description = "SGD momentum (default: " + TrainingBuilder.DEFAULT_MOMENTUM + ").")
    Double momentum;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", description = "Weight decay λ (default: ${DEFAULT-VALUE}).")
    double weightDecay = TrainingBuilder.DEFAULT_WEIGHT_DECAY;

    @Option(names = "--cosine", description = "Cosine learning-rate annealing (old RHM reference).")
    boolean cosine;

    @Option(names = "--batch", paramLabel = "B", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch = TrainingBuilder.DEFAULT_BATCH;

    @Option(names = "--loss-threshold", paramLabel = "X", description = "Stop a member at this training loss (default: ${DEFAULT-VALUE}).")
    double lossThreshold = TrainingBuilder.DEFAULT_LOSS_THRESHOLD;

    @Option(names = "--check-every", paramLabel = "E", description = "Epochs between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkEvery = TrainingBuilder.DEFAULT_CHECK_EVERY;

    @Option(names = "--max-epochs", paramLabel = "E", description = "Epoch cap (default: ${DEFAULT-VALUE}).")
    int maxEpochs = TrainingBuilder.DEFAULT_MAX_EPOCHS;

    Training training() {
        TrainingBuilder b = optimizer == Optimizer.ADAM ? Training.adam(lr) : Training.sgd(lr);
        if (momentum != null) b.momentum(momentum);
        if (cosine) b.cosine();
        return b.weightDecay(weightDecay).batch(batch).lossThreshold(lossThreshold).checkEvery(checkEvery)
                .maxEpochs(maxEpochs).build();
    }
}
