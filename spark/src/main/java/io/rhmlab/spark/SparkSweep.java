package io.rhmlab.spark;

import io.rhmlab.dsl.experiment.LearningCurveSpec;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.cluster.ClusterOptions;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.run.ProgressLine;
import io.rhmlab.engine.run.RunOutcome;
import io.rhmlab.engine.run.Sweep;
import io.rhmlab.engine.run.SweepListener;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.function.Supplier;

/**
 * Learning-curve sweeps on Apache Spark: the runs of a sweep are trained as Spark tasks, one ensemble chunk per
 * task, and stored on the driver as they come back, in the same run store and with the same store-first logic as
 * a local sweep ({@link Sweep}): finished runs are reused, a second run trains nothing, failed runs are stored
 * with their error and retried next time, figures read the same rows.
 * <pre>{@code
 * try (RunStore store = RunStore.open(Path.of("runs.sqlite"))) {
 *     LearningCurveResult r = SparkSweep.on("local[2]").run(curve, store);     // or spark://host:7077
 * }
 * SparkSweep.on("spark://head:7077").executorCores(8).gpus(1, "/opt/spark/getGpus.sh").attach(curve);
 * curve.run();                                                                  // now trains on the cluster
 * }</pre>
 *
 * <p>Master: {@code local[*]} (embedded, the default), {@code local[N]}, {@code local[N,F]} (F attempts per task),
 * {@code spark://host:port} (standalone), or, under {@code spark-submit}, whatever it was given ({@link #fromSubmit()}).
 * Each {@code run} starts its own {@link JavaSparkContext} and stops it at the end, unless one is given with
 * {@link #context}.
 *
 * <p>One training per executor JVM at a time (DJL allows one active {@code GradientCollector} per JVM): in local
 * mode a task asks for all N cores ({@code spark.task.cpus = N}), on a cluster for {@link #executorCores} when
 * set, and a JVM-wide lock guards it whatever the configuration. Parallelism comes from the ensemble axis
 * (K members per task) and from executors. See {@link ChunkTask}.
 *
 * <p>Results equal the local runner's for the same specs on CPU: the chunks are the local ensembles, and data
 * pools are sampled at the same sizes.
 */
public final class SparkSweep {

    /** The embedded master used when none is given. */
    public static final String DEFAULT_MASTER = "local[*]";

    static {
        // DJL must never phone home; in local mode the executors are this JVM
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    private ClusterOptions options;
    private String appName = "rhmlab sweep";
    private TrainerSettings settings = TrainerSettings.defaults();
    private ExecutorRunnerFactory factory = ExecutorRunnerFactory.DJL;
    private JavaSparkContext context;
    private int ensemble = LearningCurve.DEFAULT_ENSEMBLE;
    private boolean progress = true;

    private SparkSweep(ClusterOptions options) {
        this.options = options;
    }

    /** A sweep on {@code master}: {@code local[*]}, {@code local[2]}, {@code spark://host:7077}, ... */
    public static SparkSweep on(String master) {
        return new SparkSweep(ClusterOptions.on(master));
    }

    /** The embedded {@value #DEFAULT_MASTER}. */
    public static SparkSweep local() {
        return on(DEFAULT_MASTER);
    }

    /** The master {@code spark-submit} passed ({@code spark.master}), else {@value #DEFAULT_MASTER}. */
    public static SparkSweep fromSubmit() {
        return new SparkSweep(ClusterOptions.defaults());
    }

    /** A sweep as {@code options} say (a null master: that of {@code spark-submit}, else {@value #DEFAULT_MASTER}). */
    public static SparkSweep with(ClusterOptions options) {
        return new SparkSweep(Objects.requireNonNull(options, "options"));
    }

    /** Where and how this sweep trains. */
    public ClusterOptions options() {
        return options;
    }

    /** Kotlin and Java one-liner: {@code curve} trains on {@code master} from now on (see {@link #attach}). */
    public static LearningCurve onSpark(LearningCurve curve, String master) {
        return on(master).attach(curve);
    }

    /**
     * A sweep configured by the options of {@link SweepMain}, parsed by the one parser of that command line
     * ({@link SweepArguments}): {@code --master M}, {@code --ensemble K}, {@code --device auto|cpu|gpu},
     * {@code --threads N}, {@code --executor-cores N}, {@code --executor-memory 4g}, {@code --max-failures F},
     * {@code --gpus N}, {@code --gpu-discovery SCRIPT}, {@code --ui}, {@code --no-progress}, {@code --conf key=value}
     * (repeatable). Without {@code --master}: the master of {@code spark-submit}, else {@value #DEFAULT_MASTER}.
     * Unknown options are an error naming them; so are a store and spec files, which only {@link SweepMain} reads.
     */
    public static SparkSweep fromOptions(List<String> options) {
        SweepArguments a = SweepArguments.parse(options);
        if (a.help()) throw new IllegalArgumentException("unknown option '--help': help is SweepMain's");
        if (a.store() != null) throw new IllegalArgumentException("unknown option '--store': the store is SweepMain's");
        if (!a.specs().isEmpty()) throw new IllegalArgumentException("unknown option '" + a.specs().get(0) + "': spec files are SweepMain's");
        return a.sweep();
    }

    public SparkSweep appName(String name) {
        this.appName = Objects.requireNonNull(name, "appName");
        return this;
    }

    /** Any Spark setting, applied last (it wins over those derived here). */
    public SparkSweep conf(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        options = options.withConf(key, value);
        return this;
    }

    /**
     * Cores per executor on a cluster; each task then asks for all of them ({@code spark.task.cpus}), so one
     * training runs per executor and uses all its cores.
     */
    public SparkSweep executorCores(int cores) {
        if (cores < 1) throw new IllegalArgumentException("executorCores: " + cores + " must be ≥ 1");
        options = options.withExecutorCores(cores);
        return this;
    }

    /** Heap per executor, e.g. {@code "4g"} (native PyTorch memory comes on top of it). */
    public SparkSweep executorMemory(String memory) {
        Objects.requireNonNull(memory, "executorMemory");
        options = options.withExecutorMemory(memory);
        return this;
    }

    /**
     * Attempts per task (Spark retries a failed task this many times in all); the last attempt's error is stored
     * as the FAILED runs' error. Default: Spark's (4 on a cluster, 1 in local mode). In local mode this rewrites
     * {@code local[N]} as {@code local[N,F]}, Spark's way of allowing retries there.
     */
    public SparkSweep maxFailures(int attempts) {
        if (attempts < 1) throw new IllegalArgumentException("maxFailures: " + attempts + " must be ≥ 1");
        options = options.withMaxFailures(attempts);
        return this;
    }

    /**
     * GPU resource requests for clusters that schedule GPUs: {@code perExecutor} GPUs per executor, all of them
     * held by its one task, found by {@code discoveryScript} on the workers (Spark's
     * {@code spark.executor.resource.gpu.discoveryScript}; null where the cluster configures it). Executors then
     * train on the GPU ({@link DeviceChoice#AUTO}); use one GPU per executor.
     */
    public SparkSweep gpus(int perExecutor, String discoveryScript) {
        if (perExecutor < 1) throw new IllegalArgumentException("gpus: " + perExecutor + " must be ≥ 1");
        options = options.withGpus(perExecutor, discoveryScript);
        return this;
    }

    /** Start the driver's web UI (default off; it would listen on port 4040). */
    public SparkSweep ui(boolean on) {
        options = options.withUi(on);
        return this;
    }

    /** How executors train (device, threads, evaluation batch); default {@link TrainerSettings#defaults()}. */
    public SparkSweep settings(TrainerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    public SparkSweep device(DeviceChoice device) {
        return settings(settings.withDevice(device));
    }

    /** What trains a chunk on the executor; default {@link ExecutorRunnerFactory#DJL}. For tests and other trainers. */
    public SparkSweep runnerFactory(ExecutorRunnerFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        return this;
    }

    /** Use this running context (not stopped by the sweep) instead of starting one per run. */
    public SparkSweep context(JavaSparkContext context) {
        this.context = Objects.requireNonNull(context, "context");
        return this;
    }

    /** K for {@link #run(List, RunStore)} and {@link #run(LearningCurveSpec, RunStore)}; curves keep their own. */
    public SparkSweep ensemble(int k) {
        if (k < 1) throw new IllegalArgumentException("K: ensemble size " + k + " must be ≥ 1");
        this.ensemble = k;
        return this;
    }

    /** Progress line on stderr for {@link #run(List, RunStore)} and specs (default true); curves keep their own. */
    public SparkSweep progress(boolean show) {
        this.progress = show;
        return this;
    }

    /** How the executors train (for inspection and tests). */
    TrainerSettings settings() {
        return settings;
    }

    /** A driver-side runner that knows nothing of this class: it is handed the settings as values. */
    private SparkEnsembleRunner newRunner(Supplier<List<RunSpec>> pending, Supplier<Measures> measures) {
        return new SparkEnsembleRunner(contexts(), settings, factory, pending, measures);
    }

    /**
     * Makes {@code curve} train on Spark: every later {@code curve.run()} trains its pending runs as Spark tasks
     * (starting and stopping a context per run) and stores them in the curve's own store. Returns the curve.
     * The executors' trainer settings are this sweep's ({@link #settings}), not the curve's.
     */
    public LearningCurve attach(LearningCurve curve) {
        requireDriverJvm();
        SparkEnsembleRunner runner = newRunner(curve::pending, () -> curve.spec().measuresOrNone());
        curve.runner(runner).listener(runner);
        return curve;
    }

    /** Runs {@code curve} on Spark once (see {@link #attach}): stored runs are reused, the rest trained and stored. */
    public LearningCurveResult run(LearningCurve curve) {
        requireDriverJvm();
        SparkEnsembleRunner runner = newRunner(curve::pending, () -> curve.spec().measuresOrNone());
        curve.runner(runner).listener(runner);
        try {
            return curve.run();
        } finally {
            runner.close();
        }
    }

    /** Runs {@code curve} on Spark once, storing into {@code store} (left open). */
    public LearningCurveResult run(LearningCurve curve, RunStore store) {
        return run(curve.store(store));
    }

    /** Runs the learning curve {@code spec}, all of it (learner, measures, ...), with K = {@link #ensemble}. */
    public LearningCurveResult run(LearningCurveSpec spec, RunStore store) {
        LearningCurve curve = LearningCurve.of(spec).ensemble(ensemble).settings(settings).progress(progress);
        return run(curve, store);
    }

    /** Runs any grid of runs (several hierarchies, architectures, sizes, seeds) with K = {@link #ensemble}. */
    public List<RunOutcome> run(List<RunSpec> runs, RunStore store) {
        return run(runs, store, progress ? new ProgressLine() : TrainingListener.NONE);
    }

    /** As {@link #run(List, RunStore)}, reporting to {@code listener} (a {@link SweepListener} hears the chunks too). */
    public List<RunOutcome> run(List<RunSpec> runs, RunStore store, TrainingListener listener) {
        requireDriverJvm();
        try (SparkEnsembleRunner runner = newRunner(() -> Sweep.pending(runs, store), Measures::none)) {
            return Sweep.run(runs, store, runner, ensemble, listener);
        }
    }

    // ---------------------------------------------------------------- the Spark context

    /** Fails before any work when this JVM cannot be a Spark driver (and no running context was given). */
    private void requireDriverJvm() {
        if (context == null && !SparkJvm.hasModuleOptions()) {
            throw new IllegalStateException("this JVM lacks the options a Spark driver needs on Java 17; start it with: "
                    + SparkJvm.moduleOptions());
        }
    }

    /** What a runner needs to open one session's context: the given one, else a new one from {@link #sparkConf()}. */
    private Supplier<DriverContext> contexts() {
        JavaSparkContext given = context;
        if (given != null) return () -> DriverContext.borrowed(given);
        SparkConf c = sparkConf();
        return () -> DriverContext.start(c);
    }

    /** The configuration a run starts its context with (public for inspection and tests). */
    public SparkConf sparkConf() {
        SparkConf c = new SparkConf(true);   // spark.* system properties: what spark-submit passed
        ClusterOptions o = options;
        String m = o.master() != null ? o.master() : c.get("spark.master", DEFAULT_MASTER);
        Matcher local = DriverContext.LOCAL.matcher(m.trim());
        boolean isLocal = local.matches();
        if (isLocal) {
            String n = local.group(1) == null ? "1" : local.group(1);
            int cores = n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
            int attempts = o.maxFailures() != null ? o.maxFailures() : local.group(2) != null ? Integer.parseInt(local.group(2)) : 1;
            m = "local[" + n + "," + attempts + "]";
            c.set("spark.task.cpus", Integer.toString(cores));   // one task (one training) at a time in this JVM
        } else {
            if (o.maxFailures() != null) c.set("spark.task.maxFailures", o.maxFailures().toString());
            if (o.executorCores() != null) {
                c.set("spark.executor.cores", o.executorCores().toString());
                c.set("spark.task.cpus", o.executorCores().toString());
            }
        }
        c.setMaster(m);
        c.setAppName(appName);
        if (o.executorMemory() != null) c.set("spark.executor.memory", o.executorMemory());
        if (!o.ui()) c.set("spark.ui.enabled", "false");
        if (isLocal || isLoopback(m)) {
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        // DJL offline on the executors, before their first DJL class loads
        c.set("spark.executorEnv.DJL_OFFLINE", "true");
        String opts = c.get("spark.executor.extraJavaOptions", "");
        if (!opts.contains("ai.djl.offline")) c.set("spark.executor.extraJavaOptions", (opts + " -Dai.djl.offline=true").trim());
        if (o.gpusPerExecutor() > 0) {
            c.set("spark.executor.resource.gpu.amount", Integer.toString(o.gpusPerExecutor()));
            c.set("spark.task.resource.gpu.amount", Integer.toString(o.gpusPerExecutor()));
            if (o.gpuDiscoveryScript() != null) c.set("spark.executor.resource.gpu.discoveryScript", o.gpuDiscoveryScript());
        }
        o.conf().forEach(c::set);
        return c;
    }

    private static boolean isLoopback(String master) {
        return master.contains("://127.0.0.1") || master.contains("://localhost");
    }

    @Override
    public String toString() {
        return "SparkSweep(" + (options.master() == null ? "spark.master or " + DEFAULT_MASTER : options.master()) + ")";
    }
}
