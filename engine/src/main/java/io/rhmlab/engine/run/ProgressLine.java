package io.rhmlab.engine.run;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A progress display of a sweep on stderr: runs done out of total, the current ensemble, its epoch out of the
 * epoch cap, mean training loss, elapsed time and an estimate of the time left. On a terminal it is one line redrawn in place (carriage return, at most 5 times a second);
 * without one (logs, CI, notebooks' captured output) it prints a plain line per finished member and at most
 * one status line every {@value #PLAIN_INTERVAL_S} seconds.
 */
public final class ProgressLine implements SweepListener {

    static final int PLAIN_INTERVAL_S = 30;
    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    private long trainingStart = -1;
    private int lastLength;
    private int total, done, reused, ensemble, ensembles, members, active, epoch, cap;
    private double loss = Double.NaN;

    /** On stderr, redrawn in place when a console is attached. */
    public ProgressLine() {
        this(System.err, System.console() != null);
    }

    public ProgressLine(PrintStream out, boolean terminal) {
        this(out, terminal, System::nanoTime);
    }

    /** With a clock in nanoseconds (tests). */
    ProgressLine(PrintStream out, boolean terminal, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDraw = start;
    }

    @Override
    public synchronized void onSweepStart(int total, int reused) {
        this.total = total;
        this.done = reused;
        this.reused = reused;
        if (reused > 0 || !terminal) println("rhmlab: " + total + " runs, " + reused + " already in the store, " + (total - reused) + " to train");
    }

    @Override
    public synchronized void onEnsembleStart(int index, int count, List<RunSpec> runs) {
        ensemble = index;
        ensembles = count;
        members = runs.size();
        active = runs.size();
        epoch = 0;
        cap = runs.stream().mapToInt(r -> r.training().maxEpochs()).max().orElse(0);
        if (trainingStart < 0) trainingStart = clock.getAsLong();
        loss = Double.NaN;
        if (!terminal) println("rhmlab: ensemble " + index + "/" + count + ", " + runs.size() + " members");
        draw(true);
    }

    @Override
    public synchronized void onEpoch(int epoch, int active, double meanLoss) {
        this.epoch = epoch;
        this.active = active;
        this.loss = meanLoss;
        draw(false);
    }

    @Override
    public synchronized void onMemberDone(int member, MemberResult r) {
        done++;
        if (!terminal || r.status() == Status.FAILED || r.status() == Status.DIVERGED) {
            println(String.format("  %s P=%d seed=%d: %s%s", r.status(), r.spec().trainSize(), r.spec().modelSeed(),
                    r.isMeasured() ? String.format("test error %.4f, %d epochs", r.testError(), r.epochs()) : r.error(),
                    r.status() == Status.FAILED ? "" : String.format(", %.1f s", r.wallSeconds())));
        }
        draw(true);
    }

    @Override
    public synchronized void onEnsembleFailed(int index, RuntimeException error) {
        println("  ensemble " + index + " failed: " + error);
    }

    @Override
    public synchronized void onSweepEnd() {
        draw(true);
        if (terminal && lastLength > 0) out.println();
        lastLength = 0;
        out.flush();
    }

    /** The status line, also used by tests. */
    synchronized String line() {
        int filled = total == 0 ? BAR : (int) Math.round(BAR * (double) done / total);
        StringBuilder sb = new StringBuilder("[").append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ")
                .append(done).append('/').append(total).append(" runs");
        if (ensembles > 0) {
            sb.append(" · ensemble ").append(ensemble).append('/').append(ensembles)
                    .append(" (").append(active).append('/').append(members).append(" active)")
                    .append(" · epoch ").append(epoch);
            if (cap > 0) sb.append('/').append(cap);
            if (!Double.isNaN(loss)) sb.append(String.format(" · loss %.3e", loss));
        }
        sb.append(" · ").append(duration(clock.getAsLong() - start));
        long left = nanosLeft();
        if (left >= 0) sb.append(" · about ").append(duration(left)).append(" left");
        return sb.toString();
    }

    /**
     * Time left, extrapolated from the training time so far over the fraction of member-epochs done: finished
     * members count whole, the active ones by epoch / cap. Members stopping before the cap make it an upper
     * estimate. -1 while there is too little to go on.
     */
    long nanosLeft() {
        int toTrain = total - reused;
        if (trainingStart < 0 || toTrain <= 0 || cap <= 0) return -1;
        double finished = done - reused + (double) active * Math.min(epoch, cap) / cap;
        double fraction = Math.min(1.0, finished / toTrain);
        long elapsed = clock.getAsLong() - trainingStart;
        if (fraction < 0.01 || elapsed < 2_000_000_000L) return -1;
        return (long) (elapsed * (1 - fraction) / fraction);
    }

    private void draw(boolean force) {
        long now = clock.getAsLong();
        if (terminal) {
            if (!force && now - lastDraw < REDRAW_NANOS) return;
            lastDraw = now;
            String s = line();
            out.print('\r' + s + " ".repeat(Math.max(0, lastLength - s.length())));
            out.flush();
            lastLength = s.length();
        } else if (!force && now - lastDraw >= PLAIN_INTERVAL_S * 1_000_000_000L) {
            lastDraw = now;
            println(line());
        }
    }

    private void println(String s) {
        if (terminal && lastLength > 0) {
            out.print('\r' + " ".repeat(lastLength) + '\r');
            lastLength = 0;
        }
        out.println(s);
        out.flush();
    }

    private static String duration(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        return d.toHours() > 0 ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}
