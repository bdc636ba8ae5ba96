package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.engine.cluster.ClusterOptions;
import io.rhmlab.engine.curve.LearningCurve;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The kernel must not depend on Spark: without rhmlab-spark on the class path, `sweep` says what is missing. */
@Tag("slow")
class SweepCommandTest {

    @Test
    void withoutTheSparkModuleSweepExplainsWhatIsMissing() {
        assertThat(classPresent("io.rhmlab.spark.SparkSweep")).isFalse();
        CliRun run = CliRun.of("sweep", "samples/quickstart.rhm.kts", "--master", "local[2]");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: sweep: needs the rhmlab-spark module").hasLineCount(1);
    }

    @Test
    void theOptionsAreParsedOnceIntoOneRecord() {
        SweepCommand sweep = new SweepCommand();
        new picocli.CommandLine(sweep).parseArgs("x.rhm.kts", "--master", "spark://h:7077", "--executor-cores", "4",
                "--executor-memory", "6g", "--max-failures", "3", "--gpus", "1", "--gpu-discovery", "/g.sh", "--ui",
                "--conf", "spark.a=1", "--conf", "spark.b=x=y");
        assertThat(sweep.options()).isEqualTo(new ClusterOptions("spark://h:7077", 4, "6g", 3, 1, "/g.sh", true,
                Map.of("spark.a", "1", "spark.b", "x=y")));
        CliRun bad = CliRun.of("sweep", "samples/quickstart.rhm.kts", "--executor-cores", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("executor-cores").contains("must be ≥ 1").hasLineCount(1);
    }

    /**
     * The hook that sends a sweep's curves to the cluster reaches every curve its script makes, not only those of
     * {@code learningCurve { }}: the Java API's too (a script imports it by default), and none once the script is done.
     */
    @Test
    void theSweepHookReachesEveryCurveOfItsScript(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("curves.rhm.kts"), """
                val task = rhm { v = 4; classes = 4; m = 4; s = 2; L = 2; seed = 1 }
                val fromJava = LearningCurve.of(task).seeds(2)
                val fromDsl = declareCurve(task) { seeds = 3 }
                """);
        List<LearningCurve> onCluster = new CopyOnWriteArrayList<>();
        SweepCommand.runScript(script, onCluster::add);
        assertThat(onCluster).hasSize(2);

        LearningCurve.of(Hierarchy.rhm().v(4).m(4).L(2).build());
        assertThat(onCluster).as("the hook is gone after the script").hasSize(2);
    }

    @Test
    void helpListsSweep() {
        assertThat(CliRun.of("--help").out()).containsPattern("(?m)^  sweep +\\S.*$");
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
