package io.rhmlab.kernel.cli;

import io.rhmlab.engine.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunsCommandTest {

    @TempDir
    Path dir;

    @Test
    void listOnAnEmptyStoreSaysSo() {
        Path file = dir.resolve("runs.sqlite");
        RunStore.open(file).close();
        CliRun run = CliRun.of("runs", "list", "--store", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("no runs in ").contains("runs.sqlite");
    }

    @Test
    void listOnAMissingStoreDoesNotCreateIt() {
        Path file = dir.resolve("absent.sqlite");
        CliRun run = CliRun.of("runs", "list", "--store", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("does not exist");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void showOfAnUnknownIdIsBadInput() {
        Path file = dir.resolve("runs.sqlite");
        RunStore.open(file).close();
        CliRun run = CliRun.of("runs", "show", "abc123", "--store", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: id: no run abc123");
    }

    @Test
    void exportWritesAHeaderForAnEmptyStore() throws Exception {
        Path file = dir.resolve("runs.sqlite"), csv = dir.resolve("runs.csv");
        RunStore.open(file).close();
        CliRun run = CliRun.of("runs", "export", "--csv", csv.toString(), "--store", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("wrote 0 runs");
        assertThat(Files.readString(csv)).startsWith("id,key");
    }
}
