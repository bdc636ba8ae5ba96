package io.rhmlab.kernel.cli;

import org.junit.jupiter.api.Test;

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
