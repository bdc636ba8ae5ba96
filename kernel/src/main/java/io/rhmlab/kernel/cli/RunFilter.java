package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.engine.store.RunColumns;
import io.rhmlab.engine.store.StoredRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --where KEY=VALUE} of {@code runs list}: keys are the CSV columns in the papers' notation (v, n_c, m, s,
 * L, s0, arch, H, P, seed, status, ...) or the command line's flag names (classes, width, train, test); values
 * match case-insensitively, and as numbers where both sides are numbers ({@code lr=0.10} matches 0.1).
 */
record RunFilter(String key, String value) {

    private static final Map<String, String> ALIASES = Map.of("classes", "n_c", "width", "H", "train", "P",
            "P_train", "P", "test", "P_test", "model_seed", "seed", "seed-rules", "seed_rules",
            "seed-sample", "seed_sample", "kind", "arch");

    static RunFilter parse(String term) {
        int eq = term.indexOf('=');
        InvalidSpecException.require(eq > 0, "where", "expected KEY=VALUE, got '" + term + "'");
        String key = term.substring(0, eq).trim();
        key = ALIASES.getOrDefault(key, key);
        List<String> known = new ArrayList<>(List.of("id"));
        known.addAll(RunColumns.specNames());
        known.addAll(RunColumns.RESULTS);
        InvalidSpecException.require(known.contains(key), "where", "unknown key '" + term.substring(0, eq).trim()
                + "' (keys: " + String.join(", ", known.subList(0, known.size() - 3)) + ", ...)");
        return new RunFilter(key, term.substring(eq + 1).trim());
    }

    boolean matches(StoredRun run) {
        return matches(RunColumns.of(run).getOrDefault(key, ""));
    }

    boolean matches(String cell) {
        if (cell.equalsIgnoreCase(value)) return true;
        try {
            return Double.parseDouble(cell) == Double.parseDouble(value);
        } catch (NumberFormatException notNumbers) {
            return false;
        }
    }
}
