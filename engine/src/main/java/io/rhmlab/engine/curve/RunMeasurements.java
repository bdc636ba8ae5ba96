package io.rhmlab.engine.curve;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.engine.store.SpecJson;
import io.rhmlab.engine.store.StoredRun;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading a stored run's measurements column: the tables (name → [layer k − 1][level ℓ − 1]) measured at the end
 * of training, and the series measured during training ({@value Measures#CHECKPOINTS}: a list of
 * {@code {"epoch": e, name: table, …}}), which is not a table and is skipped by {@link #of}.
 */
public final class RunMeasurements {
    private static final String EVERY = "@every=";

    private RunMeasurements() {
    }

    /** The table-shaped measurements of {@code run} (other entries are skipped). */
    public static Map<String, double[][]> of(StoredRun run) {
        JsonNode root = root(run);
        if (root == null) return Map.of();
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double[][] t = table(e.getValue());
            if (t != null) out.put(e.getKey(), t);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The series measured during training, in increasing epoch; empty when there is none. */
    static List<CheckpointMeasurement> checkpoints(StoredRun run) {
        JsonNode root = root(run);
        JsonNode series = root == null ? null : root.get(Measures.CHECKPOINTS);
        if (series == null || !series.isArray()) return List.of();
        List<CheckpointMeasurement> out = new ArrayList<>();
        for (JsonNode entry : series) {
            if (!entry.isObject() || !entry.path("epoch").canConvertToInt()) continue;
            Map<String, double[][]> tables = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                double[][] t = table(e.getValue());
                if (t != null) tables.put(e.getKey(), t);
            }
            out.add(new CheckpointMeasurement(entry.get("epoch").asInt(), tables));
        }
        out.sort(java.util.Comparator.comparingInt(CheckpointMeasurement::epoch));
        return List.copyOf(out);
    }

    /**
     * The requirement "measured every {@code n} epochs during training" among the names a stored run must carry
     * ({@link TrainerRunner#required}): met by a series holding, at epochs 0, n, 2n, … up to the run's last
     * epoch, every table the same requirement set names.
     */
    static String checkpointsEvery(int n) {
        return Measures.CHECKPOINTS + EVERY + n;
    }

    static boolean hasAll(StoredRun run, Set<String> names) {
        if (names.isEmpty()) return true;
        Set<String> tables = new HashSet<>();
        List<Integer> periods = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith(Measures.CHECKPOINTS + EVERY)) periods.add(Integer.parseInt(name.substring((Measures.CHECKPOINTS + EVERY).length())));
            else tables.add(name);
        }
        if (!of(run).keySet().containsAll(tables)) return false;
        if (periods.isEmpty()) return true;
        Map<Integer, Set<String>> measured = new HashMap<>();
        for (CheckpointMeasurement c : checkpoints(run)) measured.put(c.epoch(), c.tables().keySet());
        for (int every : periods) {
            for (int e = 0; e <= run.epochs(); e += every) {
                Set<String> at = measured.get(e);
                if (at == null || !at.containsAll(tables)) return false;
            }
        }
        return true;
    }

    private static JsonNode root(StoredRun run) {
        String json = run.measurementsJson();
        if (json == null || json.isBlank()) return null;
        return SpecJson.tree(json);
    }

    /** A non-empty array of number arrays, else null (not a table). */
    private static double[][] table(JsonNode n) {
        if (!n.isArray() || n.isEmpty()) return null;
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

    /** The series as stored under {@value Measures#CHECKPOINTS}. */
    static List<Map<String, Object>> storable(List<CheckpointMeasurement> series) {
        List<Map<String, Object>> out = new ArrayList<>(series.size());
        for (CheckpointMeasurement c : series) out.add(c.storable());
        return out;
    }
}
