package io.rhmlab.engine.curve;

import java.util.Map;
import java.util.TreeMap;

/**
 * Observables of one run measured during training ({@link io.rhmlab.dsl.experiment.Measures#everyEpochs()}): the
 * tables of its weights after {@code epoch} epochs (0 = at initialisation), on the same base inputs and perturbed
 * copies as the end-of-training ones.
 *
 * @param epoch  the run's completed epochs
 * @param tables name (e.g. {@code synonymSensitivity}) → [layer k − 1][level ℓ − 1], k = L + 1 the output
 */
public record CheckpointMeasurement(int epoch, Map<String, double[][]> tables) {

    public CheckpointMeasurement {
        tables = Map.copyOf(tables);
    }

    /** The value at (layer, level), NaN when not measured (or stored as not a number). */
    public double value(String name, int layer, int level) {
        double[][] t = tables.get(name);
        if (t == null || layer < 1 || layer > t.length || level < 1 || level > t[layer - 1].length) return Double.NaN;
        double x = t[layer - 1][level - 1];
        return x < 0 ? Double.NaN : x;
    }

    /** As stored: {@code {"epoch": e, name: table, …}}, tables made JSON-safe ({@link RunMeasurements#storable}). */
    Map<String, Object> storable() {
        Map<String, Object> out = new TreeMap<>();
        out.put("epoch", epoch);
        for (Map.Entry<String, double[][]> e : tables.entrySet()) out.put(e.getKey(), RunMeasurements.storable(e.getValue()));
        return out;
    }
}
