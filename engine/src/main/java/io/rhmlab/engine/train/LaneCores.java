package io.rhmlab.engine.train;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cores of lanes that train at once, shared out again when a lane finishes: the lanes still training take the
 * freed cores as intra-op threads from their next epoch on. A curve's lanes are planned to end together, but members
 * stop at the loss threshold at epochs no plan knows in advance, and a lane that ended early left its core idle while
 * the other lane trained on (on {@code bench curve}'s CNN curve, one core for a third of the time).
 *
 * <p>Used only where the thread count cannot change a result (the scripted step, whose products MKL's strict mode
 * computes alike on any number of threads: docs/choices.md, "Determinism"), and only when the caller left the thread
 * count to rhmlab; a lane outside any {@code LaneCores} keeps its threads.
 */
public final class LaneCores {
    private static final ThreadLocal<LaneCores> LANE = new ThreadLocal<>();

    private final int cores;
    private final AtomicInteger training;

    /** {@code lanes} lanes sharing {@code cores} cores. */
    public LaneCores(int cores, int lanes) {
        this.cores = Math.max(1, cores);
        this.training = new AtomicInteger(Math.max(1, lanes));
    }

    /** Runs one lane's work on the calling thread; when it ends, by return or by failure, its cores go to the others. */
    public void train(Runnable lane) {
        LANE.set(this);
        try {
            lane.run();
        } finally {
            LANE.remove();
            training.decrementAndGet();
        }
    }

    /** The intra-op threads the calling thread's lane may use now; 0 outside shared lanes. */
    static int threadsNow() {
        LaneCores c = LANE.get();
        return c == null ? 0 : Math.max(1, c.cores / Math.max(1, c.training.get()));
    }
}
