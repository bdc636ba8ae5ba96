package io.rhmlab.engine.curve;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.store.RunKey;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;

/**
 * One point of a learning curve: realisation {@code seed} trained on P = {@code trainSize} samples.
 *
 * @param seed      the realisation, 1..seeds
 * @param trainSize P
 * @param key       the run's store key
 * @param result    what training produced
 * @param reused    served from the store rather than trained by this call
 */
public record CurveMember(int seed, long trainSize, String key, MemberResult result, boolean reused) {

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
}
