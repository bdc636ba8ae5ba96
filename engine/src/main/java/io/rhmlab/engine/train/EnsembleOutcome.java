package io.rhmlab.engine.train;

import io.rhmlab.engine.net.MemberWeights;

import java.util.List;

/** What an ensemble run produced: per member its result and its final weights (same order as the specs). */
public record EnsembleOutcome(List<MemberResult> results, List<MemberWeights> weights) {
    public EnsembleOutcome {
        results = List.copyOf(results);
        weights = List.copyOf(weights);
    }
}
