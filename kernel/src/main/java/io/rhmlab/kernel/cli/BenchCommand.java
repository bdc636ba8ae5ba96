package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.bench.GeneratorBenchmark;
import io.rhmlab.engine.bench.CurveBenchmark;
import io.rhmlab.engine.bench.PStarBenchmark;
import io.rhmlab.engine.bench.StepBenchmark;
import io.rhmlab.engine.bench.TrainingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rhmlab bench generate|train|curve|step|pstar}: the project's benchmarks, run from the launcher's classpath.
 * Three of them take plain arguments that they check themselves: those are one line each of {@link #HANDED_OVER}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark: generate (data generator), train (DJL trainer vs PyTorch), curve (real "
                + "learning curves against the matrix-product bound), step (operator vs scripted training step) or pstar "
                + "(P* search vs a grid).",
        subcommands = {BenchCommand.Generate.class, BenchCommand.Curve.class},
        modelTransformer = BenchCommand.AddHandedOver.class)
final class BenchCommand {

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generator throughput against a memory fill, on fixed RHM / SRHM cases; then the generate "
                    + "command end to end on 2 M samples, in this JVM and as a fresh process (and the reference "
                    + "generator beside it when RHMLAB_RHM_REFERENCE names a checkout of it).")
    static final class Generate implements Callable<Integer> {
        @Parameters(paramLabel = "REPS", arity = "0..1", description = "Timed repetitions per case (default: " + GeneratorBenchmark.DEFAULT_REPS + ").")
        List<String> args = List.of();

        @Override
        public Integer call() {
            GeneratorBenchmark.main(args.toArray(String[]::new));
            GenerateEndToEnd.run(args.isEmpty() ? GeneratorBenchmark.DEFAULT_REPS : Integer.parseInt(args.get(0)));
            return 0;
        }
    }

    @Command(name = "curve", mixinStandardHelpOptions = true,
            description = "Four real learning curves (three classification, one last-token transformer) from an empty store: wall time, useful FLOPs, the sgemm rate "
                    + "measured before and after each curve and the share of that bound reached (against the faster reading).")
    static final class Curve implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", arity = "0..*",
                description = "Curves to run: rhm-lcn, srhm-lcn, rhm-cnn, last-token-mla (default: all four).")
        List<String> names = List.of();

        @picocli.CommandLine.Option(names = "--compare-steps",
                description = "Train each curve twice in this run: every step with DJL's operators, then as one TorchScript call (the default); print both and how far their results differ.")
        boolean compareSteps;

        @picocli.CommandLine.Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
                description = "Run the curves N times, round by round, and add per curve the median and range over the "
                        + "rounds whose two sgemm readings agree (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() throws Exception {
            if (rounds < 1) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--rounds: must be at least 1, got " + rounds);
            }
            for (String n : names) {
                if (!CurveBenchmark.CURVES.contains(n)) {
                    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                            "NAME: no benchmark curve '" + n + "' (one of " + String.join(", ", CurveBenchmark.CURVES) + ")");
                }
            }
            List<String> args = new java.util.ArrayList<>(names);
            if (compareSteps) args.add("--compare-steps");
            args.add("--rounds");
            args.add(Integer.toString(rounds));
            CurveBenchmark.main(args.toArray(String[]::new));
            return 0;
        }
    }

    /**
     * A benchmark that reads and checks its own arguments: its subcommand only documents them and hands them over.
     *
     * @param arity     how many arguments it takes, as picocli writes it
     * @param arguments what they are, with their defaults, for the usage
     */
    record HandedOver(String name, String description, String arity, String arguments, BenchmarkMain main) {

        /** The subcommand: {@code name [ARG...]}, with the standard help options. */
        CommandSpec spec() {
            PositionalParamSpec args = PositionalParamSpec.builder().index("0").paramLabel("ARG").arity(arity)
                    .description(arguments).type(List.class).auxiliaryTypes(String.class).build();
            CommandSpec spec = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
                List<String> given = args.getValue();
                main.main(given == null ? new String[0] : given.toArray(String[]::new));
                return 0;
            });
            spec.name(name).mixinStandardHelpOptions(true).addPositional(args);
            spec.usageMessage().description(description);
            return spec;
        }
    }

    static final List<HandedOver> HANDED_OVER = List.of(
            new HandedOver("train", "Training throughput of the hierarchical CNN, beside the same model in plain PyTorch.",
                    "0..2", "[THREADS (default 2)] [path of pytorch_baseline.py (default engine/bench/pytorch_baseline.py)]",
                    TrainingBenchmark::main),
            new HandedOver("step", "The operator step against the scripted step (one TorchScript call) on the ensembles "
                    + "of bench curve: median CPU time over interleaved rounds.",
                    "0..2", "[ROUNDS (default 7)] [CURVES, comma-separated: rhm-lcn, srhm-lcn, rhm-cnn (default all)]",
                    StepBenchmark::main),
            new HandedOver("pstar", "P* found by --find-pstar against a 9-point grid on three settings (RHM CNN, RHM LCN, "
                    + "SRHM CNN), from empty stores: P*, members, member-epochs, wall time.",
                    "0..3", "[TOLERANCES, comma-separated, one search each against the same grid (default 0.15)] "
                    + "[THREADS (default 2)] [SETTINGS, e.g. rhm-cnn,srhm-cnn (default all)]",
                    PStarBenchmark::main));

    /** Adds the {@link #HANDED_OVER} subcommands to {@code bench}'s model as picocli builds it. */
    static final class AddHandedOver implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec bench) {
            HANDED_OVER.forEach(b -> bench.addSubcommand(b.name(), b.spec()));
            return bench;
        }
    }

    /** A benchmark's own {@code main}, which reads its arguments itself. */
    @FunctionalInterface
    interface BenchmarkMain {
        void main(String[] args) throws Exception;
    }

    private BenchCommand() {
    }
}
