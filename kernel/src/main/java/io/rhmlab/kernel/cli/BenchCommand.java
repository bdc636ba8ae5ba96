package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.bench.GeneratorBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code rhmlab bench ...}: the project's benchmarks, run from the launcher's classpath. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark: generate (data generator throughput).",
        subcommands = {BenchCommand.Generate.class})
final class BenchCommand {

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generator throughput against a memory fill, on fixed RHM / SRHM cases.")
    static final class Generate implements Callable<Integer> {
        @Parameters(paramLabel = "REPS", arity = "0..1", description = "Timed repetitions per case (default: 5).")
        List<String> args = List.of();

        @Override
        public Integer call() {
            GeneratorBenchmark.main(args.toArray(String[]::new));
            return 0;
        }
    }

    private BenchCommand() {
    }
}
