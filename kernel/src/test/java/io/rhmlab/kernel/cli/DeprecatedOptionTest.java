package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.Placement;
import io.rhmlab.dsl.net.Architecture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each old spelling of an option parses to the same spec as its new name and says so in one line on stderr; the
 * new name says nothing. (Nothing here trains: the commands are parsed, then asked for their specs.)
 */
class DeprecatedOptionTest {

    private static final String[] TASK = {"--v", "4", "--m", "4", "--L", "2", "--s0", "1"};

    /** {@code rhmlab train ARGS} parsed as the command line parses it, with its stderr. */
    private record Parsed<T>(T command, StringWriter err) {
        static Parsed<TrainCommand> of(TrainCommand ignored, String... args) {
            StringWriter err = new StringWriter();
            CommandLine rhmlab = Rhmlab.commandLine().setErr(new PrintWriter(err, true));
            rhmlab.parseArgs(args(new String[]{"train"}, args));
            return new Parsed<>(rhmlab.getSubcommands().get("train").getCommand(), err);
        }
    }

    private static String[] args(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    @Test
    void variantIsPlacement() {
        String[] arch = {"--arch", "cnn", "--train", "64"};
        Parsed<TrainCommand> old = Parsed.of(new TrainCommand(), args(TASK, arch, new String[]{"--variant", "B"}));
        Parsed<TrainCommand> now = Parsed.of(new TrainCommand(), args(TASK, arch, new String[]{"--placement", "B"}));
        assertThat(old.command().family.hierarchy(old.command().task)).isEqualTo(now.command().family.hierarchy(now.command().task));
        assertThat(now.command().task.hierarchy().placement()).isEqualTo(Placement.B);
        assertThat(old.err().toString()).isEqualTo("note: --variant is deprecated; use --placement (same meaning)" + System.lineSeparator());
        assertThat(now.err().toString()).isEmpty();
    }

    @Test
    void depthIsHiddenLayers() {
        String[] base = {"--v", "4", "--m", "4", "--L", "2", "--arch", "fcn", "--train", "64"};
        Parsed<TrainCommand> old = Parsed.of(new TrainCommand(), args(base, new String[]{"--depth", "3"}));
        Parsed<TrainCommand> now = Parsed.of(new TrainCommand(), args(base, new String[]{"--hidden-layers", "3"}));
        Architecture a = now.command().network.architecture();
        assertThat(a).isEqualTo(Architecture.fcn().hiddenLayers(3).build());
        assertThat(old.command().network.architecture()).isEqualTo(a);
        assertThat(old.command().network.architecture()).as("resolved once").isEqualTo(a);
        assertThat(old.err().toString()).hasLineCount(1).startsWith("note: --depth is deprecated; use --hidden-layers");
        assertThat(now.err().toString()).isEmpty();
    }

    @Test
    void trainSeedsAreModelSeeds() {
        String[] base = {"--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--train", "64"};
        Parsed<TrainCommand> old = Parsed.of(new TrainCommand(), args(base, new String[]{"--seeds", "3,1"}));
        Parsed<TrainCommand> now = Parsed.of(new TrainCommand(), args(base, new String[]{"--model-seeds", "3,1"}));
        assertThat(now.command().modelSeeds()).containsExactly(3L, 1L);
        assertThat(old.command().modelSeeds()).containsExactly(3L, 1L);
        assertThat(old.command().modelSeeds()).containsExactly(3L, 1L);
        assertThat(old.err().toString()).hasLineCount(1).startsWith("note: --seeds is deprecated; use --model-seeds");
        assertThat(now.err().toString()).isEmpty();
        assertThat(Parsed.of(new TrainCommand(), base).command().modelSeeds()).isEqualTo(List.of(1L));
    }

    @Test
    void bothSpellingsAtOnceAreBadInput() {
        CliRun run = CliRun.of("train", "--v", "4", "--m", "4", "--L", "2", "--arch", "fcn", "--train", "64",
                "--depth", "2", "--hidden-layers", "2");
        assertThat(run.exitCode()).isEqualTo(Errors.BAD_INPUT);
        assertThat(run.err()).startsWith("error: depth: --depth is the deprecated spelling of --hidden-layers").hasLineCount(1);
    }

    @Test
    void theOldSpellingsStayOutOfTheHelp() {
        String help = CliRun.of("train", "--help").out();
        assertThat(help).contains("--hidden-layers").contains("--placement").contains("--model-seeds")
                .doesNotContain("--depth").doesNotContain("--variant").doesNotContain("--seeds");
    }
}
