package io.rhmlab.engine.curve;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhmlab.engine.store.SpecJson;
import io.rhmlab.engine.store.StoredRun;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reading the tables of a stored run's measurements column (name → [layer k − 1][level ℓ − 1]). */
public final class RunMeasurements {
    private RunMeasurements() {
    }

    /** The table-shaped measurements of {@code run} (other entries are skipped). */
    public static Map<String, double[][]> of(StoredRun run) {
        String json = run.measurementsJson();
        if (json == null || json.isBlank()) return Map.of();
        JsonNode root = SpecJson.tree(json);
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double[][] t = table(e.getValue());
            if (t != null) out.put(e.getKey(), t);
        }
        return Collections.unmodifiableMap(out);
    }

    static boolean hasAll(StoredRun run, Set<String> names) {
        if (names.isEmpty()) return true;
        return of(run).keySet().containsAll(names);
    }

    private static double[][] table(JsonNode n) {
        if (!n.isArray()) return null;
        double[][] out = new double[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            JsonNode row = n.get(i);
            if (!row.isArray()) return null;
            out[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                JsonNode x = row.get(j);
                out[i][j] = x.isNumber() ? x.asDouble() : Double.NaN;
            }
        }
        return out;
    }

    /** JSON has no NaN or ∞: +∞ is written as the largest double, NaN as −1 (a sensitivity is never negative). */
    static double[][] storable(double[][] t) {
        double[][] out = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                if (Double.isNaN(out[i][j])) out[i][j] = -1;
                else if (out[i][j] == Double.POSITIVE_INFINITY) out[i][j] = Double.MAX_VALUE;
            }
        }
        return out;
    }
}
