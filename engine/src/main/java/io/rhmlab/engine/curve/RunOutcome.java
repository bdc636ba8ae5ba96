package io.rhmlab.engine.curve;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.MemberResult;

/**
 * The result of one run of a sweep.
 *
 * @param spec   the run
 * @param key    its store key
 * @param result what training produced (possibly FAILED)
 * @param reused whether it was served from the store instead of being trained now
 */
public record RunOutcome(RunSpec spec, String key, MemberResult result, boolean reused) {
}
