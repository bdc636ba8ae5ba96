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

    /** {@code base} parsed with an old spelling of an option and with the new one (the same value). */
    private record Spellings(Parsed<TrainCommand> old, Parsed<TrainCommand> now, String oldName, String newName) {
        static Spellings of(String[] base, String[] old, String[] now) {
            return new Spellings(Parsed.of(new TrainCommand(), args(base, old)), Parsed.of(new TrainCommand(), args(base, now)),
                    old[0], now[0]);
        }

        /** Once the commands have resolved the option: one note on the old spelling's stderr, nothing on the new one's. */
        void assertOnlyTheOldOneIsNoted() {
            assertThat(old.err().toString())
                    .isEqualTo("note: " + oldName + " is deprecated; use " + newName + " (same meaning)" + System.lineSeparator());
            assertThat(now.err().toString()).isEmpty();
        }
    }

    @Test
    void variantIsPlacement() {
        String[] arch = {"--arch", "cnn", "--train", "64"};
        Spellings s = Spellings.of(args(TASK, arch), new String[]{"--variant", "B"}, new String[]{"--placement", "B"});
        TrainCommand old = s.old().command(), now = s.now().command();
        assertThat(old.family.hierarchy(old.task)).isEqualTo(now.family.hierarchy(now.task));
        assertThat(now.task.hierarchy().placement()).isEqualTo(Placement.B);
        s.assertOnlyTheOldOneIsNoted();
    }

    @Test
    void depthIsHiddenLayers() {
        String[] base = {"--v", "4", "--m", "4", "--L", "2", "--arch", "fcn", "--train", "64"};
        Spellings s = Spellings.of(base, new String[]{"--depth", "3"}, new String[]{"--hidden-layers", "3"});
        Architecture a = s.now().command().network.architecture();
        assertThat(a).isEqualTo(Architecture.fcn().hiddenLayers(3).build());
        assertThat(s.old().command().network.architecture()).isEqualTo(a);
        assertThat(s.old().command().network.architecture()).as("resolved once").isEqualTo(a);
        s.assertOnlyTheOldOneIsNoted();
    }

    @Test
    void trainSeedsAreModelSeeds() {
        String[] base = {"--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--train", "64"};
        Spellings s = Spellings.of(base, new String[]{"--seeds", "3,1"}, new String[]{"--model-seeds", "3,1"});
        assertThat(s.now().command().modelSeeds()).containsExactly(3L, 1L);
        assertThat(s.old().command().modelSeeds()).containsExactly(3L, 1L);
        assertThat(s.old().command().modelSeeds()).containsExactly(3L, 1L);
        s.assertOnlyTheOldOneIsNoted();
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
