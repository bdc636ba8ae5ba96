package io.rhmlab.engine.curve;

import io.rhmlab.engine.observe.CheckpointMeasurement;
import io.rhmlab.engine.observe.SensitivityTable;
import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.store.RunKey;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One point of a learning curve: realisation {@code seed} trained on P = {@code trainSize} samples.
 *
 * @param seed      the realisation, 1..seeds
 * @param trainSize P
 * @param key       the run's store key
 * @param result    what training produced
 * @param reused    served from the store rather than trained by this call
 * @param measurements observables of the trained network, observable →
 *                  [layer k − 1][level ℓ − 1], k = L + 1 the output; empty when none were requested
 * @param checkpoints  the same observables measured during training, in increasing epoch; empty unless
 *                     {@link io.rhmlab.dsl.experiment.Measures#everyEpochs()} was set
 */
public record CurveMember(int seed, long trainSize, String key, MemberResult result, boolean reused,
                          Map<Observable, double[][]> measurements, List<CheckpointMeasurement> checkpoints) {

    public CurveMember {
        measurements = measurements == null ? Map.of() : Map.copyOf(measurements);
        checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
    }

    public CurveMember(int seed, long trainSize, String key, MemberResult result, boolean reused,
                       Map<Observable, double[][]> measurements) {
        this(seed, trainSize, key, result, reused, measurements, List.of());
    }

    public CurveMember(int seed, long trainSize, String key, MemberResult result, boolean reused) {
        this(seed, trainSize, key, result, reused, Map.of(), List.of());
    }

    /** Epoch ↦ the observable at (layer, level) measured during training (empty when it was not). */
    public SortedMap<Integer, Double> duringTraining(Observable name, int layer, int level) {
        TreeMap<Integer, Double> out = new TreeMap<>();
        for (CheckpointMeasurement c : checkpoints) {
            double x = c.value(name, layer, level);
            if (!Double.isNaN(x)) out.put(c.epoch(), x);
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** S_{k,ℓ} (or another observable) of this run: NaN when not measured. */
    public double measurement(Observable o, int layer, int level) {
        return SensitivityTable.cell(measurements.get(o), layer, level);
    }

    public RunSpec spec() { return result.spec(); }
    public String id() { return RunKey.shortId(key); }
    public Status status() { return result.status(); }
    public double testError() { return result.testError(); }
    public double testErrorBest() { return result.testErrorBest(); }
    public double trainLoss() { return result.trainLoss(); }
    public double trainError() { return result.trainError(); }
    public int epochs() { return result.epochs(); }
    public long steps() { return result.steps(); }
    public double wallSeconds() { return result.wallSeconds(); }
    public String device() { return result.device(); }
    public boolean failed() { return result.status() == Status.FAILED; }
    public boolean diverged() { return result.status() == Status.DIVERGED; }
    /** Left out of every reading (medians, P*, figures): it FAILED or DIVERGED, so it measured nothing about P. */
    public boolean excluded() { return !result.isMeasured(); }
}
