package io.rhmlab.engine.store;

import io.rhmlab.engine.observe.CheckpointMeasurement;
import com.fasterxml.jackson.databind.JsonNode;
import io.rhmlab.dsl.experiment.Observable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one codec of a stored run's measurements column: the tables measured at the end of training, each under
 * its {@link Observable#storeName()} as [layer k − 1][level ℓ − 1], and the series measured during training
 * (under {@value #CHECKPOINTS}: a list of {@code {"epoch": e, storeName: table, …}}, not a table).
 *
 * <p>JSON has no NaN or ∞: a table is written with NaN as −1 (a sensitivity is never negative) and +∞ as the
 * largest double, and read back to NaN and +∞ here, so that every table in memory holds plain values.
 */
public final class RunMeasurements {
    /** The key of the series measured during training. */
    public static final String CHECKPOINTS = "checkpoints";

    private RunMeasurements() {
    }

    /** The end-of-training tables of {@code run}, by observable (entries that are not tables are skipped). */
    public static Map<Observable, double[][]> of(StoredRun run) {
        JsonNode root = root(run);
        return root == null ? Map.of() : tables(root);
    }

    /** The series measured during training, in increasing epoch; empty when there is none. */
    public static List<CheckpointMeasurement> checkpoints(StoredRun run) {
        JsonNode root = root(run);
        JsonNode series = root == null ? null : root.get(CHECKPOINTS);
        if (series == null || !series.isArray()) return List.of();
        List<CheckpointMeasurement> out = new ArrayList<>();
        for (JsonNode entry : series) {
            if (!entry.isObject() || !entry.path("epoch").canConvertToInt()) continue;
            out.add(new CheckpointMeasurement(entry.get("epoch").asInt(), tables(entry)));
        }
        out.sort(Comparator.comparingInt(CheckpointMeasurement::epoch));
        return List.copyOf(out);
    }

    /** A table as stored: NaN → −1, +∞ → the largest double. */
    public static double[][] encode(double[][] t) {
        double[][] out = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i].clone();
            for (int j = 0; j < out[i].length; j++) out[i][j] = encode(out[i][j]);
        }
        return out;
    }

    /** The series as stored under {@value #CHECKPOINTS}. */
    public static List<Map<String, Object>> encode(List<CheckpointMeasurement> series) {
        List<Map<String, Object>> out = new ArrayList<>(series.size());
        for (CheckpointMeasurement c : series) {
            Map<String, Object> entry = new TreeMap<>();
            entry.put("epoch", c.epoch());
            c.tables().forEach((o, t) -> entry.put(o.storeName(), encode(t)));
            out.add(entry);
        }
        return out;
    }

    static double encode(double x) {
        if (Double.isNaN(x)) return -1;
        return x == Double.POSITIVE_INFINITY ? Double.MAX_VALUE : x;
    }

    /** The inverse of {@link #encode(double)}; any negative number or non-number is NaN. */
    static double decode(double x) {
        if (x < 0) return Double.NaN;
        return x == Double.MAX_VALUE ? Double.POSITIVE_INFINITY : x;
    }

    /** The tables among the fields of {@code node}, by observable. */
    private static Map<Observable, double[][]> tables(JsonNode node) {
        Map<Observable, double[][]> out = new EnumMap<>(Observable.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Observable o = Observable.ofStoreName(e.getKey()).orElse(null);
            double[][] t = o == null ? null : table(e.getValue());
            if (t != null) out.put(o, t);
        }
        return Collections.unmodifiableMap(out);
    }

    private static JsonNode root(StoredRun run) {
        String json = run.measurementsJson();
        if (json == null || json.isBlank()) return null;
        return SpecJson.tree(json);
    }

    /** A non-empty array of number arrays, decoded; else null (not a table). */
    private static double[][] table(JsonNode n) {
        if (!n.isArray() || n.isEmpty()) return null;
        double[][] out = new double[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            JsonNode row = n.get(i);
            if (!row.isArray()) return null;
            out[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                JsonNode x = row.get(j);
                out[i][j] = x.isNumber() ? decode(x.asDouble()) : Double.NaN;
            }
        }
        return out;
    }
}
