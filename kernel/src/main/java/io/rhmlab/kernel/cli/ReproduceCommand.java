package io.rhmlab.kernel.cli;

import io.rhmlab.engine.science.Reproduction;
import io.rhmlab.engine.science.ReproductionContext;
import io.rhmlab.engine.science.ReproductionReport;
import io.rhmlab.engine.science.Reproductions;
import io.rhmlab.engine.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rhmlab reproduce NAME...}: named small-scale reproductions of the papers, printing measured values next
 * to what the papers report; every run lands in the store, so a second call is served from it.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run named small-scale reproductions of the papers (stored; a re-run is instant). --list shows them.")
final class ReproduceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Reproductions to run (see --list); 'all' runs every one.")
    List<String> names = List.of();

    @Option(names = "--list", description = "List the reproductions and exit.")
    boolean list;

    @Option(names = "--quick", description = "A reduced grid (smoke check; not the reported reproduction).")
    boolean quick;

    @Option(names = "--verbose", description = "Also print every learning curve as it finishes.")
    boolean verbose;

    @Option(names = "--quiet", description = "No progress line (default: the progress line on stderr, with the time left).")
    boolean quiet;

    @Mixin MachineOptions machine;
    @Mixin StoreOption store;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list || names.isEmpty()) {
            for (Reproduction r : Reproductions.all()) out.printf("%-18s %s%n", r.name(), r.title());
            out.flush();
            return 0;
        }
        List<Reproduction> todo = names.size() == 1 && names.get(0).equalsIgnoreCase("all")
                ? Reproductions.all() : names.stream().map(Reproductions::byName).toList();
        boolean allAgree = true;
        try (RunStore s = RunStore.open(store.file)) {
            ReproductionContext ctx = context(s);
            for (Reproduction r : todo) {
                ReproductionReport report = r.run(ctx);
                out.println(report);
                out.flush();
                allAgree &= report.allAgree();
            }
        }
        return 0;
    }

    /** Progress by default (a reproduction trains for minutes); curve tables with --verbose; nothing with --quiet. */
    ReproductionContext context(RunStore s) {
        return new ReproductionContext(s, machine.settings(), verbose ? System.err : null, !quiet, quick);
    }
}
