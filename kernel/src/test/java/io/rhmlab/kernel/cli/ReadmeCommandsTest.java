package io.rhmlab.kernel.cli;

import io.rhmlab.engine.store.RunStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ./rhmlab …} command line of README.md's code blocks, run through the command line in process, in
 * README order, against one temporary run store and output folder. A README command that cannot run as written is a
 * README bug: fix the README (or the command line), not this test. The rules, all explicit:
 * <ul>
 * <li><b>Extraction.</b> In fenced code blocks, a line starting with {@code ./rhmlab } begins a command; a trailing
 *     {@code \} continues it on the next line; {@code #} starts a comment; a shell operator ({@code >}, {@code |},
 *     {@code &&}, {@code ;}) ends it (what follows is the shell's).</li>
 * <li><b>Launcher.</b> {@code --gpu} and {@code --allow-download} before the command are the launcher script's own
 *     options and are dropped (the command is then only parsed: no CUDA libtorch here); {@code ./rhmlab test} is the
 *     launcher's own command (Maven and the notebook check), checked against the launcher script.</li>
 * <li><b>Run at tiny sizes</b> ({@link #RUN}: {@code generate}, {@code train}, {@code curve} without
 *     {@code --find-pstar}, {@code runs}, {@code report}, {@code reproduce --list}, {@code completion}, {@code --help}):
 *     {@code --train} and {@code --test} are capped at {@value #TINY_SET}; {@code --width} becomes {@value #TINY_WIDTH};
 *     {@code --sizes} and {@code --sizes-around} become {@code --sizes 32,64}; a seed count is capped at 2 and a seed
 *     list ({@code train}) keeps its first two; {@code --measure-every} becomes 1; where the command has the option,
 *     {@code --max-epochs 2 --check-every 1 --threads 1} are added, {@code --test} is added at {@value #TINY_SET},
 *     and {@code --store} points at the temporary store; {@code --out} and {@code --csv} files land in the temporary
 *     folder. Asserted: exit code 0 and what the command produces (the file, the new store rows, the figures).</li>
 * <li><b>Parsed only</b> (everything else: {@code run} and {@code sweep} of a script with its own sizes,
 *     {@code reproduce NAME|all}, {@code bench}, {@code install-kernel}, {@code notebook}, {@code --find-pstar}
 *     searches, the GPU build): picocli parses the line as written (every option must exist and convert), a script
 *     or file argument must exist in the repository, and {@code COMMAND --help} exits 0.</li>
 * </ul>
 * No line is exempt: there is no "not run" marker.
 */
@Tag("slow")
class ReadmeCommandsTest {

    static final int TINY_SET = 256;
    static final int TINY_WIDTH = 8;
    static final Set<String> LAUNCHER_OPTIONS = Set.of("--gpu", "--allow-download");
    /** The commands run (at tiny sizes); the others are parsed. */
    static final Set<String> RUN = Set.of("generate", "train", "curve", "runs", "report", "reproduce", "completion", "--help");
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> everyReadmeCommandRunsAsWritten() throws IOException {
        List<String> commands = commands(Files.readString(ROOT.resolve("README.md")));
        // the README's command-line section alone has more than 20; fewer means the extraction broke
        assertThat(commands).hasSizeGreaterThan(20);
        return commands.stream().map(c -> DynamicTest.dynamicTest(c, () -> check(c)));
    }

    /** The command lines of the fenced code blocks, continuations joined, comments and shell tails cut. */
    static List<String> commands(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        StringBuilder open = null;
        for (String raw : markdown.split("\n", -1)) {
            if (raw.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) continue;
            String line = stripComment(raw).strip();
            if (open == null && !line.startsWith("./rhmlab")) continue;
            boolean continues = line.endsWith("\\");
            if (continues) line = line.substring(0, line.length() - 1).strip();
            if (open == null) open = new StringBuilder(line);
            else open.append(' ').append(line);
            if (!continues) {
                out.add(open.toString());
                open = null;
            }
        }
        return out;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf(" #");
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static void check(String command) throws Exception {
        List<String> words = new ArrayList<>(Arrays.asList(command.split("\\s+")));
        assertThat(words.remove(0)).isEqualTo("./rhmlab");
        int shell = indexOfAny(words, ">", "|", "&&", ";");
        if (shell >= 0) words = new ArrayList<>(words.subList(0, shell));
        boolean launcherOptions = false;
        while (!words.isEmpty() && LAUNCHER_OPTIONS.contains(words.get(0))) {
            words.remove(0);
            launcherOptions = true;
        }
        assertThat(words).as("a command after ./rhmlab").isNotEmpty();
        String name = words.get(0);
        if (name.equals("test") && words.size() == 1) {
            assertThat(Files.readString(ROOT.resolve("rhmlab"))).as("the launcher runs `./rhmlab test` itself")
                    .contains("if [ \"${1:-}\" = \"test\" ]");
            return;
        }
        boolean run = !launcherOptions && RUN.contains(name) && !words.contains("--find-pstar")
                && !(name.equals("reproduce") && !words.contains("--list"));
        if (run) runTiny(words);
        else parseOnly(words);
    }

    /** Parsed as written: every option exists and converts, files named exist, and the command's help prints. */
    private static void parseOnly(List<String> words) {
        CommandLine cl = Rhmlab.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs(words.toArray(String[]::new));
        assertThat(parsed.hasSubcommand()).as("a subcommand of rhmlab").isTrue();
        for (String w : words) {
            if (w.endsWith(".rhm.kts") || w.startsWith("samples/")) assertThat(ROOT.resolve(w)).as("the README's file").exists();
        }
        CliRun help = CliRun.of(words.get(0), "--help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage: rhmlab " + words.get(0));
    }

    private static void runTiny(List<String> readme) throws Exception {
        String name = readme.get(0);
        CommandLine.Model.CommandSpec spec = name.startsWith("-") ? Rhmlab.commandLine().getCommandSpec()
                : Rhmlab.commandLine().getSubcommands().get(name).getCommandSpec();
        if (name.equals("runs")) spec = spec.subcommands().get(readme.get(1)).getCommandSpec();
        Path store = dir.resolve("runs.sqlite");
        List<String> args = new ArrayList<>();
        Path output = null;
        for (int i = 0; i < readme.size(); i++) {
            String w = readme.get(i);
            String value = i + 1 < readme.size() ? readme.get(i + 1) : null;
            switch (w) {
                case "--train", "--test" -> {
                    args.add(w);
                    args.add(String.valueOf(Math.min(Long.parseLong(value), TINY_SET)));
                    i++;
                }
                case "--width" -> {
                    args.add(w);
                    args.add(String.valueOf(TINY_WIDTH));
                    i++;
                }
                case "--sizes", "--sizes-around" -> {
                    args.add("--sizes");
                    args.add("32,64");
                    i++;
                }
                case "--seeds" -> {
                    args.add(w);
                    args.add(name.equals("train") ? String.join(",", Arrays.asList(value.split(",")).subList(0, Math.min(2, value.split(",").length)))
                            : String.valueOf(Math.min(2, Integer.parseInt(value))));
                    i++;
                }
                case "--measure-every" -> {
                    args.add(w);
                    args.add("1");
                    i++;
                }
                case "--store" -> {
                    args.add(w);
                    args.add(store.toString());
                    i++;
                }
                case "--save-weights" -> {
                    args.add(w);
                    args.add(dir.resolve(value).toString());
                    i++;
                }
                case "--out", "--csv" -> {
                    output = dir.resolve(value);
                    args.add(w);
                    args.add(output.toString());
                    i++;
                }
                default -> args.add(w);
            }
        }
        if (spec.findOption("--max-epochs") != null) args.addAll(List.of("--max-epochs", "2", "--check-every", "1"));
        if (spec.findOption("--threads") != null) args.addAll(List.of("--threads", "1"));
        if (spec.findOption("--test") != null && !args.contains("--test")) args.addAll(List.of("--test", String.valueOf(TINY_SET)));
        if (spec.findOption("--store") != null && !args.contains("--store")) args.addAll(List.of("--store", store.toString()));

        int before = stored(store);
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as("exit code of %s%nstderr: %s", args, r.err()).isZero();
        switch (name) {
            case "--help" -> assertThat(r.out()).contains("Usage: rhmlab");
            case "generate" -> assertThat(output).isNotEmptyFile();
            case "train" -> assertThat(r.out()).contains("test error");
            case "curve" -> {
                int sizes = 2, seeds = Math.min(2, Integer.parseInt(value(readme, "--seeds", "1")));
                assertThat(stored(store) - before).as("new store rows of %s", args).isEqualTo(sizes * seeds);
            }
            case "runs" -> {
                if (readme.get(1).equals("export")) assertThat(Files.readAllLines(output)).hasSizeGreaterThan(1);
                else assertThat(r.out()).containsPattern("(?m)^[1-9]\\d* runs (of \\d+ match )?in ");
            }
            case "report" -> {
                try (Stream<Path> files = Files.list(output)) {
                    assertThat(files.filter(f -> f.toString().endsWith(".png"))).isNotEmpty();
                }
            }
            case "reproduce" -> assertThat(r.out()).contains("rhm-cnn-collapse");
            case "completion" -> assertThat(r.out()).contains("complete");
            default -> throw new AssertionError("no check for " + name + ": add one");
        }
    }

    private static String value(List<String> words, String option, String otherwise) {
        int i = words.indexOf(option);
        return i >= 0 && i + 1 < words.size() ? words.get(i + 1) : otherwise;
    }

    private static int stored(Path store) {
        if (!Files.exists(store)) return 0;
        try (RunStore s = RunStore.open(store)) {
            return s.list().size();
        }
    }

    private static int indexOfAny(List<String> words, String... tokens) {
        for (int i = 0; i < words.size(); i++) if (Arrays.asList(tokens).contains(words.get(i))) return i;
        return -1;
    }
}
