package io.rhmlab.spark;

import io.rhmlab.engine.cluster.ClusterFlags;
import io.rhmlab.engine.cluster.ClusterOptions;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.train.DeviceChoice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a Spark sweep ({@link SweepMain}, {@link SparkSweep#fromOptions}), parsed in this one place by
 * picocli: the cluster's options are the engine's {@link ClusterFlags}, the same declarations {@code rhmlab sweep}
 * reads, so a flag cannot mean one thing to the launcher's command and another to spark-submit's main. Null fields
 * mean "not given" (the sweep's default); {@code --device} is {@code auto} unless given, as everywhere.
 */
@Command(name = "rhmlab sweep", sortOptions = false,
        description = "Trains the runs of the spec files (learning curves, runs, or JSON arrays of them) as one Spark "
                + "application and stores them; runs already stored are reused.")
final class SweepArguments {

    @Mixin ClusterFlags cluster;

    @Option(names = "--ensemble", paramLabel = "K", description = "Members per Spark task (default "
            + LearningCurve.DEFAULT_ENSEMBLE + ").")
    Integer ensemble;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "Where executors train (default: ${DEFAULT-VALUE}).")
    DeviceChoice device;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch threads per executor (default: its cores).")
    Integer threads;

    @Option(names = "--no-progress", description = "No progress line on stderr.")
    boolean noProgress;

    @Option(names = "--store", paramLabel = "FILE", description = "The run store (default ./" + RunStore.DEFAULT_FILE + ").")
    Path store;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean helpAsked;

    @Parameters(paramLabel = "SPEC.json", arity = "0..*", description = "Spec files, trained as one grid.")
    List<Path> specs = new ArrayList<>();

    private SweepArguments() {
    }

    /** {@code args} as {@link #usage()} describes them; bad input fails with one line naming the option. */
    static SweepArguments parse(List<String> args) {
        SweepArguments a = new SweepArguments();
        CommandLine line = commandLine(a);
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            if (line.isUsageHelpRequested()) return a;   // help wins over whatever else is on the line
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (a.helpAsked) return a;
        requirePositive("--ensemble", a.ensemble);
        requirePositive("--threads", a.threads);
        a.cluster.options();   // the record checks its own values: fail here, before anything starts
        return a;
    }

    private static CommandLine commandLine(SweepArguments a) {
        return new CommandLine(a).setCaseInsensitiveEnumValuesAllowed(true).setUsageHelpAutoWidth(true);
    }

    private static void requirePositive(String option, Integer value) {
        if (value != null && value < 1) throw new IllegalArgumentException(option + ": expected a whole number ≥ 1, got " + value);
    }

    /** Where the runs train: master, executors, GPUs, UI, Spark settings. */
    ClusterOptions cluster() {
        return cluster.options();
    }

    Integer ensemble() {
        return ensemble;
    }

    /** Whether the progress line shows on stderr. */
    boolean progress() {
        return !noProgress;
    }

    Path store() {
        return store;
    }

    List<Path> specs() {
        return List.copyOf(specs);
    }

    /** Whether help was asked for (parsing stopped there). */
    boolean help() {
        return helpAsked;
    }

    /** The sweep these arguments configure (the store and spec files are the caller's). */
    SparkSweep sweep() {
        SparkSweep s = SparkSweep.with(cluster()).progress(progress());
        if (ensemble != null) s.ensemble(ensemble);
        if (device != null) s.device(device);
        if (threads != null) s.settings(s.settings().withThreads(threads));
        return s;
    }

    /** The store given with {@code --store}, else {@value RunStore#DEFAULT_FILE} in the working folder. */
    Path storeOrDefault() {
        return store != null ? store : Path.of(RunStore.DEFAULT_FILE);
    }

    /** picocli's usage of these options, defaults from the code. */
    static String usage() {
        return commandLine(new SweepArguments()).getUsageMessage().stripTrailing();
    }
}
