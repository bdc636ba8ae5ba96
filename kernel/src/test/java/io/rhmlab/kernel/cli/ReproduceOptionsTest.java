package io.rhmlab.kernel.cli;

import io.rhmlab.engine.science.ReproductionContext;
import io.rhmlab.engine.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** reproduce shows its progress unless --quiet, and the curve tables only with --verbose. */
class ReproduceOptionsTest {

    @TempDir
    Path dir;

    private ReproductionContext context(String... flags) {
        CommandLine cl = Rhmlab.commandLine();
        String[] args = new String[flags.length + 4];
        args[0] = "reproduce";
        args[1] = "correlations";
        args[2] = "--device";
        args[3] = "cpu";
        System.arraycopy(flags, 0, args, 4, flags.length);
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        ReproduceCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
        try (RunStore s = RunStore.open(dir.resolve("runs.sqlite"))) {
            return command.context(s);
        }
    }

    @Test
    void progressIsOnByDefault() {
        ReproductionContext c = context();
        assertThat(c.progress()).isTrue();
        assertThat(c.log()).isNull();
    }

    @Test
    void quietSilencesItAndVerboseAddsTheCurves() {
        assertThat(context("--quiet").progress()).isFalse();
        ReproductionContext verbose = context("--verbose");
        assertThat(verbose.progress()).isTrue();
        assertThat(verbose.log()).isSameAs(System.err);
    }
}
