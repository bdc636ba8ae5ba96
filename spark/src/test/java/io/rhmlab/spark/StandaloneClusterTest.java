package io.rhmlab.spark;

import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.store.RunStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real standalone cluster on 127.0.0.1: a Master and a Worker started as child JVMs from the Spark jars on the
 * test class path; the Worker starts a separate executor JVM, which trains the sweep. Its results must equal the
 * local runner's, to float rounding (CPU training is not always bitwise equal across processes).
 */
@Tag("slow")
class StandaloneClusterTest {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        // the worker's executors first (its own children), then the worker, then the master
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process p = daemons.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle c : children) {
                if (c.isAlive()) c.destroy();
            }
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aSweepOnAStandaloneMasterAndWorkerEqualsTheLocalRunner() throws Exception {
        String classPath = System.getProperty("java.class.path");
        assertThat(classPath).as("surefire must pass the real class path (useManifestOnlyJar=false)").contains("spark-core_2.13");

        LearningCurveResult local;
        try (RunStore store = RunStore.open(dir.resolve("local.sqlite"))) {
            local = Tiny.curve().store(store).run();
        }

        // a Spark "home" with no jars of its own: the executor's class path is given by spark.executor.extraClassPath
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(home.resolve("jars"));
        Path log4j = dir.resolve("log4j2-daemons.properties");
        Files.writeString(log4j, String.join("\n",
                "rootLogger.level = warn", "rootLogger.appenderRef.out.ref = out",
                "appender.out.type = Console", "appender.out.name = out",
                "appender.out.layout.type = PatternLayout", "appender.out.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n",
                "logger.deploy.name = org.apache.spark.deploy", "logger.deploy.level = info", ""));

        int port = freePort();
        String masterUrl = "spark://127.0.0.1:" + port;
        Path masterLog = dir.resolve("master.log");
        start(home, log4j, masterLog, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        awaitLine(masterLog, "I have been elected leader");

        Path workerLog = dir.resolve("worker.log");
        start(home, log4j, workerLog, "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()),
                "--cores", "2", "--memory", "2g", "--work-dir", dir.resolve("work").toString(), masterUrl);
        awaitLine(workerLog, "Successfully registered with master");

        try (RunStore store = RunStore.open(dir.resolve("cluster.sqlite"))) {
            long t0 = System.nanoTime();
            LearningCurveResult onCluster = SparkSweep.on(masterUrl)
                    .settings(Tiny.CPU)
                    .executorCores(2)
                    .executorMemory("1g")
                    .conf("spark.executor.extraClassPath", classPath)
                    .run(Tiny.curve(), store);
            System.err.printf("standalone sweep of 6 runs: %.1f s%n", (System.nanoTime() - t0) / 1e9);

            assertThat(onCluster.failures()).isEmpty();
            assertThat(onCluster.trained()).isEqualTo(6);
            Tiny.assertCloseResults(onCluster, local);   // another JVM: equal to float rounding (see there)
            assertThat(store.list()).hasSize(6);
        }
        // the executor was a JVM of its own, started by the worker
        assertThat(Files.readString(workerLog)).contains("Launch command:").contains("CoarseGrainedExecutorBackend");
    }

    private void start(Path home, Path log4j, Path log, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(SparkJvm.MODULE_OPTIONS);
        cmd.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("DJL_OFFLINE", "true");
        daemons.add(pb.start());
    }

    private void awaitLine(Path log, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) return;
            for (Process p : daemons) {
                if (!p.isAlive()) throw new IllegalStateException("a Spark daemon exited:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no '" + line + "' in " + log + " after " + START + ":\n" + Files.readString(log));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
