package io.rhmlab.kernel.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code main} builds the model of the one command it runs (the start-up cost of picocli's reflection over every
 * command); that command line must behave exactly as the full one.
 */
class OneCommandModelTest {

    private static String[] run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void theFullCommandLineListsEveryCommandInTheUsageOrder() {
        assertThat(Rhmlab.commandLine().getSubcommands().keySet()).containsExactly("generate", "train", "curve",
                "measure", "reproduce", "runs", "report", "run", "sweep", "bench", "install-kernel", "notebook", "completion", "help");
    }

    @Test
    void oneCommandAnswersAsTheFullCommandLine() throws Exception {
        assertThat(Rhmlab.commandLine("generate").getSubcommands().keySet()).containsExactly("generate");
        for (List<String> args : List.of(List.of("generate", "--help"), List.of("generate", "rhm", "--v", "4", "--nope"),
                List.of("generate", "rhm", "--v", "4", "--classes", "4", "--m", "99", "--s", "2", "--L", "2", "--train", "10",
                        "--out", "x.npz"),
                List.of("curve", "--help"), List.of("runs", "list", "--help"))) {
            String[] one = run(Rhmlab.commandLine(args.get(0)), args.toArray(String[]::new));
            String[] all = run(Rhmlab.commandLine(), args.toArray(String[]::new));
            assertThat(one).as(String.join(" ", args)).containsExactly(all);
        }
        Path dir = Files.createTempDirectory("one-command");
        String[] args = {"generate", "rhm", "--v", "4", "--classes", "4", "--m", "4", "--s", "2", "--L", "2",
                "--train", "20", "--test", "10", "--seed-rules", "1", "--seed-sample", "1", "--out", dir.resolve("a.npz").toString()};
        assertThat(run(Rhmlab.commandLine("generate"), args)[0]).isEqualTo("0");
        assertThat(dir.resolve("a.npz")).isNotEmptyFile();
    }
}
