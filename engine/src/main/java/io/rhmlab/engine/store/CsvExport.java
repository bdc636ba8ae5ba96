package io.rhmlab.engine.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs as an RFC 4180 CSV table for pandas, R or a spreadsheet: one row per run; the spec's fields flattened
 * into dotted columns ({@code hierarchy.multiplicity}, {@code architecture.width}, {@code trainSize}, ...),
 * then the results and provenance. Missing numbers are empty cells; history and measurements stay JSON.
 */
final class CsvExport {

    private static final List<String> RESULT_COLUMNS = List.of("status", "test_error", "test_error_best",
            "train_loss", "train_error", "epochs", "steps", "wall_seconds", "device", "error", "rhmlab_version",
            "djl_version", "pytorch_version", "created", "measurements", "history", "semantics");

    private CsvExport() {
    }

    static void write(List<StoredRun> runs, Path csv) {
        List<Map<String, String>> specs = new ArrayList<>();
        Set<String> specColumns = new LinkedHashSet<>();
        for (StoredRun r : runs) {
            Map<String, String> flat = new LinkedHashMap<>();
            flatten("", SpecJson.tree(r.specJson()), flat);
            specColumns.addAll(flat.keySet());
            specs.add(flat);
        }
        try {
            Path abs = csv.toAbsolutePath();
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
            try (Writer w = Files.newBufferedWriter(abs, StandardCharsets.UTF_8)) {
                List<String> header = new ArrayList<>(List.of("id", "key"));
                header.addAll(specColumns);
                header.addAll(RESULT_COLUMNS);
                line(w, header);
                for (int i = 0; i < runs.size(); i++) {
                    StoredRun r = runs.get(i);
                    List<String> cells = new ArrayList<>(List.of(r.id(), r.key()));
                    for (String c : specColumns) cells.add(specs.get(i).getOrDefault(c, ""));
                    cells.addAll(List.of(r.status().name(), num(r.testError()), num(r.testErrorBest()),
                            num(r.trainLoss()), num(r.trainError()), Integer.toString(r.epochs()),
                            Long.toString(r.steps()), num(r.wallSeconds()), text(r.device()), text(r.error()),
                            r.versions().rhmlab(), r.versions().djl(), r.versions().pytorch(), r.created().toString(),
                            r.measurementsJson(), r.historyJson(), Integer.toString(r.semantics())));
                    line(w, cells);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CSV export " + csv, e);
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "" : Double.toString(x);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static void line(Writer w, List<String> cells) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(quote(cells.get(i)));
        }
        w.write(sb.append("\r\n").toString());
    }

    /** RFC 4180: quote a cell with a comma, quote or line break, doubling inner quotes. */
    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) return cell;
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
