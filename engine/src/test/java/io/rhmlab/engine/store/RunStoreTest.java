package io.rhmlab.engine.store;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.Checkpoint;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.rhmlab.engine.store.TestRuns.result;
import static io.rhmlab.engine.store.TestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunStoreTest {

    @TempDir
    Path dir;

    @Test
    void findAfterPutReturnsTheSameResult() {
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            MemberResult r = result(run(64));
            assertThat(store.find(r.spec())).isEmpty();
            store.put(r);
            assertThat(store.find(r.spec())).contains(r);
            assertThat(store.find(run(65))).isEmpty();
        }
    }

    @Test
    void roundTripKeepsNaNInfinityNullsAndHistory() {
        RunSpec spec = run(32);
        MemberResult diverged = new MemberResult(spec, Status.DIVERGED, Double.NaN, 0.4, Double.POSITIVE_INFINITY,
                Double.NaN, 7, 123, 0.25, null,
                List.of(new Checkpoint(5, 60, Double.NaN, 0.5, 0.6)), null);
        Path file = dir.resolve("runs.sqlite");
        try (RunStore store = RunStore.open(file)) {
            store.put(diverged);
        }
        try (RunStore reopened = RunStore.open(file)) {
            assertThat(reopened.find(spec)).contains(diverged);
            StoredRun row = reopened.list().get(0);
            assertThat(row.spec()).isEqualTo(spec);
            assertThat(row.toResult()).isEqualTo(diverged);
            assertThat(row.versions()).isEqualTo(RunVersions.current());
            assertThat(row.key()).isEqualTo(RunKey.of(spec)).hasSize(64).matches("[0-9a-f]{64}");
            assertThat(row.id()).isEqualTo(row.key().substring(0, 12));
        }
    }

    @Test
    void failedRunsAreStoredButNotServedAndARetryReplacesThem() {
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            RunSpec spec = run(16);
            store.put(result(spec, Status.FAILED));
            assertThat(store.find(spec)).isEmpty();
            assertThat(store.findRun(spec)).get().satisfies(r -> {
                assertThat(r.status()).isEqualTo(Status.FAILED);
                assertThat(r.error()).startsWith("boom");
            });
            store.put(result(spec, Status.MAX_EPOCHS));
            assertThat(store.find(spec)).get().extracting(MemberResult::status).isEqualTo(Status.MAX_EPOCHS);
            assertThat(store.list()).hasSize(1);
        }
    }

    @Test
    void showFindsByPrefixAndRejectsAmbiguousOrMalformedIds() {
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            for (int p = 1; p <= 17; p++) store.put(result(run(p)));   // 17 keys: two share a first hex digit
            StoredRun any = store.list().get(3);
            assertThat(store.show(any.id())).get().extracting(StoredRun::key).isEqualTo(any.key());
            assertThat(store.show(any.key().toUpperCase())).get().extracting(StoredRun::key).isEqualTo(any.key());
            assertThat(store.show("ffffffffffff0")).isEmpty();
            long ambiguous = "0123456789abcdef".chars().filter(c -> {
                try {
                    store.show(Character.toString(c));
                    return false;
                } catch (IllegalArgumentException e) {
                    assertThat(e).hasMessageContaining("give more characters");
                    return true;
                }
            }).count();
            assertThat(ambiguous).isPositive();
            assertThatThrownBy(() -> store.show("xyz")).hasMessageStartingWith("id:");
        }
    }

    @Test
    void measurementsAreMergedAndSurviveARetry() {
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            RunSpec spec = run(8);
            store.put(result(spec, Status.FAILED));
            store.putMeasurement(spec, "synonymSensitivity", List.of(List.of(0.5, 0.25)));
            store.putMeasurement(spec, "note", Map.of("b", 2, "a", 1));
            store.put(result(spec));
            assertThat(store.findRun(spec).orElseThrow().measurementsJson())
                    .isEqualTo("{\"note\":{\"a\":1,\"b\":2},\"synonymSensitivity\":[[0.5,0.25]]}");
            assertThatThrownBy(() -> store.putMeasurement(run(9), "x", 1)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("not stored");
        }
    }

    @Test
    void concurrentPutsAreAllStored() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 1; p <= 40; p++) {
                int size = p;
                futures.add(pool.submit(() -> {
                    store.put(result(run(size)));
                    assertThat(store.find(run(size))).isPresent();
                }));
            }
            for (Future<?> f : futures) f.get(30, TimeUnit.SECONDS);
            pool.shutdown();
            assertThat(store.list()).hasSize(40);
        }
    }

    @Test
    void csvExportHasOneRowPerRunWithFlattenedSpec() throws Exception {
        Path csv = dir.resolve("out/runs.csv");
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            store.put(result(run(10)));
            store.put(result(run(20), Status.FAILED));
            store.exportCsv(csv);
        }
        String text = Files.readString(csv);
        List<String> header = List.of(text.substring(0, text.indexOf("\r\n")).split(","));
        assertThat(header).startsWith("id", "key", "v", "n_c", "m", "s", "L", "s0").contains("seed_rules",
                "arch", "H", "lr", "P", "P_test", "seed", "status", "test_error", "error", "rhmlab_version", "created")
                .doesNotContain("hierarchy.multiplicity", "trainSize", "architecture.width").doesNotHaveDuplicates();
        assertThat(text).contains("\"boom, \"\"native\"\" error\nat line 2\"");
        int p = header.indexOf("P");
        // two records; the FAILED one spans two physical lines because its quoted error has a line break
        List<String> records = List.of(text.split("\r\n"));
        assertThat(records).hasSize(3);
        assertThat(records.get(1).split(",")[p]).isEqualTo("10");
        assertThat(CsvExport.quote("plain")).isEqualTo("plain");
    }

    @Test
    void aDeletedRunIsGoneAndOthersStay() {
        try (RunStore store = RunStore.open(dir.resolve("runs.sqlite"))) {
            store.put(result(run(10)));
            store.put(result(run(20)));
            String key = store.findRun(run(10)).orElseThrow().key();
            assertThat(store.delete(key)).isTrue();
            assertThat(store.delete(key)).isFalse();
            assertThat(store.find(run(10))).isEmpty();
            assertThat(store.find(run(20))).isPresent();
        }
    }

    @Test
    void aStoreSurvivesKillMinus9RightAfterPut() throws Exception {
        Path file = dir.resolve("durable.sqlite");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StoreChild.class.getName(), file.toString(), "5").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int announced = 0;
            String line;
            List<String> seen = new ArrayList<>();
            while (announced < 5 && (line = out.readLine()) != null) {
                seen.add(line);
                if (line.startsWith("PUT ")) announced++;
            }
            assertThat(announced).as("child output: %s", seen).isEqualTo(5);
        } finally {
            child.destroyForcibly();   // SIGKILL: no close(), no checkpoint of the WAL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (RunStore store = RunStore.open(file)) {
            for (int p = 1; p <= 5; p++) assertThat(store.find(run(p))).contains(result(run(p)));
        }
    }

    @Test
    void theVersionConstantIsTheProjectVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String parent = pom.substring(pom.indexOf("<parent>"), pom.indexOf("</parent>"));
        assertThat(parent).contains("<version>" + RunVersions.RHMLAB + "</version>");
        assertThat(RunVersions.current().djl()).isEqualTo("0.36.0");
        assertThat(RunVersions.current().pytorch()).isEqualTo("2.7.1");
    }
}
