package io.rhmlab.kernel.cli;

import io.rhmlab.engine.train.Natives;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The {@code rhmlab} command line. Each subcommand is a thin shell over the library: it parses flags into
 * the same specs a notebook builds, calls the same API, and prints a short result.
 */
@Command(name = "rhmlab", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A laboratory for how deep networks learn hierarchical data (Random Hierarchy Models).",
        commandListHeading = "%nCommands:%n",
        subcommands = {GenerateCommand.class, TrainCommand.class, CurveCommand.class, MeasureCommand.class, ReproduceCommand.class,
                RunsCommand.class, ReportCommand.class, RunCommand.class, SweepCommand.class, BenchCommand.class,
                InstallKernelCommand.class, NotebookCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Rhmlab implements Callable<Integer> {

    /** The commands that load the native engine: their libtorch setup is checked before DJL looks for one. */
    private static final Set<String> ENGINE_COMMANDS = Set.of("train", "curve", "reproduce", "run", "sweep", "bench");

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        configureJvm();
        String problem = preflight(args, Natives.probe());
        if (problem != null) {
            System.err.println("error: libtorch: " + problem);
            System.exit(Errors.BAD_INPUT);
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * DJL's Engine sends telemetry unless offline mode or its opt-out ({@code OPT_OUT_TRACKING}) is set before its
     * first class loads: both, first thing. The terminal is for results: the libraries' loggers speak only about
     * problems.
     */
    static void configureJvm() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // DJL probes for a GPU even for CPU runs and warns when the driver is older than its CUDA runtime;
        // where a run went is in its results, and --device gpu fails with its own message.
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }

    /** Why a command that trains cannot find a usable libtorch, or null (also null for help and other commands). */
    static String preflight(String[] args, Natives natives) {
        if (args.length == 0 || !ENGINE_COMMANDS.contains(args[0])) return null;
        for (String a : args) if (a.equals("--help") || a.equals("-h")) return null;
        return natives.problem();
    }

    /** The configured command line: one-line errors, exit 2 for bad input. Tests drive this directly. */
    public static CommandLine commandLine() {
        return new CommandLine(new Rhmlab())
                .setParameterExceptionHandler(new Errors.BadFlags())
                .setExecutionExceptionHandler(new Errors.Failures())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
    }

    /** A bare {@code rhmlab}: the usage, on stderr, and exit 2 (a command is missing). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Errors.BAD_INPUT;
    }
}
