package io.rhmlab.spark;

import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.LearningCurveSpec;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.engine.curve.CurveMember;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.store.SpecJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A Spark sweep trains and measures what the curve says (learner, measures, everything in its spec), as locally. */
@Tag("slow")
class SparkWholeSpecTest {

    @TempDir
    Path dir;

    /** Layerwise learner, S_{k,ℓ} and G_k measured on the trained nets: 2 seeds × 2 sizes. */
    static LearningCurve curve() {
        return Tiny.curve().sizes(new long[]{64, 128})
                .learner(Learner.layerwiseTraining())
                .measure(Measures.parse("synonym,noise").withBaseSize(64));
    }

    @Test
    void aCurveSpecIsCarriedWhole() {
        LearningCurveSpec spec = curve().spec();
        assertThat(LearningCurve.of(spec).spec()).isEqualTo(spec);
    }

    @Test
    void aLayerwiseMeasuredCurveOnLocal2EqualsTheLocalRunner() throws Exception {
        LearningCurveResult local;
        try (RunStore store = RunStore.open(dir.resolve("local.sqlite"))) {
            local = curve().store(store).run();
        }
        assertThat(local.measured()).contains(Observable.SYNONYMS, Observable.NOISE);
        try (RunStore store = RunStore.open(dir.resolve("spark.sqlite"))) {
            LearningCurveResult onSpark = SparkSweep.on("local[2]").settings(Tiny.CPU).ensemble(2).progress(false)
                    .run(curve().spec(), store);
            assertThat(onSpark.trained()).isEqualTo(4);
            Tiny.assertSameResults(onSpark, local);
            for (int i = 0; i < local.members().size(); i++) {
                CurveMember a = onSpark.members().get(i), e = local.members().get(i);
                assertThat(a.spec().learner()).isEqualTo(Learner.layerwiseTraining());
                assertThat(a.measurements()).containsOnlyKeys(Observable.SYNONYMS, Observable.NOISE);
                for (Observable name : List.of(Observable.SYNONYMS, Observable.NOISE)) {
                    assertThat(a.measurements().get(name)).as("%s of member %d", name, i).isDeepEqualTo(e.measurements().get(name));
                }
                // stored with the run, so the next sweep serves it measured
                assertThat(store.findRun(a.spec()).orElseThrow().measurementsJson()).contains(Observable.SYNONYMS.storeName(), Observable.NOISE.storeName());
            }
            LearningCurveResult again = SparkSweep.on("local[2]").settings(Tiny.CPU).progress(false).run(curve().spec(), store);
            assertThat(again.trained()).isZero();
            assertThat(again.synonymSensitivity()).isEqualTo(local.synonymSensitivity());
        }
        // the command line's spec file carries the measures too
        Path file = dir.resolve("curve.json");
        Files.writeString(file, SpecJson.write(curve().spec()));
        Path cliStore = dir.resolve("cli.sqlite");
        assertThat(SweepMain.run(List.of("--master", "local[2]", "--store", cliStore.toString(), "--ensemble", "2",
                "--device", "cpu", "--threads", "2", "--no-progress", file.toString()), System.out, System.err)).isZero();
        try (RunStore store = RunStore.open(cliStore)) {
            for (CurveMember m : local.members()) {
                assertThat(store.findRun(m.spec()).orElseThrow().measurementsJson()).contains(Observable.SYNONYMS.storeName(), Observable.NOISE.storeName());
            }
        }
    }

    /**
     * The last-token task and the transformer travel in the spec and train on an executor as they do locally. Both
     * sides train ensembles of two on one lane with two intra-op threads: the transformer's small products are not
     * independent of the thread count (docs/choices.md, "Determinism"), so the local runner is not left to choose
     * its lanes.
     */
    @Test
    void aLastTokenTransformerCurveOnLocal2EqualsTheLocalRunner() throws Exception {
        LearningCurve lastToken = Tiny.curve().sizes(new long[]{64, 128}).task(Task.lastToken(3))
                .model(Architecture.transformer().width(16).heads(2)).settings(Tiny.CPU.withLanes(1));
        LearningCurveResult local;
        try (RunStore store = RunStore.open(dir.resolve("local-lt.sqlite"))) {
            local = lastToken.store(store).run();
        }
        try (RunStore store = RunStore.open(dir.resolve("spark-lt.sqlite"))) {
            LearningCurveResult onSpark = SparkSweep.on("local[2]").settings(Tiny.CPU).ensemble(2).progress(false)
                    .run(lastToken.spec(), store);
            assertThat(onSpark.trained()).isEqualTo(4);
            Tiny.assertSameResults(onSpark, local);
            for (CurveMember m : onSpark.members()) {
                assertThat(m.spec().task()).isEqualTo(Task.lastToken(3));
                assertThat(m.result().testLoss()).as("cross-entropy kept").isFinite().isPositive();
            }
        }
    }
}
