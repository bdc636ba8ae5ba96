package io.rhmlab.kernel.cli;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every bad input of issue 11 ends in one line naming the parameter and the reason, exit code 2, before any work
 * starts: no stack trace, no hang, nothing written.
 */
class BadInputTest {

    @TempDir
    Path dir;

    private static void assertBadInput(CliRun run, String parameter) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Errors.BAD_INPUT);
        assertThat(run.err()).startsWith("error: " + parameter + ": ").hasLineCount(1).doesNotContain("\tat ", "Exception");
    }

    private static final String[] TINY = {"--v", "4", "--classes", "4", "--m", "4", "--L", "2"};

    private static String[] args(String[] head, String... tail) {
        String[] out = new String[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    @Test
    void aFileThatIsNotARunStore() throws Exception {
        Path notAStore = dir.resolve("notes.sqlite");
        Files.writeString(notAStore, "these are my notes, not a database\n".repeat(20));
        CliRun run = CliRun.of("runs", "list", "--store", notAStore.toString());
        assertBadInput(run, "store");
        assertThat(run.err()).contains("not an SQLite database");
        assertThat(Files.readString(notAStore)).startsWith("these are my notes");
    }

    @Test
    void aGpuThatIsNotThere() {
        CliRun run = CliRun.of(args(args(new String[]{"train"}, TINY), "--arch", "cnn", "--width", "8", "--train", "64",
                "--test", "64", "--max-epochs", "1", "--device", "gpu"));
        if (Engine.getInstance().getGpuCount() > 0) {
            assertThat(run.exitCode()).as(run.err()).isZero();   // on a GPU machine the same command trains
        } else {
            assertBadInput(run, "device");
            assertThat(run.err()).contains("cannot train here");   // and says what is missing (DeviceDecision)
            assertThat(run.out()).doesNotContain("P=64");   // no run was announced
        }
    }

    @Test
    void aDepthWhoseDataWouldTakeHoursIsRejectedAtOnce() {
        Path out = dir.resolve("huge.npz");
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("generate", "rhm", "--v", "4", "--m", "4",
                "--L", "20", "--train", "100", "--out", out.toString()));
        assertBadInput(run, "L");
        assertThat(run.err()).contains("d = (s(s0+1))^L = 1048576");
        assertThat(out).doesNotExist();
    }

    @Test
    void anEmptyTrainingSet() {
        Path out = dir.resolve("empty.npz");
        CliRun run = CliRun.of(args(args(new String[]{"generate", "rhm"}, TINY), "--train", "0", "--test", "10", "--out", out.toString()));
        assertBadInput(run, "train");
        assertThat(out).doesNotExist();
    }

    /** A small CNN curve of the tiny task with {@code options} is refused, naming {@code parameter}, before a store is made. */
    private void assertCurveRefused(String parameter, String reason, String... options) {
        Path store = dir.resolve("runs.sqlite");
        String[] curve = args(args(new String[]{"curve"}, TINY), "--arch", "cnn", "--width", "8", "--sizes", "32,64");
        CliRun run = CliRun.of(args(args(curve, options), "--store", store.toString()));
        assertBadInput(run, parameter);
        assertThat(run.err()).contains(reason);
        assertThat(store).doesNotExist();
    }

    @Test
    void aThresholdThatIsNoTestError() {
        assertCurveRefused("threshold", "(0, 1)", "--threshold", "1.5");
    }

    @Test
    void theSameSeedTwice() {
        CliRun run = CliRun.of(args(args(new String[]{"train"}, TINY), "--arch", "cnn", "--width", "8", "--train", "64",
                "--model-seeds", "1,1"));
        assertBadInput(run, "model-seeds");
        assertThat(run.err()).contains("seed 1 appears twice");
    }

    @Test
    void deformationsOfADenseRhm() {
        assertCurveRefused("measure", "Sparse RHM", "--measure", "diffeo");
    }

    @Test
    void anOutputPathThatCannotBeWritten() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Path out = file.resolve("data.npz");   // under a file, not a folder: unwritable even for root
        CliRun run = CliRun.of(args(args(new String[]{"generate", "rhm"}, TINY), "--train", "10", "--out", out.toString()));
        assertBadInput(run, "out");
        assertThat(run.err()).contains("cannot write").contains("is not a folder");
        CliRun report = CliRun.of("report", "--out", file.resolve("figures").toString(), "--store", dir.resolve("none.sqlite").toString());
        assertThat(report.exitCode()).isEqualTo(Errors.BAD_INPUT);
    }
}
