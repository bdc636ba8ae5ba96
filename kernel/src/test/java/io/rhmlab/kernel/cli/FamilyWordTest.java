package io.rhmlab.kernel.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** train and curve take generate's leading rhm|srhm, and still run without it. */
class FamilyWordTest {

    private static final String[] TINY = {"--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--width", "8",
            "--train", "32", "--test", "32", "--max-epochs", "2", "--device", "cpu"};

    private static String[] train(String... head) {
        String[] args = new String[1 + head.length + TINY.length];
        args[0] = "train";
        System.arraycopy(head, 0, args, 1, head.length);
        System.arraycopy(TINY, 0, args, 1 + head.length, TINY.length);
        return args;
    }

    @Test
    void trainAcceptsRhmAndTheFormWithoutIt() {
        CliRun with = CliRun.of(train("rhm"));
        CliRun without = CliRun.of(train());
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(without.exitCode()).as(without.err()).isZero();
        assertThat(with.out()).startsWith("RHM(v=4, n_c=4, m=4, s=2, L=2)");
        // same task, same seeds: the same results table
        assertThat(with.out().lines().skip(2).map(l -> l.replaceAll("\\s+\\d+\\.\\d s?\\s+cpu.*", "")).toList())
                .isEqualTo(without.out().lines().skip(2).map(l -> l.replaceAll("\\s+\\d+\\.\\d s?\\s+cpu.*", "")).toList());
    }

    @Test
    void theWordIsCheckedAgainstTheFlags() {
        CliRun srhmWithoutBlanks = CliRun.of(train("srhm"));
        assertThat(srhmWithoutBlanks.exitCode()).isEqualTo(2);
        assertThat(srhmWithoutBlanks.err()).startsWith("error: s0: ").hasLineCount(1);
        CliRun curve = CliRun.of("curve", "rhm", "--v", "4", "--m", "4", "--L", "2", "--s0", "1", "--arch", "cnn", "--sizes", "32");
        assertThat(curve.exitCode()).isEqualTo(2);
        assertThat(curve.err()).startsWith("error: s0: ");
    }

    @Test
    void anotherWordIsBadInput() {
        CliRun run = CliRun.of(train("rbm"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("rbm").hasLineCount(1);
    }
}
