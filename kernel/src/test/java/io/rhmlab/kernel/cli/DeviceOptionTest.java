package io.rhmlab.kernel.cli;

import ai.djl.util.Utils;
import io.rhmlab.engine.train.Natives;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** --device on a machine whose engine is the CPU build (this test class path), and DJL's telemetry settings. */
class DeviceOptionTest {

    @Test
    void gpuWithoutAUsableGpuFailsBeforeTrainingInOneLine() {
        CliRun run = CliRun.of("train", "rhm", "--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--width", "8",
                "--train", "64", "--test", "64", "--device", "gpu");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: device: --device gpu cannot train here: ").hasLineCount(1)
                .contains("CPU build of libtorch");
        assertThat(run.out()).doesNotContain("seed");   // no result table: nothing trained
    }

    @Test
    void autoTrainsOnTheCpu() {
        CliRun run = CliRun.of("train", "--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--width", "8",
                "--train", "32", "--test", "32", "--max-epochs", "2", "--device", "auto");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("cpu()");
    }

    @Test
    void theLauncherJvmOptsOutOfTelemetryTheWayDjlReadsIt() {
        Rhmlab.configureJvm();
        // the two checks ai.djl.util.Ec2Utils.callHome makes before it sends anything
        assertThat(Utils.isOfflineMode()).isTrue();
        assertThat(Boolean.parseBoolean(Utils.getEnvOrSystemProperty("OPT_OUT_TRACKING"))).isTrue();
    }

    @Test
    void theLibtorchPreflightGuardsTrainingCommandsOnly() {
        Natives none = new Natives(false, null, null, null, null, null, Set.of("cpu", "cu128"), false, "linux-x86_64");
        assertThat(Rhmlab.preflight(new String[]{"curve", "--v", "4"}, none)).startsWith("no libtorch: ");
        assertThat(Rhmlab.preflight(new String[]{"train", "--help"}, none)).isNull();
        assertThat(Rhmlab.preflight(new String[]{"runs", "list"}, none)).isNull();
        assertThat(Rhmlab.preflight(new String[]{}, none)).isNull();
        assertThat(Rhmlab.preflight(new String[]{"curve"}, Natives.probe())).isNull();
    }
}
