package io.rhmlab.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.store.SpecJson;
import io.rhmlab.engine.train.MemberResult;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * What one Spark task trains: the members of one ensemble chunk, and the runs its data pools must be sized for
 * (see {@link ExecutorRunnerFactory#create}). Crosses the wire as canonical JSON ({@link SpecJson}); the engine's
 * records are not {@link java.io.Serializable} and need not be.
 *
 * @param index   the chunk's position in the plan, 0-based (for messages and the Spark UI)
 * @param members the runs trained together, in the order the local path trains them
 * @param planned members plus the largest pending run of each of their realisations
 */
record Chunk(int index, List<RunSpec> members, List<RunSpec> planned) {

    private static final TypeReference<List<MemberResult>> RESULTS = new TypeReference<>() { };

    Chunk {
        members = List.copyOf(members);
        planned = List.copyOf(planned);
    }

    String toJson() {
        return SpecJson.write(this);
    }

    static Chunk fromJson(String json) {
        return SpecJson.read(json, Chunk.class);
    }

    static String resultsToJson(List<MemberResult> results) {
        try {
            return SpecJson.mapper().writeValueAsString(results);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write member results as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static List<MemberResult> resultsFromJson(String json) {
        try {
            return SpecJson.mapper().readValue(json, RESULTS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("malformed member results from an executor: " + e.getOriginalMessage(), e);
        }
    }
}
