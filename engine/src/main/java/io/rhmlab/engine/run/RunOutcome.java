package io.rhmlab.engine.run;

import io.rhmlab.engine.observe.CheckpointMeasurement;
import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.MemberResult;

import java.util.List;
import java.util.Map;

/**
 * The result of one run of a sweep.
 *
 * @param spec         the run
 * @param key          its store key
 * @param result       what training produced (possibly FAILED)
 * @param reused       whether it was served from the store instead of being trained now
 * @param measurements observables of the trained network, observable → [layer k − 1][level ℓ − 1] (may be empty)
 * @param checkpoints  the observables measured during training, in increasing epoch (may be empty)
 */
public record RunOutcome(RunSpec spec, String key, MemberResult result, boolean reused, Map<Observable, double[][]> measurements,
                         List<CheckpointMeasurement> checkpoints) {

    public RunOutcome {
        measurements = measurements == null ? Map.of() : Map.copyOf(measurements);
        checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
    }

    public RunOutcome(RunSpec spec, String key, MemberResult result, boolean reused, Map<Observable, double[][]> measurements) {
        this(spec, key, result, reused, measurements, List.of());
    }

    public RunOutcome(RunSpec spec, String key, MemberResult result, boolean reused) {
        this(spec, key, result, reused, Map.of(), List.of());
    }
}
