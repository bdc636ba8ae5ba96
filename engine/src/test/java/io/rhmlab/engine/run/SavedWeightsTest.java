package io.rhmlab.engine.run;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.store.RunKey;
import io.rhmlab.engine.store.SavedWeights;
import io.rhmlab.engine.train.DeviceChoice;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Saved weights round trip: what a run trained and measured right after training is what its saved weights give
 * when reloaded and measured later, without training (docs/last-token.md §5).
 */
class SavedWeightsTest {

    private static final Hierarchy RHM = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3)
            .seed(7).sampleSeed(8).build();
    private static final TrainerSettings CPU = TrainerSettings.defaults().withDevice(DeviceChoice.CPU).withThreads(1);

    @Test
    void aReloadedNetworkMeasuresAsTheTrainedOne(@TempDir Path dir) {
        Training t = Training.sgd(0.2).batch(16).checkEvery(5).maxEpochs(10).build();
        List<RunSpec> members = List.of(new RunSpec(RHM, Architecture.cnn().width(16).build(), t, 128, 200, 1),
                new RunSpec(RHM, Architecture.cnn().width(16).build(), t, 96, 200, 2));
        Map<RunSpec, double[][]> measuredAfterTraining = new HashMap<>();
        final class Sink implements TrainingListener, MeasurementSink {
            @Override
            public void onMeasured(RunSpec run, Observable observable, double[][] table) {
                measuredAfterTraining.put(run, table);
            }
        }
        Measures synonyms = Measures.of(Observable.SYNONYMS).withBaseSize(100);
        Sink sink = new Sink();
        List<MemberResult> results = new TrainerRunner(CPU, members, synonyms).savingWeights(dir).run(members, sink, sink);

        List<SavedWeights> saved = SavedWeights.readAll(dir);
        assertThat(saved).hasSize(2);
        for (int i = 0; i < members.size(); i++) {
            RunSpec r = members.get(i);
            SavedWeights s = SavedWeights.read(dir.resolve(RunKey.shortId(RunKey.of(r))));
            assertThat(s.spec()).isEqualTo(r);
            assertThat(Files.exists(s.dir().resolve("final.ndlist"))).isTrue();
            NetLayout layout = NetLayout.of(r.hierarchy(), r.architecture());
            assertSame(s.initial(), EnsembleNet.initialWeights(layout, r.modelSeed()));
            SavedRunMeasurer.Result later = SavedRunMeasurer.measure(s, synonyms, false, CPU);
            assertThat(later.testError()).isEqualTo(results.get(i).testError());
            assertThat(later.testLoss()).isCloseTo(results.get(i).testLoss(), within(1e-5));
            double[][] now = later.tables().get(Observable.SYNONYMS), then = measuredAfterTraining.get(r);
            for (int layer = 0; layer < then.length; layer++) {
                for (int level = 0; level < then[layer].length; level++) {
                    assertThat(now[layer][level]).as("S layer %d level %d", layer, level).isCloseTo(then[layer][level], within(1e-6));
                }
            }
            SavedRunMeasurer.Result before = SavedRunMeasurer.measure(s, Measures.none(), true, CPU);
            // the mean-field readout (÷H) starts near uniform outputs: a loss near ln n_c, unlike the trained net's
            assertThat(before.testLoss()).as("the initial weights").isCloseTo(Math.log(4), within(0.05))
                    .isNotCloseTo(later.testLoss(), within(0.05));
        }
    }

    @Test
    void aTransformerRoundTripsToo(@TempDir Path dir) {
        Hierarchy h = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(2).branching(2).depth(2).seed(3).build();
        RunSpec r = new RunSpec(h, Architecture.transformer().embedding(8).heads(2).build(),
                Training.adam(0.01).batch(8).checkEvery(2).maxEpochs(4).build(), 16, 16, 1, null, null, Task.lastToken());
        List<MemberResult> results = new TrainerRunner(CPU, List.of(r)).savingWeights(dir).run(List.of(r), null, MeasurementSink.DISCARD);
        SavedWeights s = SavedWeights.readAll(dir).get(0);
        assertThat(s.spec()).isEqualTo(r);
        assertThat(SavedRunMeasurer.measure(s, null, false, CPU).testLoss()).isCloseTo(results.get(0).testLoss(), within(1e-5));
        assertThatThrownBy(() -> SavedRunMeasurer.measure(s, Measures.of(Observable.SYNONYMS), false, CPU))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("last-token");
        assertThatThrownBy(() -> SavedWeights.readAll(dir.resolve("nothing"))).isInstanceOf(InvalidSpecException.class);
    }

    private static void assertSame(MemberWeights a, MemberWeights b) {
        assertThat(a.values()).hasSameSizeAs(b.values());
        for (int i = 0; i < a.values().size(); i++) assertThat(a.values().get(i)).containsExactly(b.values().get(i));
    }
}
