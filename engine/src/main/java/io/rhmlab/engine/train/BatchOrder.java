package io.rhmlab.engine.train;

import io.rhmlab.dsl.Seeds;

import java.util.SplittableRandom;

/**
 * One member's pass through its P training rows: a fresh shuffle per epoch from its own seed, consecutive
 * batches of min(B, P) rows, the last batch of an epoch possibly smaller (as PyTorch's DataLoader). An epoch is
 * ceil(P/B) of the member's steps, whatever the other members' P.
 */
final class BatchOrder {
    private final int[] order;
    private final int batch;
    private final SplittableRandom random;
    private int position;
    private int epoch;

    BatchOrder(int size, int batchSize, long seed) {
        this.order = new int[size];
        for (int i = 0; i < size; i++) order[i] = i;
        this.batch = Math.min(batchSize, size);
        // batch order is drawn from the model seed, on a stream apart from the initialisation's
        this.random = new SplittableRandom(Seeds.derive(seed, Seeds.Purpose.BATCH_ORDER));
        shuffle();
    }

    /** The largest batch this member takes. */
    int batch() {
        return batch;
    }

    /** Completed epochs. */
    int epoch() {
        return epoch;
    }

    /**
     * Writes the rows of the next batch (shifted by {@code offset}) into {@code rows[at..]} and returns how many;
     * advances the epoch when the permutation is used up.
     */
    int next(long[] rows, int at, long offset) {
        int count = Math.min(batch, order.length - position);
        for (int j = 0; j < count; j++) rows[at + j] = offset + order[position + j];
        position += count;
        if (position == order.length) {
            position = 0;
            epoch++;
            shuffle();
        }
        return count;
    }

    /** Whether the last {@link #next} call ended an epoch. */
    boolean atEpochStart() {
        return position == 0;
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
