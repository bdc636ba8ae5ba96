package io.rhmlab.engine.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run store: one embedded SQLite file of finished (and failed) runs, keyed by {@link RunKey}. Every
 * {@link #put} is its own committed transaction in WAL mode with {@code synchronous=FULL}, so a process killed
 * right after {@code put} returns loses nothing. Several processes may share one file (SQLite locks it; writers
 * wait up to {@link #BUSY_TIMEOUT_MS}); within a process one connection is shared under a lock, so the store
 * is thread-safe.
 *
 * <p>Opening a store written by rhmlab 0.1.0 migrates it in place ({@link StoreMigration}): its runs keep their
 * results and are re-keyed under results-semantics version 1, so they stay listed, shown, exported and drawn,
 * but a current spec (version {@link RunKey#RESULTS_SEMANTICS}) is trained anew rather than served an old result.
 */
public final class RunStore implements AutoCloseable {

    /** The file used when none is named: in the working folder, beside the notebook or script. */
    public static final String DEFAULT_FILE = "rhmlab-runs.sqlite";
    static final int BUSY_TIMEOUT_MS = 30_000;

    private static final String COLUMNS = "key, spec, status, test_error, test_error_best, train_loss, train_error, "
            + "epochs, steps, wall_seconds, device, history, error, rhmlab_version, djl_version, pytorch_version, "
            + "created, measurements, semantics";
    /** Schema of the file (SQLite {@code user_version}): 0 = rhmlab 0.1.0 (keys hashed the software versions), 2 = now. */
    static final int SCHEMA = 2;

    private final Path file;
    private final Connection connection;

    private RunStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) {@value #DEFAULT_FILE} in the working folder. */
    public static RunStore openDefault() {
        return open(Path.of(DEFAULT_FILE));
    }

    /** Opens (creating if needed) the store at {@code file}; parent folders are created. */
    public static RunStore open(Path file) {
        Path abs = file.toAbsolutePath();
        try {
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the run store " + abs, e);
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + abs);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = FULL");
                st.execute("CREATE TABLE IF NOT EXISTS runs ("
                        + "key TEXT PRIMARY KEY, spec TEXT NOT NULL, status TEXT NOT NULL, "
                        + "test_error REAL, test_error_best REAL, train_loss REAL, train_error REAL, "
                        + "epochs INTEGER, steps INTEGER, wall_seconds REAL, device TEXT, history TEXT NOT NULL, "
                        + "error TEXT, rhmlab_version TEXT NOT NULL, djl_version TEXT NOT NULL, "
                        + "pytorch_version TEXT NOT NULL, created TEXT NOT NULL, "
                        + "measurements TEXT NOT NULL DEFAULT '{}', semantics INTEGER NOT NULL DEFAULT 1)");
                StoreMigration.migrate(c, abs);
            }
            return new RunStore(abs, c);
        } catch (SQLException e) {
            throw new StoreException("cannot open the run store " + abs + ": " + StoreException.reason(e), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The stored result of {@code spec} if it finished (converged, capped or diverged); FAILED runs are not served. */
    public Optional<MemberResult> find(RunSpec spec) {
        return findRun(spec).filter(StoredRun::isFinished).map(r -> withSpec(r, spec));
    }

    /** The stored row of {@code spec} under the current results semantics, whatever its status. */
    public Optional<StoredRun> findRun(RunSpec spec) {
        return byKey(RunKey.of(spec));
    }

    /**
     * The stored row of {@code spec} as computed under results-semantics version {@code semantics} (e.g. 1 for
     * runs of rhmlab 0.1.0); such runs are never served for a current spec, but stay reachable this way.
     */
    public Optional<StoredRun> findRun(RunSpec spec, int semantics) {
        return byKey(RunKey.of(spec, semantics));
    }

    /** Whether {@code spec} is stored and finished. */
    public boolean isFinished(RunSpec spec) {
        return findRun(spec).map(StoredRun::isFinished).orElse(false);
    }

    /**
     * Stores {@code result} under the key of its spec, replacing an earlier row of the same key (a retried
     * FAILED run) but keeping that row's measurements. Durable when it returns.
     */
    public void put(MemberResult result) {
        RunVersions v = RunVersions.current();
        String sql = "INSERT INTO runs (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'{}',?) "
                + "ON CONFLICT(key) DO UPDATE SET spec=excluded.spec, status=excluded.status, "
                + "test_error=excluded.test_error, test_error_best=excluded.test_error_best, "
                + "train_loss=excluded.train_loss, train_error=excluded.train_error, epochs=excluded.epochs, "
                + "steps=excluded.steps, wall_seconds=excluded.wall_seconds, device=excluded.device, "
                + "history=excluded.history, error=excluded.error, rhmlab_version=excluded.rhmlab_version, "
                + "djl_version=excluded.djl_version, pytorch_version=excluded.pytorch_version, created=excluded.created, "
                + "semantics=excluded.semantics";
        synchronized (connection) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int i = 0;
                ps.setString(++i, RunKey.of(result.spec()));
                ps.setString(++i, SpecJson.runSpec(result.spec()));
                ps.setString(++i, result.status().name());
                setDouble(ps, ++i, result.testError());
                setDouble(ps, ++i, result.testErrorBest());
                setDouble(ps, ++i, result.trainLoss());
                setDouble(ps, ++i, result.trainError());
                ps.setInt(++i, result.epochs());
                ps.setLong(++i, result.steps());
                setDouble(ps, ++i, result.wallSeconds());
                ps.setString(++i, result.device());
                ps.setString(++i, SpecJson.write(result.history()));
                ps.setString(++i, result.error());
                ps.setString(++i, v.rhmlab());
                ps.setString(++i, v.djl());
                ps.setString(++i, v.pytorch());
                ps.setString(++i, Instant.now().toString());
                ps.setInt(++i, RunKey.semanticsOf(result.spec()));
                ps.executeUpdate();   // autocommit: one transaction, synced to the WAL before returning
            } catch (SQLException e) {
                throw new StoreException("cannot store run " + RunKey.shortId(RunKey.of(result.spec())) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Adds or replaces the observable {@code name} (a record, list, map or number, written as JSON) in the
     * measurements of the stored run of {@code spec}; the run must be stored already.
     */
    public void putMeasurement(RunSpec spec, String name, Object value) {
        String key = RunKey.of(spec);
        synchronized (connection) {
            try {
                connection.setAutoCommit(false);
                try {
                    StoredRun run = byKey(key).orElseThrow(() -> new StoreException(
                            "run " + RunKey.shortId(key) + " is not stored; put its result before its measurements", null));
                    ObjectNode m = (ObjectNode) SpecJson.tree(run.measurementsJson());
                    m.set(name, SpecJson.mapper().valueToTree(value));
                    try (PreparedStatement ps = connection.prepareStatement("UPDATE runs SET measurements = ? WHERE key = ?")) {
                        ps.setString(1, SpecJson.write(m));
                        ps.setString(2, key);
                        ps.executeUpdate();
                    }
                    connection.commit();
                } catch (RuntimeException | SQLException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new StoreException("cannot store measurement " + name + " of run " + RunKey.shortId(key) + ": " + e.getMessage(), e);
            }
        }
    }

    /** Every stored run, oldest first, whatever its results semantics. */
    public List<StoredRun> list() {
        return query("SELECT " + COLUMNS + " FROM runs ORDER BY created, key", null);
    }

    /** The stored runs computed under the semantics current for their specs ({@link StoredRun#isCurrent}), oldest first. */
    public List<StoredRun> listCurrent() {
        return list().stream().filter(StoredRun::isCurrent).toList();
    }

    /**
     * The run whose key starts with {@code idPrefix} (a short id or the full key). Empty if none matches;
     * an {@link IllegalArgumentException} listing the candidates if several do.
     */
    public Optional<StoredRun> show(String idPrefix) {
        if (idPrefix == null || idPrefix.isBlank() || !idPrefix.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("id: expected a hexadecimal run id (prefix of a key), got '" + idPrefix + "'");
        }
        List<StoredRun> hits = query("SELECT " + COLUMNS + " FROM runs WHERE key LIKE ? ORDER BY key LIMIT 11",
                idPrefix.toLowerCase() + "%");
        if (hits.size() > 1) {
            throw new IllegalArgumentException("id: '" + idPrefix + "' matches " + (hits.size() > 10 ? "more than 10" : hits.size())
                    + " runs (" + String.join(", ", hits.stream().limit(10).map(StoredRun::id).toList()) + "); give more characters");
        }
        return hits.stream().findFirst();
    }

    /** Removes the run stored under {@code key} (a full key); false if there was none. Durable when it returns. */
    public boolean delete(String key) {
        synchronized (connection) {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM runs WHERE key = ?")) {
                ps.setString(1, key);
                return ps.executeUpdate() > 0;
            } catch (SQLException e) {
                throw new StoreException("cannot remove run " + RunKey.shortId(key) + ": " + e.getMessage(), e);
            }
        }
    }

    /** Writes every run as one CSV row in the papers' notation ({@link RunColumns}); see {@link CsvExport}. */
    public void exportCsv(Path csv) {
        CsvExport.write(list(), csv);
    }

    @Override
    public void close() {
        synchronized (connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new StoreException("cannot close the run store " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "RunStore(" + file + ")";
    }

    private Optional<StoredRun> byKey(String key) {
        return query("SELECT " + COLUMNS + " FROM runs WHERE key = ?", key).stream().findFirst();
    }

    private List<StoredRun> query(String sql, String parameter) {
        synchronized (connection) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                if (parameter != null) ps.setString(1, parameter);
                List<StoredRun> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
                return out;
            } catch (SQLException e) {
                throw new StoreException("cannot read the run store " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static StoredRun row(ResultSet rs) throws SQLException {
        return new StoredRun(rs.getString("key"), rs.getString("spec"), Status.valueOf(rs.getString("status")),
                getDouble(rs, "test_error"), getDouble(rs, "test_error_best"), getDouble(rs, "train_loss"),
                getDouble(rs, "train_error"), rs.getInt("epochs"), rs.getLong("steps"), getDouble(rs, "wall_seconds"),
                rs.getString("device"), rs.getString("history"), rs.getString("error"),
                new RunVersions(rs.getString("rhmlab_version"), rs.getString("djl_version"), rs.getString("pytorch_version")),
                Instant.parse(rs.getString("created")), rs.getString("measurements"), rs.getInt("semantics"));
    }

    /** The stored result, carrying the caller's spec object (equal to the stored one: same key). */
    private static MemberResult withSpec(StoredRun r, RunSpec spec) {
        return new MemberResult(spec, r.status(), r.testError(), r.testErrorBest(), r.trainLoss(), r.trainError(),
                r.epochs(), r.steps(), r.wallSeconds(), r.device(), r.history(), r.error());
    }

    // SQLite has no NaN: it would silently become NULL, so NaN is written as NULL and NULL read back as NaN.
    private static void setDouble(PreparedStatement ps, int i, double x) throws SQLException {
        if (Double.isNaN(x)) ps.setNull(i, Types.REAL);
        else ps.setDouble(i, x);
    }

    private static double getDouble(ResultSet rs, String column) throws SQLException {
        double x = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : x;
    }
}
