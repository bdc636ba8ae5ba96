package io.rhmlab.kernel.cli;

import io.rhmlab.engine.cluster.ClusterOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The kernel must not depend on Spark: without rhmlab-spark on the class path, `sweep` says what is missing. */
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
