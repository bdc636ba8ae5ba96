package io.rhmlab.kernel.cli;

import io.rhmlab.engine.cluster.ClusterExecutor;
import io.rhmlab.engine.cluster.ClusterOptions;
import io.rhmlab.engine.curve.CurveHooks;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.kernel.script.ScriptHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code rhmlab sweep FILE.rhm.kts --master local[2]}: runs a DSL script with every curve it declares trained on
 * Apache Spark. Spark lives in the optional module rhmlab-spark, which the kernel does not depend on (notebook
 * users should not get Spark on their class path): it is found as the {@link ClusterExecutor} named
 * {@value #EXECUTOR}, and the launcher puts it on the class path, with Spark's JVM options, for this command only.
 * The options are parsed here once, into one {@link ClusterOptions}, and handed over as they are.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a DSL script with its learning curves trained on Apache Spark (local[*] by default).")
final class SweepCommand implements Runnable {

    /** The executor this command uses. */
    static final String EXECUTOR = "spark";

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

    @Option(names = "--gpus", paramLabel = "N", description = "GPUs per executor, for clusters that schedule them (default ${DEFAULT-VALUE}).")
    int gpus;

    @Option(names = "--gpu-discovery", paramLabel = "SCRIPT", description = "The workers' GPU discovery script (with --gpus).")
    String gpuDiscovery;

    @Option(names = "--ui", description = "Start the driver's web UI (port 4040).")
    boolean ui;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Any Spark setting (repeatable).")
    Map<String, String> conf = Map.of();

    @Override
    public void run() {
        ClusterOptions options = options();   // bad values fail here, before the script runs
        ClusterExecutor executor = executor();
        runScript(script, curve -> executor.attach(curve, options));
    }

    /**
     * Runs {@code script} with {@code onCluster} applied to every curve it makes, however it makes it (the DSL, the
     * Java API, a reproduction): a {@link CurveHooks} hook, applied where every curve starts.
     */
    static void runScript(Path script, Consumer<LearningCurve> onCluster) {
        CurveHooks.add(onCluster);
        try {
            ScriptHost.run(script, List.of());
        } finally {
            CurveHooks.remove(onCluster);
        }
    }

    /** The one record the executor receives. */
    ClusterOptions options() {
        return new ClusterOptions(master, executorCores, executorMemory, maxFailures, gpus, gpuDiscovery, ui, conf);
    }

    /** The Spark executor, or one line on what is missing. */
    static ClusterExecutor executor() {
        return ClusterExecutor.find(EXECUTOR).orElseThrow(() -> new IllegalArgumentException(
                "sweep: needs the rhmlab-spark module on the class path; "
                        + "run it through ./rhmlab, which adds it (and Spark's JVM options) for this command"));
    }
}
