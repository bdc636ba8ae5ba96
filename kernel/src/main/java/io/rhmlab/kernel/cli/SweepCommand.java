package io.rhmlab.kernel.cli;

import io.rhmlab.engine.cluster.ClusterExecutor;
import io.rhmlab.engine.cluster.ClusterFlags;
import io.rhmlab.engine.cluster.ClusterOptions;
import io.rhmlab.engine.curve.CurveHooks;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.kernel.script.ScriptHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code rhmlab sweep FILE.rhm.kts --master local[2]}: runs a DSL script with every curve it declares trained on
 * Apache Spark. Spark lives in the optional module rhmlab-spark, which the kernel does not depend on (notebook
 * users should not get Spark on their class path): it is found as the {@link ClusterExecutor} named
 * {@value #EXECUTOR}, and the launcher puts it on the class path, with Spark's JVM options, for this command only.
 * The cluster options are those of {@link ClusterFlags}, which the spark-submit main of rhmlab-spark reads too:
 * parsed here once, into one {@link ClusterOptions}, and handed over as they are.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a DSL script with its learning curves trained on Apache Spark (local[*] by default).")
final class SweepCommand implements Runnable {

    /** The executor this command uses. */
    static final String EXECUTOR = "spark";

    @Parameters(index = "0", paramLabel = "FILE.rhm.kts", description = "The script.")
    Path script;

    @Mixin ClusterFlags cluster;

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
        return cluster.options();
    }

    /** The Spark executor, or one line on what is missing. */
    static ClusterExecutor executor() {
        return ClusterExecutor.find(EXECUTOR).orElseThrow(() -> new IllegalArgumentException(
                "sweep: needs the rhmlab-spark module on the class path; "
                        + "run it through ./rhmlab, which adds it (and Spark's JVM options) for this command"));
    }
}
