package io.rhmlab.engine.curve;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Settings applied to every {@link LearningCurve} made in this JVM, as {@link LearningCurve#of} makes it, so the
 * caller's own settings still override them. A host that runs user code registers them: the notebook integration
 * swaps the stderr progress line for an updating display in the cell, {@code rhmlab sweep} sends every curve of its
 * script to the cluster. Applied here, where every curve starts, rather than by each front end, so that a curve made
 * with the Kotlin DSL, the Java API ({@code LearningCurve.of}) or a named reproduction gets the same hooks.
 */
public final class CurveHooks {

    // copy-on-write: hooks come and go rarely (a notebook's load, a sweep's start) while curves may be made on any thread
    private static final List<Consumer<LearningCurve>> HOOKS = new CopyOnWriteArrayList<>();

    private CurveHooks() {
    }

    public static void add(Consumer<LearningCurve> hook) {
        HOOKS.add(Objects.requireNonNull(hook, "hook"));
    }

    public static void remove(Consumer<LearningCurve> hook) {
        HOOKS.remove(hook);
    }

    /** Applies every hook to {@code curve}, in the order they were added. */
    static void applyTo(LearningCurve curve) {
        for (Consumer<LearningCurve> h : HOOKS) h.accept(curve);
    }
}
