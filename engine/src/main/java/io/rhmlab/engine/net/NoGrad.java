package io.rhmlab.engine.net;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's grad mode switched off on the current thread for a block, and restored after it:
 * {@code try (NoGrad off = NoGrad.on()) { … }}. Grad mode is per thread, and DJL switches it off only on the
 * thread that loaded the engine; on any other thread (Spark tasks, notebook cells, a fresh {@link Thread}) the
 * trainer's in-place updates would fail ("a leaf Variable that requires grad is being used in an in-place
 * operation") and evaluations would record graphs. DJL's {@code GradientCollector} switches it on inside and
 * restores the mode it found when closed.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;

    private NoGrad() {
        io.rhmlab.engine.train.Offline.ensure(); // a path into the engine: offline and MKL's mode first
        Engine.getInstance(); // loads the native engine (offline) if this JVM has not yet
        this.previous = JniUtils.isGradMode();
        if (previous) JniUtils.setGradMode(false);
    }

    /** Grad mode off on this thread until {@link #close}. */
    public static NoGrad on() {
        return new NoGrad();
    }

    @Override
    public void close() {
        if (previous) JniUtils.setGradMode(true);
    }
}
