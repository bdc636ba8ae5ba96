package io.rhmlab.kernel.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTest {

    @Test
    void helpListsEverySubcommandWithADescription() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        for (String command : new String[]{"generate", "train", "curve", "runs", "run", "bench"}) {
            assertThat(run.out()).containsPattern("(?m)^  " + command + " +\\S.*$");
        }
    }

    @Test
    void anUnknownSubcommandIsOneLine() {
        CliRun run = CliRun.of("frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").hasLineCount(1);
    }

    @Test
    void trainChecksTheNetworkAgainstTheTaskBeforeTraining() {
        CliRun run = CliRun.of("train", "--v", "4", "--m", "4", "--L", "3", "--arch", "cnn", "--hidden-layers", "2", "--train", "64");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: hiddenLayers: ").hasLineCount(1);
    }

    @Test
    void curveNeedsSizes() {
        CliRun run = CliRun.of("curve", "--v", "4", "--m", "4", "--L", "3", "--arch", "cnn");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--sizes").hasLineCount(1);
    }

    @Test
    void aBadSizesAroundNamesIt() {
        CliRun run = CliRun.of("curve", "--v", "4", "--m", "4", "--L", "3", "--arch", "cnn", "--sizes-around", "1:2");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: sizes-around: ");
    }

    @Test
    void theHandedOverBenchmarksDocumentTheirArgumentsAndBoundTheirCount() {
        for (BenchCommand.HandedOver b : BenchCommand.HANDED_OVER) {
            CliRun help = CliRun.of("bench", b.name(), "--help");
            assertThat(help.exitCode()).as(b.name()).isZero();
            assertThat(help.out().replaceAll("\\s+", " ")).as(b.name()).contains(b.arguments());
        }
        CliRun tooMany = CliRun.of("bench", "train", "1", "2", "3");   // train takes at most two
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).startsWith("error: Unmatched argument").contains("bench train --help").hasLineCount(1);
    }
}
