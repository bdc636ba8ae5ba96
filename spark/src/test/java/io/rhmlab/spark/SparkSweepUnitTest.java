package io.rhmlab.spark;

import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.cluster.ClusterExecutor;
import io.rhmlab.engine.cluster.ClusterOptions;
import io.rhmlab.engine.store.SpecJson;
import io.rhmlab.engine.train.Checkpoint;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.Status;
import org.apache.spark.SparkConf;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration, wire format and command line, without starting Spark. */
class SparkSweepUnitTest {

    @TempDir
    Path dir;

    /** Every setting of {@code c}: a test names those it expects in one map, and a failure lists every difference. */
    private static Map<String, String> settings(SparkConf c) {
        return Arrays.stream(c.getAll()).collect(Collectors.toMap(Tuple2::_1, Tuple2::_2));
    }

    @Test
    void theDriverOptionsAreThoseOfSparksOwnLauncher() {
        assertThat(SparkJvm.MODULE_OPTIONS).containsExactlyElementsOf(
                Arrays.asList(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
        assertThat(SparkJvm.hasModuleOptions()).as("surefire's argLine carries them").isTrue();
    }

    @Test
    void localMastersRunOneTrainingPerJvmAndStayOnLoopback() {
        SparkConf c = SparkSweep.on("local[2]").sparkConf();
        assertThat(settings(c)).containsAllEntriesOf(Map.of("spark.master", "local[2,1]", "spark.task.cpus", "2",
                "spark.ui.enabled", "false", "spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                "spark.executorEnv.DJL_OFFLINE", "true"));
        assertThat(c.get("spark.executor.extraJavaOptions")).contains("-Dai.djl.offline=true");
        assertThat(DriverContext.maxFailures(c)).isEqualTo(1);

        SparkConf all = SparkSweep.local().maxFailures(3).sparkConf();
        assertThat(all.get("spark.master")).isEqualTo("local[*,3]");
        assertThat(all.get("spark.task.cpus")).isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
        assertThat(DriverContext.maxFailures(all)).isEqualTo(3);
        assertThat(SparkSweep.on("local[4, 2]").sparkConf().get("spark.master")).isEqualTo("local[4,2]");
        assertThat(SparkSweep.on("local").sparkConf().get("spark.master")).isEqualTo("local[1,1]");
    }

    @Test
    void clusterSettingsArePassedThrough() {
        SparkConf c = SparkSweep.on("spark://head:7077").executorCores(8).executorMemory("6g").maxFailures(2)
                .gpus(1, "/opt/spark/getGpus.sh").conf("spark.executor.extraJavaOptions", "-Dx=y").ui(true).sparkConf();
        // conf(...) wins over the default executor JVM options; a cluster must reach the driver by its name (no driver.host)
        assertThat(settings(c)).containsAllEntriesOf(Map.of("spark.master", "spark://head:7077", "spark.executor.cores", "8",
                "spark.task.cpus", "8", "spark.executor.memory", "6g", "spark.task.maxFailures", "2",
                "spark.executor.resource.gpu.amount", "1", "spark.task.resource.gpu.amount", "1",
                "spark.executor.resource.gpu.discoveryScript", "/opt/spark/getGpus.sh", "spark.executor.extraJavaOptions", "-Dx=y"))
                .doesNotContainKeys("spark.ui.enabled", "spark.driver.host");
        assertThat(DriverContext.maxFailures(c)).isEqualTo(2);
        assertThat(DriverContext.maxFailures(SparkSweep.on("spark://head:7077").sparkConf())).isEqualTo(4);
    }

    @Test
    void optionsOfTheCommandLine() {
        SparkConf c = SparkSweep.fromOptions(List.of("--master", "spark://h:7077", "--executor-cores=4", "--max-failures", "3",
                "--gpus", "2", "--gpu-discovery", "/g.sh", "--conf", "spark.foo=bar=baz", "--device", "gpu", "--threads", "4")).sparkConf();
        assertThat(settings(c)).containsAllEntriesOf(Map.of("spark.master", "spark://h:7077", "spark.task.cpus", "4",
                "spark.task.maxFailures", "3", "spark.executor.resource.gpu.amount", "2", "spark.foo", "bar=baz"));
        SparkSweep s = SparkSweep.fromOptions(List.of("--device", "cpu", "--threads", "2"));
        assertThat(s.settings().device()).isEqualTo(DeviceChoice.CPU);
        assertThat(s.settings().threads()).isEqualTo(2);
        assertThat(s.sparkConf().get("spark.master")).startsWith("local[*,");   // no --master, no spark-submit

        assertThatThrownBy(() -> SparkSweep.fromOptions(List.of("--masterr", "x"))).hasMessageContaining("Unknown option: '--masterr'");
        assertThatThrownBy(() -> SparkSweep.fromOptions(List.of("--executor-cores", "0"))).hasMessageStartingWith("executor-cores:");
        assertThatThrownBy(() -> SparkSweep.fromOptions(List.of("--device", "tpu"))).hasMessageContaining("'--device'");
        assertThatThrownBy(() -> SparkSweep.fromOptions(List.of("--conf", "nokey"))).hasMessageContaining("'--conf'");
        assertThatThrownBy(() -> SparkSweep.fromOptions(List.of("--master"))).hasMessageContaining("'--master'");
    }

    /**
     * One parser reads the command line for the main and for the sweep: {@code --conf=k=v} is one option with its
     * value (the main once took it for an option whose value came next, and ate the spec file after it).
     */
    @Test
    void theCommandLineIsParsedOnceForTheMainAndTheSweep() {
        SweepArguments a = SweepArguments.parse(List.of("--store=s.sqlite", "--conf=spark.a=b=c", "g.json", "--master",
                "local[2]", "--ui", "--no-progress", "--ensemble=3", "h.json"));
        assertThat(a.specs()).containsExactly(Path.of("g.json"), Path.of("h.json"));
        assertThat(a.store()).isEqualTo(Path.of("s.sqlite"));
        assertThat(a.cluster()).isEqualTo(ClusterOptions.on("local[2]").withConf("spark.a", "b=c").withUi(true));
        assertThat(a.progress()).isFalse();
        assertThat(a.ensemble()).isEqualTo(3);
        assertThat(SweepArguments.parse(List.of("x.json", "--help", "--bogus")).help()).isTrue();
        assertThatThrownBy(() -> SweepArguments.parse(List.of("--ui=yes"))).hasMessageContaining("--ui");
        assertThatThrownBy(() -> SweepArguments.parse(List.of("--store"))).hasMessageContaining("'--store'");
        // the sweep's entry takes the same options, but the store and the spec files stay the main's
        assertThat(SparkSweep.fromOptions(List.of("--conf=spark.a=b=c", "--master", "local[2]", "--ui")).options())
                .isEqualTo(a.cluster());
        assertThatThrownBy(() -> SparkSweep.fromOptions(List.of("--store", "s.sqlite"))).hasMessageContaining("unknown option '--store'");
        assertThatThrownBy(() -> SparkSweep.fromOptions(List.of("g.json"))).hasMessageContaining("unknown option 'g.json'");
        // the usage is picocli's, from the same declarations as `rhmlab sweep` (ClusterFlags), defaults from the code
        assertThat(SweepMain.usage()).contains("--executor-cores=N", "--conf=KEY=VALUE", "--store=FILE", "--device=auto|cpu|gpu",
                "(default: auto)", "SPEC.json");
    }

    @Test
    void sparkIsFoundThroughTheServiceLoaderAndTakesTheOptionsRecordAsItIs() {
        assertThat(ClusterExecutor.find("spark")).get().isInstanceOf(SparkExecutor.class);
        assertThat(ClusterExecutor.find("mesos")).isEmpty();

        ClusterOptions options = new ClusterOptions("spark://h:7077", 4, "6g", 3, 2, "/g.sh", false,
                java.util.Map.of("spark.foo", "bar"));
        SparkConf c = SparkSweep.with(options).sparkConf();
        assertThat(settings(c)).containsAllEntriesOf(Map.of("spark.master", "spark://h:7077", "spark.task.cpus", "4",
                "spark.executor.memory", "6g", "spark.task.maxFailures", "3", "spark.executor.resource.gpu.discoveryScript", "/g.sh",
                "spark.foo", "bar"));
        // the command line of SweepMain fills the same record
        assertThat(SparkSweep.fromOptions(List.of("--master", "spark://h:7077", "--executor-cores", "4", "--executor-memory", "6g",
                "--max-failures", "3", "--gpus", "2", "--gpu-discovery", "/g.sh", "--conf", "spark.foo=bar")).options())
                .isEqualTo(options);
        // the builder's setters too
        assertThat(SparkSweep.on("spark://h:7077").executorCores(4).executorMemory("6g").maxFailures(3).gpus(2, "/g.sh")
                .conf("spark.foo", "bar").options()).isEqualTo(options);
    }

    @Test
    void chunksAndResultsCrossTheWireUnchanged() {
        List<RunSpec> runs = Tiny.curve().spec().runs();
        Chunk chunk = new Chunk(3, runs.subList(0, 2), runs.subList(0, 3));
        assertThat(Chunk.fromJson(chunk.toJson())).isEqualTo(chunk);

        MemberResult trained = new MemberResult(runs.get(0), Status.CONVERGED, 0.125, 0.1, 1.0 / 3, 0.0, 7, 123, 4.5,
                "cpu()", List.of(new Checkpoint(0, 0, Math.PI, 0.875, 0.9), new Checkpoint(7, 123, 1e-300, 0, 0.125)), null);
        MemberResult failed = ChunkTask.failed(runs.get(1), "EngineException: out of memory");
        List<MemberResult> results = List.of(trained, failed);
        List<MemberResult> back = Chunk.resultsFromJson(Chunk.resultsToJson(results)).results();
        assertThat(back).isEqualTo(results);
        assertThat(back.get(1).testError()).isNaN();
        assertThat(SpecJson.write(back.get(0).spec())).isEqualTo(SpecJson.write(runs.get(0)));   // same run key

        // the curve's measures go out with the chunk, and the tables (NaN included) come back with the results
        Chunk measuring = new Chunk(0, runs.subList(0, 1), runs.subList(0, 1), Measures.parse("synonym,noise"));
        assertThat(Chunk.fromJson(measuring.toJson())).isEqualTo(measuring);
        double[][] s = {{0.5, Double.NaN}, {0.25, 1e-7}};
        var measured = new Chunk.Measured(runs.get(0), java.util.Map.of(Observable.SYNONYMS, s), List.of());
        Chunk.Results carried = Chunk.resultsFromJson(Chunk.resultsToJson(new Chunk.Results(List.of(trained), List.of(measured))));
        assertThat(carried.measured()).singleElement().satisfies(m -> {
            assertThat(m.run()).isEqualTo(runs.get(0));
            assertThat(java.util.Arrays.deepEquals(m.tables().get(Observable.SYNONYMS), s)).as("NaN kept").isTrue();
        });
    }

    @Test
    void sparksFailureMessageIsBoiledDownToTheTasksError() {
        Exception spark = new Exception("Job aborted due to stage failure: Task 0 in stage 2.0 failed 2 times, most recent "
                + "failure: Lost task 0.1 in stage 2.0 (TID 3) (127.0.0.1 executor 1): java.lang.IllegalStateException: boom\n"
                + "\tat io.rhmlab.X.y(X.java:1)\n");
        assertThat(SparkTaskFailedException.reason(spark)).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(SparkTaskFailedException.reason(new Exception("Job 3 cancelled"))).isEqualTo("Job 3 cancelled");
    }

    @Test
    void theCommandLineReadsCurvesAndRunsAndRejectsBadInput() throws Exception {
        Path curve = dir.resolve("curve.json");
        Files.writeString(curve, SpecJson.write(Tiny.curve().spec()));
        assertThat(SweepMain.read(curve)).isEqualTo(Tiny.curve().spec().runs());
        Path grid = dir.resolve("grid.json");
        List<RunSpec> runs = Tiny.curve().spec().runs();
        Files.writeString(grid, "[" + SpecJson.write(Tiny.curve().spec()) + "," + SpecJson.write(runs.get(0)) + "]");
        assertThat(SweepMain.read(grid)).hasSize(7);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true);
        assertThat(SweepMain.run(List.of("--master", "local[2]"), System.out, e)).isEqualTo(2);
        assertThat(SweepMain.run(List.of(dir.resolve("missing.json").toString()), System.out, e)).isEqualTo(2);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"foo\": 1}");
        assertThat(SweepMain.run(List.of(bad.toString()), System.out, e)).isEqualTo(2);
        assertThat(err.toString()).contains("at least one spec file").contains("no file").contains("neither a learning curve");
    }
}
