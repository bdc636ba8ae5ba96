package io.rhmlab.engine.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One point of a member's history, taken every {@code checkEvery} epochs.
 *
 * @param testLoss the mean test cross-entropy in nats (the last-token papers plot it); NaN in histories stored before
 *                 it was kept, never a made-up 0
 */
public record Checkpoint(int epoch, long steps, double trainLoss, double trainError, double testError, double testLoss) {

    /** A checkpoint without its test loss. */
    public Checkpoint(int epoch, long steps, double trainLoss, double trainError, double testError) {
        this(epoch, steps, trainLoss, trainError, testError, Double.NaN);
    }

    /** Reads stored histories, old ones (no test loss) included. */
    @JsonCreator
    static Checkpoint read(@JsonProperty("epoch") int epoch, @JsonProperty("steps") long steps,
                           @JsonProperty("trainLoss") double trainLoss, @JsonProperty("trainError") double trainError,
                           @JsonProperty("testError") double testError, @JsonProperty("testLoss") Double testLoss) {
        return new Checkpoint(epoch, steps, trainLoss, trainError, testError, testLoss == null ? Double.NaN : testLoss);
    }
}
