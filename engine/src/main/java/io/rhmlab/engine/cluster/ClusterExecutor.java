package io.rhmlab.engine.cluster;

import io.rhmlab.engine.curve.LearningCurve;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A place other than this JVM where learning curves train, such as an Apache Spark cluster (module rhmlab-spark).
 * Executors are optional modules: the engine and the command line do not depend on them and find them with
 * {@link ServiceLoader} ({@code META-INF/services/io.rhmlab.engine.cluster.ClusterExecutor}), so a class path
 * without the module simply has no executor of that name.
 *
 * <p>An executor keeps the store-first logic of a local sweep: {@link #attach} only replaces the curve's
 * ensemble runner, so lookups, resuming and storing stay the curve's own.
 */
public interface ClusterExecutor {

    /** The name users pick it by, e.g. {@code spark}; its module is {@code rhmlab-<name>}. */
    String name();

    /**
     * Makes {@code curve} train on this executor from now on, as {@code options} say, and returns it. Fails before
     * any work when the options or this JVM cannot drive the executor, with one line saying what is missing.
     */
    LearningCurve attach(LearningCurve curve, ClusterOptions options);

    /**
     * The executor called {@code name} on the class path, if any: the engine's class loader first, then the
     * thread's (a notebook loads added dependencies in a loader of its own).
     */
    static Optional<ClusterExecutor> find(String name) {
        ClassLoader own = ClusterExecutor.class.getClassLoader();
        ClassLoader thread = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : thread == null || thread == own ? List.of(own) : List.of(own, thread)) {
            for (ClusterExecutor e : ServiceLoader.load(ClusterExecutor.class, loader)) {
                if (e.name().equals(name)) return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
