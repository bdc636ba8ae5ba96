package io.rhmlab.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhmlab.dsl.experiment.LearningCurveSpec;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.run.RunOutcome;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.store.SpecJson;
import io.rhmlab.engine.train.Status;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line of a Spark sweep, for {@code spark-submit} and for the {@code rhmlab} launcher:
 * <pre>
 * java [Spark's JVM options] -cp ... io.rhmlab.spark.SweepMain [--master local[2]] [--store runs.sqlite] [options] SPEC.json...
 * spark-submit --class io.rhmlab.spark.SweepMain app.jar --store runs.sqlite grid.json
 * </pre>
 * Each SPEC.json holds a learning curve ({@link LearningCurveSpec}, as {@code SpecJson.write(curve.spec())} writes
 * it), a single run ({@link RunSpec}), or a JSON array of either; all of them form one grid, trained in one Spark
 * application. The options are parsed once, by {@link SweepArguments} (also behind {@link SparkSweep#fromOptions}),
 * and include {@code --store FILE} (default {@value RunStore#DEFAULT_FILE}). Exit status: 0 when every run is finished, 1 when some failed (they are
 * stored as FAILED and retried by the next sweep), 2 on bad input.
 */
public final class SweepMain {

    private SweepMain() {
    }

    public static void main(String[] args) {
        // Spark logs at INFO by default: warnings only, unless the user configured logging
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:io/rhmlab/spark/log4j2-sweep.properties");
        }
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** {@link #main} without exiting: the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            SweepArguments arguments = SweepArguments.parse(args);
            if (arguments.help()) {
                out.println(usage());
                return 0;
            }
            if (arguments.specs().isEmpty()) throw new IllegalArgumentException("SPEC.json: at least one spec file is needed\n" + usage());
            SparkSweep sweep = arguments.sweep();
            Path storeFile = arguments.storeOrDefault();
            List<Path> files = arguments.specs();
            List<RunSpec> runs = new ArrayList<>();
            List<LearningCurveSpec> measured = new ArrayList<>();
            for (Path f : files) runs.addAll(read(f, measured));
            try (RunStore store = RunStore.open(storeFile)) {
                List<RunOutcome> outcomes = new ArrayList<>(sweep.run(runs, store));
                // a measured curve runs as a curve, so that its executors measure what it asks for
                for (LearningCurveSpec curve : measured) {
                    for (var m : sweep.run(curve, store).members()) {
                        outcomes.add(new RunOutcome(m.spec(), m.key(), m.result(), m.reused(), m.measurements(), m.checkpoints()));
                    }
                }
                long reused = outcomes.stream().filter(RunOutcome::reused).count();
                long failed = outcomes.stream().filter(o -> o.result().status() == Status.FAILED).count();
                out.printf("%d runs: %d trained on %s, %d reused from the store, %d failed; stored in %s%n",
                        outcomes.size(), outcomes.size() - reused, sweep, reused, failed, store.file());
                for (RunOutcome o : outcomes) {
                    if (o.result().status() == Status.FAILED) out.printf("  FAILED %s: %s%n", o.key().substring(0, 12), o.result().error());
                }
                return failed == 0 ? 0 : 1;
            }
        } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException e) {   // InvalidSpecException is an IllegalArgumentException
            err.println("rhmlab sweep: " + e.getMessage());
            return 2;
        }
    }

    /** The runs of one spec file: a curve, a run, or an array of them. */
    static List<RunSpec> read(Path file) throws IOException {
        List<LearningCurveSpec> measured = new ArrayList<>();
        List<RunSpec> runs = read(file, measured);
        for (LearningCurveSpec c : measured) runs.addAll(c.runs());
        return runs;
    }

    /** As {@link #read(Path)}, but curves that measure observables go to {@code measured}, whole. */
    static List<RunSpec> read(Path file, List<LearningCurveSpec> measured) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("SPEC.json: no file " + file);
        JsonNode root = SpecJson.tree(Files.readString(file));
        List<RunSpec> runs = new ArrayList<>();
        if (root.isArray()) for (JsonNode n : root) runs.addAll(runs(n, file, measured));
        else runs.addAll(runs(root, file, measured));
        return runs;
    }

    private static List<RunSpec> runs(JsonNode n, Path file, List<LearningCurveSpec> measured) {
        String json = n.toString();
        if (n.has("sizes")) {
            LearningCurveSpec curve = SpecJson.read(json, LearningCurveSpec.class);
            if (curve.measuresOrNone().isEmpty()) return curve.runs();
            measured.add(curve);
            return List.of();
        }
        if (n.has("trainSize")) return List.of(SpecJson.read(json, RunSpec.class));
        throw new IllegalArgumentException("SPEC.json: " + file + " holds neither a learning curve (with \"sizes\") nor a run (with \"trainSize\")");
    }

    static String usage() {
        return SweepArguments.usage();
    }
}
