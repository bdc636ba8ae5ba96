package io.rhmlab.kernel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rhmlab} command line. Each subcommand is a thin shell over the library: it parses flags into
 * the same specs a notebook builds, calls the same API, and prints a short result.
 */
@Command(name = "rhmlab", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A laboratory for how deep networks learn hierarchical data (Random Hierarchy Models).",
        commandListHeading = "%nCommands:%n",
        subcommands = {GenerateCommand.class, TrainCommand.class, CurveCommand.class, ReproduceCommand.class,
                RunsCommand.class, ReportCommand.class, RunCommand.class, SweepCommand.class, BenchCommand.class,
                InstallKernelCommand.class, NotebookCommand.class, CommandLine.HelpCommand.class})
public final class Rhmlab {

    public static void main(String[] args) {
        // DJL's Engine sends telemetry unless offline is set before its first class loads: so, first thing.
        System.setProperty("ai.djl.offline", "true");
        // The terminal is for results: the libraries' loggers speak only about problems.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // DJL probes for a GPU even for CPU runs and warns when the driver is older than its CUDA runtime;
        // where a run went is in its results, and --device gpu fails with its own message.
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: one-line errors, exit 2 for bad input. Tests drive this directly. */
    public static CommandLine commandLine() {
        return new CommandLine(new Rhmlab())
                .setParameterExceptionHandler(new Errors.BadFlags())
                .setExecutionExceptionHandler(new Errors.Failures())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
    }
}
