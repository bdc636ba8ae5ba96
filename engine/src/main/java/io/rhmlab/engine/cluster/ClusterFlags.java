package io.rhmlab.engine.cluster;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cluster's command-line options, declared once for both front ends that read them: {@code rhmlab sweep} (a
 * DSL script) and the spark-submit main of rhmlab-spark (spec files) mix this class in, and each asks it for the
 * one {@link ClusterOptions} record it hands to the executor. Values are checked there, by the record.
 *
 * <p>picocli is an optional dependency of the engine: an application that embeds the engine does not get it, and
 * only a command line loads this class.
 */
public final class ClusterFlags {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N], spark://HOST:PORT (default: the master spark-submit passes, else local[*]).")
    String master;

    @Option(names = "--executor-cores", paramLabel = "N",
            description = "Cores per executor; each task asks for all of them, so one training runs per executor.")
    Integer executorCores;

    @Option(names = "--executor-memory", paramLabel = "SIZE", description = "Heap per executor, e.g. 4g.")
    String executorMemory;

    @Option(names = "--max-failures", paramLabel = "F", description = "Attempts per task before its runs are stored as FAILED.")
    Integer maxFailures;

    @Option(names = "--gpus", paramLabel = "N", description = "GPUs per executor, for clusters that schedule them (default ${DEFAULT-VALUE}).")
    int gpus;

    @Option(names = "--gpu-discovery", paramLabel = "SCRIPT", description = "The workers' GPU discovery script (with --gpus).")
    String gpuDiscovery;

    @Option(names = "--ui", description = "Start the driver's web UI (port 4040).")
    boolean ui;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Any Spark setting, applied last (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    /** The options given, as the record every executor takes; fails, naming the option, on a value out of range. */
    public ClusterOptions options() {
        return new ClusterOptions(master, executorCores, executorMemory, maxFailures, gpus, gpuDiscovery, ui, conf);
    }
}
