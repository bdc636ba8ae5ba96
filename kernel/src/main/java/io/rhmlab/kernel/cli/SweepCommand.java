package io.rhmlab.kernel.cli;

import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.kernel.notebook.CurveHooks;
import io.rhmlab.kernel.script.ScriptHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code rhmlab sweep FILE.rhm.kts --master local[2]}: runs a DSL script with every curve it declares trained on
 * Apache Spark. Spark lives in the optional module rhmlab-spark, which the kernel does not depend on (notebook
 * users should not get Spark on their class path), so it is reached by reflection; the launcher puts it on the
 * class path, with Spark's JVM options, for this command only.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a DSL script with its learning curves trained on Apache Spark (local[*] by default).")
final class SweepCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "FILE.rhm.kts", description = "The script.")
    Path script;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N], spark://HOST:PORT (default local[*]).")
    String master;

    @Option(names = "--executor-cores", paramLabel = "N", description = "Cores per executor (one training per executor at a time).")
    Integer executorCores;

    @Option(names = "--executor-memory", paramLabel = "SIZE", description = "Memory per executor, e.g. 4g.")
    String executorMemory;

    @Option(names = "--max-failures", paramLabel = "F", description = "Spark task attempts before a run is stored as FAILED.")
    Integer maxFailures;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Any Spark setting (repeatable).")
    List<String> conf = List.of();

    @Override
    public void run() {
        Consumer<LearningCurve> onSpark = sparkAttacher(sparkOptions());
        CurveHooks.add(onSpark);
        try {
            ScriptHost.run(script, List.of());
        } finally {
            CurveHooks.remove(onSpark);
        }
    }

    private List<String> sparkOptions() {
        List<String> options = new ArrayList<>();
        if (master != null) options.addAll(List.of("--master", master));
        if (executorCores != null) options.addAll(List.of("--executor-cores", executorCores.toString()));
        if (executorMemory != null) options.addAll(List.of("--executor-memory", executorMemory));
        if (maxFailures != null) options.addAll(List.of("--max-failures", maxFailures.toString()));
        for (String c : conf) options.addAll(List.of("--conf", c));
        return options;
    }

    /** {@code curve -> SparkSweep.fromOptions(options).attach(curve)}, or a clear error without rhmlab-spark. */
    private static Consumer<LearningCurve> sparkAttacher(List<String> options) {
        try {
            Class<?> sweep = Class.forName("io.rhmlab.spark.SparkSweep");
            Object configured = sweep.getMethod("fromOptions", List.class).invoke(null, options);
            Method attach = sweep.getMethod("attach", LearningCurve.class);
            return curve -> {
                try {
                    attach.invoke(configured, curve);
                } catch (InvocationTargetException e) {
                    throw unwrap(e);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("sweep: needs the rhmlab-spark module on the class path; "
                    + "run it through ./rhmlab, which adds it (and Spark's JVM options) for this command");
        } catch (InvocationTargetException e) {
            throw unwrap(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException unwrap(InvocationTargetException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
}
