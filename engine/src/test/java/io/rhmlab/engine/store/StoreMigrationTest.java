package io.rhmlab.engine.store;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A store written by rhmlab 0.1.0 (a committed test resource) opens, keeps every run and is never retrained for. */
class StoreMigrationTest {

    @TempDir
    Path dir;

    private Path release010Store() throws Exception {
        Path file = dir.resolve("old.sqlite");
        try (InputStream in = getClass().getResourceAsStream("/stores/rhmlab-0.1.0-runs.sqlite")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void aRelease010StoreIsMigratedOnOpenWithoutLosingARun() throws Exception {
        Path file = release010Store();
        try (RunStore store = RunStore.open(file)) {
            List<StoredRun> runs = store.list();
            assertThat(runs).hasSize(5).allSatisfy(r -> {
                assertThat(r.semantics()).isEqualTo(1);
                assertThat(r.isCurrent()).isFalse();
                assertThat(r.key()).isEqualTo(RunKey.of(r.spec(), 1));
                assertThat(r.versions()).isEqualTo(new RunVersions("0.1.0-SNAPSHOT", "0.35.1", "2.7.1"));
            });
            assertThat(runs).extracting(StoredRun::status).containsExactlyInAnyOrder(Status.CONVERGED, Status.MAX_EPOCHS,
                    Status.CONVERGED, Status.DIVERGED, Status.FAILED);
            // reachable under the semantics they were computed with, results and measurements intact
            StoredRun dense = store.findRun(GoldenKeyTest.denseCnn(), 1).orElseThrow();
            assertThat(dense.testError()).isEqualTo(TestRuns.result(GoldenKeyTest.denseCnn()).testError());
            assertThat(dense.measurementsJson()).contains("synonymSensitivity");
            assertThat(dense.history()).hasSize(2);
            // but a current spec is not served an old-semantics result: its data and initialisation differ now
            assertThat(store.find(GoldenKeyTest.denseCnn())).isEmpty();
            assertThat(store.listCurrent()).isEmpty();
            // a current run of the same spec lives beside the old one
            store.put(TestRuns.result(GoldenKeyTest.denseCnn()));
            assertThat(store.find(GoldenKeyTest.denseCnn())).isPresent();
            assertThat(store.list()).hasSize(6);
            assertThat(store.listCurrent()).hasSize(1);
            // read as curves, old and current runs of the same spec stay apart, the old ones labelled with their semantics
            var curves = io.rhmlab.engine.curve.StoredCurves.of(store).curves();
            var current = curves.stream().filter(c -> c.members().stream().anyMatch(m -> m.spec().equals(GoldenKeyTest.denseCnn())
                    && m.key().equals(RunKey.of(GoldenKeyTest.denseCnn())))).toList();
            assertThat(current).singleElement().satisfies(c -> {
                assertThat(c.members()).hasSize(1);
                assertThat(c.label()).doesNotContain("semantics");
            });
            assertThat(curves.stream().filter(c -> c != current.get(0))).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.label()).endsWith("(semantics 1)"));
        }
        try (RunStore again = RunStore.open(file)) {   // idempotent
            assertThat(again.list()).hasSize(6);
            assertThat(again.findRun(GoldenKeyTest.sparseLcn(), 1)).isPresent();
        }
    }

    @Test
    void duplicatesOfOneSpecUnderOldVersionsAreSetAsideNotDeleted() throws Exception {
        Path file = release010Store();
        RunSpec spec = GoldenKeyTest.layerwiseCnn();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            // the same spec trained again under another PyTorch: the 0.1.0 key differed, the new one does not
            st.executeUpdate("INSERT INTO runs SELECT '" + RunKey.legacyOf(spec, new RunVersions("0.1.0-SNAPSHOT", "0.35.1", "2.8.0"))
                    + "', spec, status, 0.01, test_error_best, train_loss, train_error, epochs, steps, wall_seconds, device, "
                    + "history, error, rhmlab_version, djl_version, '2.8.0', '2099-01-01T00:00:00Z', measurements FROM runs WHERE key = '"
                    + RunKey.legacyOf(spec, new RunVersions("0.1.0-SNAPSHOT", "0.35.1", "2.7.1")) + "'");
        }
        try (RunStore store = RunStore.open(file)) {
            assertThat(store.list()).hasSize(5);
            StoredRun kept = store.findRun(spec, 1).orElseThrow();
            assertThat(kept.versions().pytorch()).isEqualTo("2.8.0");   // the newest
            assertThat(kept.testError()).isEqualTo(0.01);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pytorch_version FROM superseded_runs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2.7.1");
            assertThat(rs.next()).isFalse();
        }
    }
}
