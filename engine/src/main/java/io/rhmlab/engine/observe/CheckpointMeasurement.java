package io.rhmlab.engine.observe;

import io.rhmlab.dsl.experiment.Observable;

import java.util.Map;

/**
 * Observables of one run measured during training ({@link io.rhmlab.dsl.experiment.Measures#everyEpochs()}): the
 * tables of its weights after {@code epoch} epochs (0 = at initialisation), on the same base inputs and perturbed
 * copies as the end-of-training ones.
 *
 * @param epoch  the run's completed epochs
 * @param tables observable → [layer k − 1][level ℓ − 1], k = L + 1 the output
 */
public record CheckpointMeasurement(int epoch, Map<Observable, double[][]> tables) {

    public CheckpointMeasurement {
        tables = Map.copyOf(tables);
    }

    /** The value at (layer, level), NaN when not measured. */
    public double value(Observable o, int layer, int level) {
        return SensitivityTable.cell(tables.get(o), layer, level);
    }
}
