package io.rhmlab.engine.cluster;

import io.rhmlab.dsl.InvalidSpecException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how a {@link ClusterExecutor} trains: filled once by whoever parsed the user's options (the
 * {@code rhmlab sweep} command line, a Spark job's own main) and handed over as it is, so no executor parses
 * options again. Null fields mean "the executor's default".
 *
 * @param master             the cluster to use, e.g. {@code local[2]}, {@code spark://head:7077}; null: the
 *                           executor's default (for Spark: the master {@code spark-submit} passed, else
 *                           {@code local[*]})
 * @param executorCores      cores per executor JVM (one training runs per executor at a time), ≥ 1
 * @param executorMemory     heap per executor, e.g. {@code 4g}
 * @param maxFailures        attempts per task before its runs are stored as FAILED, ≥ 1
 * @param gpusPerExecutor    GPUs requested per executor; 0 requests none
 * @param gpuDiscoveryScript the workers' GPU discovery script, or null where the cluster configures it
 * @param ui                 whether the driver serves its web UI
 * @param conf               any further settings of the executor, applied last (they win over derived ones)
 */
public record ClusterOptions(String master, Integer executorCores, String executorMemory, Integer maxFailures,
                             int gpusPerExecutor, String gpuDiscoveryScript, boolean ui, Map<String, String> conf) {

    public ClusterOptions {
        InvalidSpecException.require(master == null || !master.isBlank(), "master", "must not be blank");
        InvalidSpecException.require(executorCores == null || executorCores >= 1, "executor-cores",
                "executor cores = " + executorCores + " must be ≥ 1");
        InvalidSpecException.require(executorMemory == null || !executorMemory.isBlank(), "executor-memory", "must not be blank");
        InvalidSpecException.require(maxFailures == null || maxFailures >= 1, "max-failures",
                "attempts per task = " + maxFailures + " must be ≥ 1");
        InvalidSpecException.require(gpusPerExecutor >= 0, "gpus", "GPUs per executor = " + gpusPerExecutor + " must be ≥ 0");
        InvalidSpecException.require(gpuDiscoveryScript == null || gpusPerExecutor > 0, "gpu-discovery",
                "a GPU discovery script needs GPUs per executor ≥ 1 (--gpus)");
        conf = conf == null ? Map.of() : new LinkedHashMap<>(conf);
        for (Map.Entry<String, String> e : conf.entrySet()) {
            InvalidSpecException.require(e.getKey() != null && !e.getKey().isBlank() && e.getValue() != null, "conf",
                    "expected key=value, got '" + e.getKey() + "=" + e.getValue() + "'");
        }
        conf = java.util.Collections.unmodifiableMap(conf);
    }

    /** Everything at the executor's defaults. */
    public static ClusterOptions defaults() {
        return new ClusterOptions(null, null, null, null, 0, null, false, Map.of());
    }

    /** The defaults on {@code master}. */
    public static ClusterOptions on(String master) {
        return defaults().withMaster(master);
    }

    public ClusterOptions withMaster(String m) {
        return new ClusterOptions(m, executorCores, executorMemory, maxFailures, gpusPerExecutor, gpuDiscoveryScript, ui, conf);
    }

    public ClusterOptions withExecutorCores(int cores) {
        return new ClusterOptions(master, cores, executorMemory, maxFailures, gpusPerExecutor, gpuDiscoveryScript, ui, conf);
    }

    public ClusterOptions withExecutorMemory(String memory) {
        return new ClusterOptions(master, executorCores, memory, maxFailures, gpusPerExecutor, gpuDiscoveryScript, ui, conf);
    }

    public ClusterOptions withMaxFailures(int attempts) {
        return new ClusterOptions(master, executorCores, executorMemory, attempts, gpusPerExecutor, gpuDiscoveryScript, ui, conf);
    }

    public ClusterOptions withGpus(int perExecutor, String discoveryScript) {
        return new ClusterOptions(master, executorCores, executorMemory, maxFailures, perExecutor, discoveryScript, ui, conf);
    }

    public ClusterOptions withUi(boolean on) {
        return new ClusterOptions(master, executorCores, executorMemory, maxFailures, gpusPerExecutor, gpuDiscoveryScript, on, conf);
    }

    /** These options with the setting {@code key} = {@code value} added (or replaced). */
    public ClusterOptions withConf(String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(conf);
        all.put(key, value);
        return new ClusterOptions(master, executorCores, executorMemory, maxFailures, gpusPerExecutor, gpuDiscoveryScript, ui, all);
    }
}
