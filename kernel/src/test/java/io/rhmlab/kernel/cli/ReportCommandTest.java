package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.train.DeviceChoice;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Two tiny curves (CNN and FCN on one RHM) are stored, then reported as figures. */
@Tag("slow")
class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void aStoreBecomesLearningCurveCollapseSensitivityAndDynamicsFigures() throws Exception {
        Path store = dir.resolve("runs.sqlite"), out = dir.resolve("figures");
        Hierarchy task = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(2).seed(1).build();
        for (Architecture net : new Architecture[]{Architecture.cnn().width(8).build(), Architecture.fcn().width(8).depth(2).build()}) {
            LearningCurve.of(task).model(net)
                    .training(Training.sgd(0.1).momentum(0.9).batch(32).maxEpochs(3).checkEvery(1))
                    .sizes(new long[]{32, 64}).seeds(2).testSize(64).device(DeviceChoice.CPU).progress(false)
                    // only the CNN's runs carry sensitivities
                    .measure(net.kind() == io.rhmlab.dsl.net.Kind.CNN ? Measures.of(io.rhmlab.dsl.experiment.Observable.SYNONYMS) : Measures.none())
                    .store(store).run();
        }

        CliRun run = CliRun.of("report", "--store", store.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("8 runs in 2 curves (1 tasks)");
        for (String name : new String[]{"curve-rhm-v4-nc4-m4-s2-L2", "collapse", "dynamics-rhm-v4-nc4-m4-s2-L2-cnn-h-8",
                "sensitivity-rhm-v4-nc4-m4-s2-L2-cnn-h-8", "sensitivity-key-rhm-v4-nc4-m4-s2-L2-cnn-h-8",
                "dynamics-rhm-v4-nc4-m4-s2-L2-fcn-h-8-2-hidden-layers"}) {
            for (String ext : new String[]{".svg", ".png"}) {
                Path f = out.resolve(name + ext);
                assertThat(run.out()).contains("wrote " + f);
                assertThat(Files.size(f)).as(f.toString()).isGreaterThan(2000);
            }
        }
        assertThat(out.resolve("sensitivity-rhm-v4-nc4-m4-s2-L2-fcn-h-8-2-hidden-layers.svg")).doesNotExist();
        assertThat(Files.readString(out.resolve("sensitivity-key-rhm-v4-nc4-m4-s2-L2-cnn-h-8.svg"))).contains("S_{2,1}").contains("test error");
        byte[] png = Files.readAllBytes(out.resolve("collapse.png"));
        assertThat(png[1]).isEqualTo((byte) 'P');
        assertThat(Files.readString(out.resolve("curve-rhm-v4-nc4-m4-s2-L2.svg"))).contains("<svg").contains("CNN(H=8)").contains("FCN(H=8, 2 hidden layers)");
    }

    @Test
    void helpListsIt() {
        assertThat(CliRun.of("--help").out()).containsPattern("(?m)^  report +Write learning-curve");
    }

    @Test
    void aMissingStoreIsBadInputAndAnEmptyOneSaysSo() {
        CliRun missing = CliRun.of("report", "--store", dir.resolve("absent.sqlite").toString(), "--out", dir.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: store: ");
        Path empty = dir.resolve("empty.sqlite");
        RunStore.open(empty).close();
        CliRun none = CliRun.of("report", "--store", empty.toString(), "--out", dir.resolve("f").toString());
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).contains("no finished runs");
    }
}
