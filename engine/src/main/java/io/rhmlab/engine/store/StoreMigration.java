package io.rhmlab.engine.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings a run store file up to {@link RunStore#SCHEMA}, in place and in one transaction, without retraining.
 *
 * <p>From rhmlab 0.1.0 (schema 0): its keys hashed the spec with the rhmlab, DJL and PyTorch versions, and its
 * runs were computed with raw seeds (results semantics 1). Each run keeps every stored column and is re-keyed as
 * {@code RunKey.of(spec, 1)} with {@code semantics = 1}: reachable under version 1 ({@link RunStore#findRun(
 * io.rhmlab.dsl.experiment.RunSpec, int)}), listed and shown, but never served for a current spec, whose data and
 * initialisation now differ. The key is computed from the stored spec JSON, so runs whose spec no longer parses
 * are re-keyed too. Two rows of one spec written by different software versions (allowed by the old key) would
 * share a key: the newest is kept and the others move to the table {@code superseded_runs}, nothing is deleted.
 */
final class StoreMigration {

    private StoreMigration() {
    }

    /** What a migration did: the runs re-keyed and the duplicates set aside. */
    record Report(int rekeyed, int superseded) {
    }

    static Report migrate(Connection c, Path file) throws SQLException {
        if (userVersion(c) >= RunStore.SCHEMA) return new Report(0, 0);
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN IMMEDIATE");   // one writer migrates; another opener waits, then sees the new schema
        }
        try {
            Report r = userVersion(c) >= RunStore.SCHEMA ? new Report(0, 0) : fromRelease010(c);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA user_version = " + RunStore.SCHEMA);
                st.execute("COMMIT");
            }
            return r;
        } catch (SQLException | RuntimeException e) {
            try (Statement st = c.createStatement()) {
                st.execute("ROLLBACK");
            }
            throw e;
        }
    }

    private static Report fromRelease010(Connection c) throws SQLException {
        if (!hasColumn(c, "semantics")) {
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE runs ADD COLUMN semantics INTEGER NOT NULL DEFAULT 1");
            }
        }
        List<String[]> rows = new ArrayList<>();   // key, spec; newest first so that the newest keeps a shared key
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT key, spec FROM runs ORDER BY created DESC, key")) {
            while (rs.next()) rows.add(new String[]{rs.getString(1), rs.getString(2)});
        }
        Set<String> taken = new HashSet<>();
        int rekeyed = 0, superseded = 0;
        for (String[] row : rows) {
            String key = RunKey.ofJson(SpecJson.tree(row[1]), 1);
            if (!taken.add(key)) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE IF NOT EXISTS superseded_runs AS SELECT * FROM runs WHERE 0");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO superseded_runs SELECT * FROM runs WHERE key = ?")) {
                    ps.setString(1, row[0]);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE key = ?")) {
                    ps.setString(1, row[0]);
                    ps.executeUpdate();
                }
                superseded++;
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET key = ?, semantics = 1 WHERE key = ?")) {
                ps.setString(1, key);
                ps.setString(2, row[0]);
                ps.executeUpdate();
            }
            rekeyed++;
        }
        return new Report(rekeyed, superseded);
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static boolean hasColumn(Connection c, String column) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(runs)")) {
            while (rs.next()) if (column.equals(rs.getString("name"))) return true;
        }
        return false;
    }
}
