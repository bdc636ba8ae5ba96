package io.rhmlab.kernel.cli;

import io.rhmlab.engine.store.RunKey;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.store.SpecJson;
import io.rhmlab.engine.store.StoredRun;
import io.rhmlab.engine.train.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rhmlab runs list [--where K=V] | show ID [--json] | rm ID... | export --csv FILE}: the run store from the terminal. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List, show, remove or export the stored runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.ShowRun.class, RunsCommand.RemoveRuns.class,
                RunsCommand.ExportRuns.class})
final class RunsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per stored run, oldest first.")
    static final class ListRuns extends RunsSubcommand {
        @Option(names = "--where", paramLabel = "KEY=VALUE",
                description = "Only runs with this value (repeatable, all must hold). Keys in the papers' notation, as "
                        + "the CSV columns: v, n_c, m, s, L, s0, arch, H (or width), P, P_test, seed, lr, batch, learner, "
                        + "status, ...; e.g. --where arch=cnn --where L=3.")
        List<String> where = List.of();

        @Override
        public Integer call() {
            PrintWriter out = out();
            List<RunFilter> filters = where.stream().map(RunFilter::parse).toList();
            // Listing must not create a store as a side effect.
            if (!Files.exists(store.file)) {
                out.println("no runs (" + store.file + " does not exist)");
                return 0;
            }
            try (RunStore runs = store.open()) {
                List<StoredRun> stored = runs.list();
                List<StoredRun> all = stored.stream().filter(r -> filters.stream().allMatch(f -> f.matches(r))).toList();
                if (all.isEmpty()) {
                    out.println(stored.isEmpty() ? "no runs in " + runs.file()
                            : "no runs match " + String.join(" and ", where) + " (" + stored.size() + " in " + runs.file() + ")");
                    return 0;
                }
                Table t = new Table("id", "status", "hierarchy", "network", "P", "test error", "epochs", "created", "sem");
                for (StoredRun r : all) {
                    var node = SpecJson.tree(r.specJson());
                    t.row(r.id(), r.status(), hierarchyLabel(node.path("hierarchy")), networkLabel(node.path("architecture")),
                            node.path("trainSize").asText("?"), Table.rate(r.testError()), r.epochs(),
                            r.created().toString().substring(0, 19).replace('T', ' '), r.semantics());
                }
                t.print(out);
                long older = all.stream().filter(r -> !r.isCurrent()).count();
                out.println(all.size() + " runs" + (filters.isEmpty() ? "" : " of " + stored.size() + " match") + " in "
                        + runs.file() + (older == 0 ? ""
                        : "; " + older + " of an older results semantics (sem), kept but never served for a current spec"));
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The spec, result and history of one run.")
    static final class ShowRun extends RunsSubcommand {
        @Parameters(paramLabel = "ID", description = "Run id (a prefix of its key, as 'runs list' prints).")
        String id;
        @Option(names = "--json", description = "Print the run as one JSON object (spec, results, versions, measurements, history).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = out();
            store.requireExisting();
            try (RunStore runs = store.open()) {
                StoredRun r = runs.show(id).orElseThrow(() -> new IllegalArgumentException("id: no run " + id + " in " + runs.file()));
                if (json) {
                    out.println(toJson(r));
                    return 0;
                }
                out.println("id       " + r.id() + "  (" + r.key() + ")");
                out.println("status   " + r.status() + (r.error() == null ? "" : ": " + r.error()));
                out.printf("result   test error %s (best %s), train loss %.3g, train error %s%n", Table.rate(r.testError()),
                        Table.rate(r.testErrorBest()), r.trainLoss(), Table.rate(r.trainError()));
                out.printf("work     %d epochs, %d steps, %.1f s on %s%n", r.epochs(), r.steps(), r.wallSeconds(), r.device());
                out.println("versions rhmlab " + r.versions().rhmlab() + ", DJL " + r.versions().djl()
                        + ", PyTorch " + r.versions().pytorch() + "; stored " + r.created());
                out.println("semantics " + r.semantics() + (r.isCurrent() ? " (current)"
                        : " (older than this rhmlab's " + currentSemantics(r) + ": kept, never served for a current spec)"));
                out.println("spec     " + SpecJson.mapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(SpecJson.tree(r.specJson())).replace("\n", "\n         "));
                if (!"{}".equals(r.measurementsJson())) out.println("measured " + r.measurementsJson());
                List<Checkpoint> history = r.history();
                if (!history.isEmpty()) {
                    Table t = new Table("epoch", "steps", "train loss", "train error", "test error");
                    for (Checkpoint c : history) {
                        t.row(c.epoch(), c.steps(), String.format("%.4g", c.trainLoss()), Table.rate(c.trainError()), Table.rate(c.testError()));
                    }
                    t.print(out);
                }
            }
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Remove stored runs (a later curve trains them again). Every ID is checked before any is removed.")
    static final class RemoveRuns extends RunsSubcommand {
        @Parameters(paramLabel = "ID", arity = "1..*", description = "Run ids (prefixes of their keys, as 'runs list' prints).")
        List<String> ids;

        @Override
        public Integer call() {
            store.requireExisting();
            try (RunStore runs = store.open()) {
                java.util.Set<String> keys = new java.util.LinkedHashSet<>();
                for (String id : ids) {
                    keys.add(runs.show(id).orElseThrow(() -> new IllegalArgumentException("id: no run " + id + " in " + runs.file())).key());
                }
                int removed = 0;
                for (String key : keys) if (runs.delete(key)) removed++;
                out().println("removed " + removed + (removed == 1 ? " run" : " runs") + " from " + runs.file());
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Every run as one CSV row (for pandas, R, a spreadsheet); columns in the papers' notation: "
                    + "v, n_c, m, s, L, s0, ..., arch, H, ..., P, P_test, seed, learner, status, test_error, ...")
    static final class ExportRuns extends RunsSubcommand {
        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file to write.")
        Path csv;

        @Override
        public Integer call() {
            store.requireExisting();
            OutputFiles.requireWritable("csv", csv);
            try (RunStore runs = store.open()) {
                int n = runs.list().size();
                runs.exportCsv(csv);
                out().println("wrote " + n + " runs to " + csv);
            }
            return 0;
        }
    }

    /** What every subcommand shares: the store of {@code --store} it works on, and its command line's output. */
    abstract static class RunsSubcommand implements Callable<Integer> {
        @Mixin StoreOption store;
        @Spec CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    /** One stored run as JSON: the spec, measurements and history as JSON trees, not strings. */
    static String toJson(StoredRun r) throws java.io.IOException {
        var m = SpecJson.mapper();
        var root = m.createObjectNode();
        root.put("id", r.id()).put("key", r.key()).put("status", r.status().name());
        root.set("spec", SpecJson.tree(r.specJson()));
        var result = root.putObject("result");
        number(result, "testError", r.testError());
        number(result, "testErrorBest", r.testErrorBest());
        number(result, "trainLoss", r.trainLoss());
        number(result, "trainError", r.trainError());
        result.put("epochs", r.epochs()).put("steps", r.steps());
        number(result, "wallSeconds", r.wallSeconds());
        result.put("device", r.device()).put("error", r.error());
        root.putObject("versions").put("rhmlab", r.versions().rhmlab()).put("djl", r.versions().djl())
                .put("pytorch", r.versions().pytorch());
        root.put("created", r.created().toString());
        root.set("measurements", m.readTree(r.measurementsJson()));
        root.set("history", m.readTree(r.historyJson()));
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static void number(com.fasterxml.jackson.databind.node.ObjectNode o, String field, double x) {
        if (Double.isFinite(x)) o.put(field, x);
        else o.putNull(field);
    }

    /** {@code RHM(v=8, n_c=8, m=8, s=2, L=3)} from a stored hierarchy, without parsing it into a spec. */
    static String hierarchyLabel(com.fasterxml.jackson.databind.JsonNode h) {
        int s0 = h.path("sparsity").asInt(0);
        return (s0 > 0 ? "SRHM-" + h.path("placement").asText() : "RHM") + "(v=" + h.path("vocabulary").asText()
                + ", n_c=" + h.path("classes").asText() + ", m=" + h.path("multiplicity").asText()
                + ", s=" + h.path("branching").asText() + ", L=" + h.path("depth").asText()
                + (s0 > 0 ? ", s0=" + s0 : "") + ")";
    }

    static String networkLabel(com.fasterxml.jackson.databind.JsonNode a) {
        return a.path("kind").asText() + "(H=" + a.path("width").asText() + ")";
    }

    private RunsCommand() {
    }

    /** The semantics this rhmlab computes the run's spec under, or the newest when the spec no longer parses. */
    private static int currentSemantics(StoredRun r) {
        try {
            return RunKey.semanticsOf(r.spec());
        } catch (RuntimeException unreadable) {
            return RunKey.RESULTS_SEMANTICS;
        }
    }
}
