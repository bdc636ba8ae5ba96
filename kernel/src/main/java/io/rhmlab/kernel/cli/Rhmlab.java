package io.rhmlab.kernel.cli;

import io.rhmlab.engine.train.Natives;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The {@code rhmlab} command line. Each subcommand is a thin shell over the library: it parses flags into
 * the same specs a notebook builds, calls the same API, and prints a short result.
 */
@Command(name = "rhmlab", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A laboratory for how deep networks learn hierarchical data (Random Hierarchy Models).",
        commandListHeading = "%nCommands:%n")
public final class Rhmlab implements Callable<Integer> {

    /**
     * The commands, in the order of the usage. Added in code rather than in {@code @Command(subcommands)}: picocli
     * builds the model of every command it is given, by reflection, and for one command line that took longer than
     * the JVM's start, so {@link #main} builds the one command it runs.
     */
    private static final Map<String, Class<?>> COMMANDS = commands();

    /** The commands that load the native engine: their libtorch setup is checked before DJL looks for one. */
    private static final Set<String> ENGINE_COMMANDS = Set.of("train", "curve", "measure", "reproduce", "run", "sweep", "bench");

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // the one answer that needs no command model: picocli's reflection over every command costs more than the JVM
            System.out.println(new Version().getVersion()[0]);
            System.exit(0);
        }
        configureJvm();
        // the libtorch checks only for the commands that load the engine: generate, runs, report … never look for natives
        String problem = args.length == 0 || !ENGINE_COMMANDS.contains(args[0]) ? null : preflight(args, Natives.probe());
        if (problem != null) {
            System.err.println("error: libtorch: " + problem);
            System.exit(Errors.BAD_INPUT);
        }
        // one known command: the model of that command only (a typo, help and completion need them all)
        String only = args.length > 0 && COMMANDS.containsKey(args[0]) && !args[0].equals("completion") ? args[0] : null;
        System.exit(commandLine(only).execute(args));
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> c = new LinkedHashMap<>();
        c.put("generate", GenerateCommand.class);
        c.put("train", TrainCommand.class);
        c.put("curve", CurveCommand.class);
        c.put("measure", MeasureCommand.class);
        c.put("reproduce", ReproduceCommand.class);
        c.put("runs", RunsCommand.class);
        c.put("report", ReportCommand.class);
        c.put("run", RunCommand.class);
        c.put("sweep", SweepCommand.class);
        c.put("bench", BenchCommand.class);
        c.put("install-kernel", InstallKernelCommand.class);
        c.put("notebook", NotebookCommand.class);
        c.put("completion", CompletionCommand.class);
        return java.util.Collections.unmodifiableMap(c);
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
        return commandLine(null);
    }

    /** The command line with every command, or with {@code only} that one (its behaviour is the same). */
    static CommandLine commandLine(String only) {
        CommandLine cl = new CommandLine(new Rhmlab());
        // the commands first: the settings below reach the subcommands present when they are made
        // each as a command line of its own: picocli applies a command's model transformer (bench's) only then
        COMMANDS.forEach((name, command) -> {
            if (only == null || only.equals(name)) cl.addSubcommand(name, new CommandLine(command));
        });
        if (only == null) cl.addSubcommand("help", CommandLine.HelpCommand.class);
        return cl
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
