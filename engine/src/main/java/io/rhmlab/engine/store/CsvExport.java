package io.rhmlab.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs as an RFC 4180 CSV table for pandas, R or a spreadsheet: one row per run, in the papers' notation
 * ({@link RunColumns}: v, n_c, m, s, L, s0, arch, H, P, seed, ..., status, test_error, ...). Missing numbers are
 * empty cells; history and measurements stay JSON.
 */
final class CsvExport {

    private CsvExport() {
    }

    static void write(List<StoredRun> runs, Path csv) {
        List<Map<String, String>> rows = new ArrayList<>();
        // the header: the fixed columns even for an empty store, then any extra spec field some run has
        Set<String> header = new LinkedHashSet<>(List.of("id", "key"));
        header.addAll(RunColumns.specNames());
        for (StoredRun r : runs) {
            Map<String, String> row = RunColumns.of(r);
            rows.add(row);
            for (String c : row.keySet()) if (!RunColumns.RESULTS.contains(c)) header.add(c);
        }
        header.addAll(RunColumns.RESULTS);
        try {
            Path abs = csv.toAbsolutePath();
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
            try (Writer w = Files.newBufferedWriter(abs, StandardCharsets.UTF_8)) {
                line(w, new ArrayList<>(header));
                for (Map<String, String> row : rows) {
                    List<String> cells = new ArrayList<>();
                    for (String c : header) cells.add(row.getOrDefault(c, ""));
                    line(w, cells);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CSV export " + csv, e);
        }
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
