package io.rhmlab.spark;

import io.rhmlab.dsl.experiment.Observable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.observe.CheckpointMeasurement;
import io.rhmlab.engine.store.SpecJson;
import io.rhmlab.engine.train.MemberResult;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * What one Spark task trains: the members of one ensemble chunk, and the runs its data pools must be sized for
 * (see {@link ExecutorRunnerFactory#create}). Crosses the wire as canonical JSON ({@link SpecJson}); the engine's
 * records are not {@link java.io.Serializable} and need not be.
 *
 * @param index   the chunk's position in the plan, 0-based (for messages and the Spark UI)
 * @param members the runs trained together, in the order the local path trains them
 * @param planned members plus the largest pending run of each of their realisations
 * @param measures the observables measured on every trained member (the curve's), none when empty
 */
record Chunk(int index, List<RunSpec> members, List<RunSpec> planned, Measures measures) {

    private static final TypeReference<Results> RESULTS = new TypeReference<>() { };

    Chunk {
        members = List.copyOf(members);
        planned = List.copyOf(planned);
        if (measures == null) measures = Measures.none();
    }

    Chunk(int index, List<RunSpec> members, List<RunSpec> planned) {
        this(index, members, planned, Measures.none());
    }

    /** A member's measurements as they cross the wire: end-of-training tables and the series during training. */
    record Measured(RunSpec run, Map<Observable, double[][]> tables, List<CheckpointMeasurement> series) {
    }

    /** What a task returns: every member's result, and what was measured on them. */
    record Results(List<MemberResult> results, List<Measured> measured) {
        Results {
            results = List.copyOf(results);
            measured = measured == null ? List.of() : List.copyOf(measured);
        }
    }

    String toJson() {
        return SpecJson.write(this);
    }

    static Chunk fromJson(String json) {
        return SpecJson.read(json, Chunk.class);
    }

    static String resultsToJson(List<MemberResult> results) {
        return resultsToJson(new Results(results, List.of()));
    }

    static String resultsToJson(Results results) {
        try {
            return SpecJson.mapper().writeValueAsString(results);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write member results as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Results resultsFromJson(String json) {
        try {
            return SpecJson.mapper().readValue(json, RESULTS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("malformed member results from an executor: " + e.getOriginalMessage(), e);
        }
    }
}
