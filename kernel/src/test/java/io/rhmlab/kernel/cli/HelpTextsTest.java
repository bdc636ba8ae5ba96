package io.rhmlab.kernel.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every help text is clean: no picocli warning, no raw field placeholder, every flag and argument described. */
class HelpTextsTest {

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) if (!out.contains(sub)) collect(sub, out);
    }

    @Test
    void everyCommandsHelpIsCleanAndDescribed() {
        List<CommandLine> all = new ArrayList<>();
        collect(Rhmlab.commandLine(), all);
        assertThat(all.stream().map(c -> c.getCommandSpec().qualifiedName()))
                .contains("rhmlab install-kernel", "rhmlab sweep", "rhmlab notebook", "rhmlab runs rm", "rhmlab completion");
        PrintStream saved = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine c : all) {
                String name = c.getCommandSpec().qualifiedName();
                String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
                assertThat(usage).as(name).doesNotContainPattern("<[a-z][A-Za-z0-9]*>").doesNotContain("${", "%n")
                        .doesNotContain("default: null");   // a ${DEFAULT-VALUE} on a field that starts unset
                List<ArgSpec> args = new ArrayList<>(c.getCommandSpec().options());
                args.addAll(c.getCommandSpec().positionalParameters());
                for (ArgSpec a : args) {
                    assertThat(String.join(" ", a.description())).as(name + " " + a.paramLabel() + " " + a).isNotBlank();
                }
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    /**
     * The help's defaults are the fields' starting values; these must build what the library builds by default, so
     * a command line without training flags keeps the specs (and store keys) of {@code Training.sgd(0.1)}.
     */
    @Test
    void theDefaultsTheHelpShowsAreTheLibrarys() {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs("rhm", "--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--train", "8");
        assertThat(train.trainingOptions.training()).isEqualTo(io.rhmlab.dsl.train.Training.sgd(0.1).build());
        assertThat(train.task.hierarchy()).isEqualTo(io.rhmlab.dsl.Hierarchy.rhm().v(4).m(4).L(2).build());
        new CommandLine(train).setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs("rhm", "--v", "4", "--m", "4", "--L", "2", "--arch", "cnn", "--train", "8", "--optimizer", "adam");
        assertThat(train.trainingOptions.training()).isEqualTo(io.rhmlab.dsl.train.Training.adam(0.1).build());
        assertThat(CliRun.of("train", "--help").out())
                .contains("Mini-batch size (default: " + io.rhmlab.dsl.train.TrainingBuilder.DEFAULT_BATCH + ")")
                .contains("Optimiser (default: sgd)").contains("Device (default: auto");
    }

    @Test
    void installKernelHelpShowsThePercentSign() {
        CliRun run = CliRun.of("install-kernel", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("%use rhmlab").doesNotContain("%%");
    }

    @Test
    void notebookHelpDescribesDirAndPort() {
        CliRun run = CliRun.of("notebook", "--help");
        assertThat(run.out()).containsPattern("\\[DIR]\\s+Folder the notebook server opens")
                .containsPattern("--port=PORT\\s+Port on 127.0.0.1 \\(default: 8888\\)");
    }

    @Test
    void aBareCallPrintsTheUsageAndExitsTwo() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Usage: rhmlab").contains("Commands:", "train", "curve");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void completionPrintsABashScriptCoveringTheCommands() {
        CliRun run = CliRun.of("completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F _complete_rhmlab", "train", "curve", "--sizes-around", "--device");
    }
}
