package io.rhmlab.engine.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.Checkpoint;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * One row of the run store, as stored: the spec and history stay JSON text so that a store written by another
 * rhmlab version can still be listed even where its spec no longer parses. Missing numbers are NaN.
 *
 * @param key          SHA-256 hex of the spec and results-semantics version ({@link RunKey})
 * @param specJson     canonical JSON of the {@link RunSpec}
 * @param status       how training ended
 * @param testError    test error of the final model
 * @param testErrorBest lowest test error seen at a checkpoint
 * @param trainLoss    final training loss
 * @param trainError   final training error
 * @param epochs       epochs trained
 * @param steps        optimiser steps
 * @param wallSeconds  wall-clock training time of the member (its ensemble's time)
 * @param device       where it ran, e.g. {@code cpu()} or {@code gpu(0)}
 * @param historyJson  the checkpoints, JSON array
 * @param error        the error message of a FAILED run, else as the trainer reported it (usually null)
 * @param versions     the software that produced it (provenance; not part of the key)
 * @param created      when it was stored
 * @param measurementsJson further observables by name (sensitivities, ...), JSON object
 * @param semantics    the results-semantics version it was computed under ({@link RunKey#semanticsOf})
 */
public record StoredRun(String key, String specJson, Status status, double testError, double testErrorBest,
                        double trainLoss, double trainError, int epochs, long steps, double wallSeconds,
                        String device, String historyJson, String error, RunVersions versions, Instant created,
                        String measurementsJson, int semantics) {

    /**
     * Whether it was computed under the semantics this rhmlab computes its spec under ({@link RunKey#semanticsOf});
     * older runs are kept but never served.
     */
    public boolean isCurrent() {
        if (semantics == RunKey.RESULTS_SEMANTICS) return true;
        if (semantics != RunKey.WITHOUT_AUTOGRAD_SEMANTICS) return false;
        try {
            return RunKey.semanticsOf(spec()) == semantics;
        } catch (RuntimeException unreadable) {
            return false;   // a spec this version cannot read is no current result
        }
    }

    /** The short id people type: the first 12 hex characters of the key. */
    public String id() {
        return RunKey.shortId(key);
    }

    /** The spec, parsed; fails if it was written by an incompatible rhmlab version. */
    public RunSpec spec() {
        return SpecJson.read(specJson, RunSpec.class);
    }

    public List<Checkpoint> history() {
        try {
            return SpecJson.mapper().readValue(historyJson, new TypeReference<List<Checkpoint>>() { });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("malformed stored history of run " + id(), e);
        }
    }

    /** The result as the trainer reported it. */
    public MemberResult toResult() {
        return new MemberResult(spec(), status, testError, testErrorBest, trainLoss, trainError, epochs, steps,
                wallSeconds, device, history(), error);
    }

    /** Whether a request for this run is served from the store (FAILED runs are retried). */
    public boolean isFinished() {
        return status != Status.FAILED;
    }
}
