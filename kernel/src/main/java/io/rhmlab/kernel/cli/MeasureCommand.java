package io.rhmlab.kernel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.engine.run.SavedRunMeasurer;
import io.rhmlab.engine.store.RunKey;
import io.rhmlab.engine.store.SavedWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code rhmlab measure DIR}: test error, cross-entropy and sensitivities of saved networks, without training. */
@Command(name = "measure", mixinStandardHelpOptions = true,
        description = "Measure networks saved by train --save-weights (or curve --save-weights): test error and test "
                + "cross-entropy on each run's own test set, and with --observables its sensitivities, without training.")
final class MeasureCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A folder of saved runs, or one run's folder.")
    Path dir;

    @Option(names = "--observables", paramLabel = "LIST",
            description = "Sensitivities to measure: synonym, diffeo, noise (comma-separated; classification runs only).")
    String observables;

    @Option(names = "--base", paramLabel = "N", defaultValue = "500",
            description = "Base inputs of the sensitivities (the first N test data). Default: ${DEFAULT-VALUE}.")
    int base;

    @Option(names = "--initial", description = "Measure the weights the runs started from instead of the trained ones.")
    boolean initial;

    @Option(names = "--json", description = "Print the measurements as JSON.")
    boolean json;

    @Mixin MachineOptions machine;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Measures measures = observables == null ? Measures.none() : Measures.parse(observables).withBaseSize(base);
        List<SavedWeights> runs = SavedWeights.readAll(dir);
        PrintWriter out = spec.commandLine().getOut();
        ArrayNode all = Json.mapper().createArrayNode();
        for (SavedWeights s : runs) {
            SavedRunMeasurer.Result r = SavedRunMeasurer.measure(s, measures, initial, machine.settings());
            Hierarchy h = s.spec().hierarchy();
            if (json) {
                ObjectNode node = all.addObject();
                node.put("key", s.key());
                node.put("weights", initial ? "initial" : "final");
                node.put("testError", r.testError());
                node.put("testLoss", r.testLoss());
                ObjectNode tables = node.putObject("sensitivities");
                for (Map.Entry<Observable, double[][]> e : r.tables().entrySet()) tables.set(e.getKey().symbol(), Json.mapper().valueToTree(e.getValue()));
                node.set("spec", Json.mapper().valueToTree(s.spec()));
                continue;
            }
            out.printf("%s · %s%s · %s · P = %d · seed %d · %s weights: test error %s, test loss %.4f nats%n",
                    RunKey.shortId(s.key()), h.summary(), s.spec().task() == null ? "" : " · " + s.spec().task().label(h),
                    s.spec().architecture().label(), s.spec().trainSize(), s.spec().modelSeed(), initial ? "initial" : "final",
                    Table.rate(r.testError()), r.testLoss());
            for (Map.Entry<Observable, double[][]> e : r.tables().entrySet()) {
                double[][] t = e.getValue();
                for (int layer = 0; layer < t.length; layer++) {
                    StringBuilder line = new StringBuilder("  " + e.getKey().symbol() + " layer " + (layer == t.length - 1 ? "out" : layer + 1) + ":");
                    for (double x : t[layer]) line.append(String.format(" %.4f", x));
                    out.println(line);
                }
            }
        }
        if (json) out.println(Json.write(all));
        return 0;
    }
}
