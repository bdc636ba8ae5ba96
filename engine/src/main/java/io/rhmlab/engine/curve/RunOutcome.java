package io.rhmlab.engine.curve;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.MemberResult;

import java.util.Map;

/**
 * The result of one run of a sweep.
 *
 * @param spec         the run
 * @param key          its store key
 * @param result       what training produced (possibly FAILED)
 * @param reused       whether it was served from the store instead of being trained now
 * @param measurements observables of the trained network, name → [layer k − 1][level ℓ − 1] (may be empty)
 */
public record RunOutcome(RunSpec spec, String key, MemberResult result, boolean reused, Map<String, double[][]> measurements) {

    public RunOutcome {
        measurements = measurements == null ? Map.of() : Map.copyOf(measurements);
    }

    public RunOutcome(RunSpec spec, String key, MemberResult result, boolean reused) {
        this(spec, key, result, reused, Map.of());
    }
}
