package io.rhmlab.spark;

import io.rhmlab.engine.cluster.ClusterOptions;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.TrainerSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of a Spark sweep ({@link SweepMain}, {@link SparkSweep#fromOptions}), parsed in this one place:
 * which flags take a value, and what each means, is decided here only, so a flag cannot be read one way by the
 * main and another by the sweep. Null fields mean "not given" (the sweep's default).
 *
 * @param cluster  where the runs train: master, executors, GPUs, UI, Spark settings
 * @param ensemble members per Spark task
 * @param device   where executors train
 * @param threads  PyTorch threads per executor
 * @param progress whether the progress line shows on stderr
 * @param store    the run store
 * @param specs    the spec files, in order
 * @param help     whether help was asked for (parsing stops there)
 */
record SweepArguments(ClusterOptions cluster, Integer ensemble, DeviceChoice device, Integer threads, boolean progress,
                      Path store, List<Path> specs, boolean help) {

    private static final List<String> VALUED = List.of("--master", "--ensemble", "--device", "--threads",
            "--executor-cores", "--executor-memory", "--max-failures", "--gpus", "--gpu-discovery", "--conf", "--store");
    private static final List<String> FLAGS = List.of("--ui", "--no-progress");

    SweepArguments {
        specs = List.copyOf(specs);
    }

    /** {@code args} as {@link #usage()} describes them; bad input fails with one line naming the flag. */
    static SweepArguments parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> conf = new LinkedHashMap<>();
        List<Path> specs = new ArrayList<>();
        boolean ui = false, progress = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-h") || a.equals("--help")) return helpAsked();
            if (!a.startsWith("--")) {
                specs.add(Path.of(a));
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            String inline = eq > 0 ? a.substring(eq + 1) : null;
            if (FLAGS.contains(name)) {
                if (inline != null) throw new IllegalArgumentException(name + ": takes no value, got '" + a + "'");
                if (name.equals("--ui")) ui = true;
                else progress = false;
            } else if (VALUED.contains(name)) {
                String v = inline;
                if (v == null) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(name + (name.equals("--store") ? ": a file is needed" : ": a value is needed"));
                    }
                    v = args.get(++i);
                }
                if (name.equals("--conf")) {
                    int k = v.indexOf('=');
                    if (k <= 0) throw new IllegalArgumentException("--conf: expected key=value, got '" + v + "'");
                    conf.put(v.substring(0, k), v.substring(k + 1));
                } else {
                    values.put(name, v);
                }
            } else {
                throw new IllegalArgumentException("unknown option '" + a + "'; expected one of " + String.join(", ", VALUED)
                        .replace("--conf", "--conf key=value") + ", " + String.join(", ", FLAGS));
            }
        }
        Integer cores = positiveOrNull("--executor-cores", values.get("--executor-cores"));
        Integer failures = positiveOrNull("--max-failures", values.get("--max-failures"));
        Integer gpus = positiveOrNull("--gpus", values.get("--gpus"));
        ClusterOptions cluster = new ClusterOptions(values.get("--master"), cores, values.get("--executor-memory"), failures,
                gpus == null ? 0 : gpus, values.get("--gpu-discovery"), ui, conf);
        String store = values.get("--store");
        return new SweepArguments(cluster, positiveOrNull("--ensemble", values.get("--ensemble")), device(values.get("--device")),
                positiveOrNull("--threads", values.get("--threads")), progress, store == null ? null : Path.of(store), specs, false);
    }

    private static SweepArguments helpAsked() {
        return new SweepArguments(ClusterOptions.defaults(), null, null, null, true, null, List.of(), true);
    }

    /** The sweep these arguments configure (the store and spec files are the caller's). */
    SparkSweep sweep() {
        SparkSweep s = SparkSweep.with(cluster).progress(progress);
        if (ensemble != null) s.ensemble(ensemble);
        if (device != null) s.device(device);
        if (threads != null) s.settings(s.settings().withThreads(threads));
        return s;
    }

    /** The store given with {@code --store}, else {@value RunStore#DEFAULT_FILE} in the working folder. */
    Path storeOrDefault() {
        return store != null ? store : Path.of(RunStore.DEFAULT_FILE);
    }

    static String usage() {
        return String.join("\n",
                "usage: rhmlab sweep [--master local[*]|local[N]|spark://HOST:PORT] [--store FILE] [options] SPEC.json...",
                "  --ensemble K            members per Spark task (default " + LearningCurve.DEFAULT_ENSEMBLE + ")",
                "  --device auto|cpu|gpu   where executors train (default "
                        + TrainerSettings.defaults().device().name().toLowerCase(Locale.ROOT) + ")",
                "  --threads N             PyTorch threads per executor (default: its cores)",
                "  --executor-cores N      cores per executor; each task takes all of them",
                "  --executor-memory SIZE  heap per executor, e.g. 4g",
                "  --max-failures F        attempts per task before its runs are stored as FAILED",
                "  --gpus N [--gpu-discovery SCRIPT]   GPUs per executor, for clusters that schedule them",
                "  --conf KEY=VALUE        any Spark setting (repeatable); --ui starts the driver's web UI",
                "  --no-progress           no progress line on stderr",
                "  --store FILE            the run store (default ./" + RunStore.DEFAULT_FILE + ")");
    }

    private static DeviceChoice device(String value) {
        if (value == null) return null;
        try {
            return DeviceChoice.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device: expected auto, cpu or gpu, got '" + value + "'");
        }
    }

    private static Integer positiveOrNull(String option, String value) {
        if (value == null) return null;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": expected a whole number ≥ 1, got '" + value + "'");
    }
}
