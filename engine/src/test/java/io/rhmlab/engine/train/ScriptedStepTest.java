package io.rhmlab.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.engine.net.TaskData;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.net.Bias;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.net.TokenData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The scripted step (one TorchScript call per step) trains to the same numbers as the step written with DJL's
 * operators, on every kind of net, with and without bias, weight decay and padded batches.
 */
class ScriptedStepTest {

    private static final Training SGD = Training.sgd(0.1).momentum(0.9).batch(8).lossThreshold(1e-6).checkEvery(1)
            .maxEpochs(3).build();

    private static EnsembleOutcome train(Hierarchy task, Architecture arch, Training t, long[] sizes, boolean scripted) {
        return train(task, arch, t, Task.classify(), sizes, scripted);
    }

    private static EnsembleOutcome train(Hierarchy task, Architecture arch, Training t, Task predict, long[] sizes, boolean scripted) {
        Dataset ds = Dataset.sample(task, 64, 64);
        MemberData data = new MemberData(TaskData.of(TokenData.of(ds.train()), task, predict, arch.kind()),
                TaskData.of(TokenData.of(ds.test()), task, predict, arch.kind()));
        List<RunSpec> members = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) members.add(new RunSpec(task, arch, t, sizes[i], 64, i + 1, null, null, predict));
        EnsembleTrainer trainer = new EnsembleTrainer(TrainerSettings.defaults().withDevice(DeviceChoice.CPU)
                .withThreads(1).withScriptedStep(scripted));
        return trainer.trainWithWeights(members, TrainerFixtures.repeat(data, sizes.length), null);
    }

    /** Same members, steps and losses; every weight within 1e-5 of the operator step's after three epochs. */
    private static void agree(Hierarchy task, Architecture arch, Training t, long... sizes) {
        agree(task, arch, t, Task.classify(), sizes);
    }

    private static void agree(Hierarchy task, Architecture arch, Training t, Task predict, long... sizes) {
        EnsembleOutcome ops = train(task, arch, t, predict, sizes, false);
        EnsembleOutcome script = train(task, arch, t, predict, sizes, true);
        for (int m = 0; m < sizes.length; m++) {
            MemberResult a = ops.results().get(m), b = script.results().get(m);
            assertThat(b.status()).as(b.error()).isEqualTo(a.status());
            assertThat(b.steps()).isEqualTo(a.steps()).isPositive();
            assertThat(b.trainLoss()).isCloseTo(a.trainLoss(), within(1e-5 * Math.max(1, a.trainLoss())));
            assertThat(b.testError()).isCloseTo(a.testError(), within(1.5 / 64));
            closeWeights(ops.weights().get(m), script.weights().get(m), arch.label());
        }
    }

    /** Every weight of {@code b} within 1e-5 of {@code a}'s. */
    private static void closeWeights(MemberWeights a, MemberWeights b, String what) {
        for (int i = 0; i < a.values().size(); i++) {
            float[] x = a.values().get(i), y = b.values().get(i);
            for (int j = 0; j < x.length; j++) {
                assertThat((double) y[j]).as("%s tensor %d [%d]", what, i, j).isCloseTo(x[j], within(1e-5));
            }
        }
    }

    @Test
    void theScriptedStepTrainsAsTheOperatorStepOnEveryKindOfNet() {
        Hierarchy rhm = TrainerFixtures.RHM;
        agree(rhm, Architecture.cnn().width(16).build(), SGD, 64, 40);
        agree(rhm, Architecture.lcn().width(16).build(), SGD, 64, 40);
        agree(rhm, Architecture.fcn().width(16).hiddenLayers(2).build(), SGD, 64, 40);
        agree(rhm, Architecture.fcnLcnUnits().width(4).build(), SGD, 64, 40);
    }

    /** The mask (input-table row v) and the FCN's dropped position go through the scripted step as through the operators. */
    @Test
    void theLastTokenTaskAgreesToo() {
        Hierarchy rhm = TrainerFixtures.RHM;
        agree(rhm, Architecture.cnn().width(16).build(), SGD, Task.lastToken(), 64, 40);
        agree(rhm, Architecture.cnn().width(16).build(), SGD, Task.lastToken(4), 64, 40);
        agree(rhm, Architecture.lcn().width(16).build(), SGD, Task.lastToken(), 64, 40);
        agree(rhm, Architecture.fcn().width(16).hiddenLayers(2).build(), SGD, Task.lastToken(), 64, 40);
        // v = 10 > 8: the operator step gathers rows of T·W, the mask row among them
        Hierarchy wide = Hierarchy.rhm().vocabulary(10).classes(10).multiplicity(10).branching(2).depth(2).seed(3).build();
        agree(wide, Architecture.cnn().width(16).build(), SGD, Task.lastToken(), 64, 48);
    }

    @Test
    void biasWeightDecayAndPaddedBatchesAgreeToo() {
        Hierarchy rhm = TrainerFixtures.RHM;
        Training decay = Training.sgd(0.05).momentum(0.9).weightDecay(5e-4).batch(8).lossThreshold(1e-6).checkEvery(1)
                .maxEpochs(3).build();
        // 60 and 44 are not multiples of the batch: every epoch ends with a padded, weighted batch
        agree(rhm, Architecture.cnn().width(16).referenceOld().build(), decay, 60, 44);
        agree(rhm, Architecture.lcn().width(16).referenceOld().build(), SGD, 60, 44);
        // v = 10 > 8: the operator step gathers rows of T·W, the scripted step multiplies the encoded input
        Hierarchy wide = Hierarchy.rhm().vocabulary(10).classes(10).multiplicity(10).branching(2).depth(2).seed(3).build();
        agree(wide, Architecture.lcn().width(16).build(), SGD, 64, 48);
    }

    @Test
    void everyBiasAgrees() {
        Hierarchy rhm = TrainerFixtures.RHM;
        for (Bias bias : List.of(Bias.SHARED, Bias.POSITIONAL)) {
            agree(rhm, Architecture.cnn().width(8).bias(bias).build(), SGD, 64, 44);
            agree(rhm, Architecture.lcn().width(8).bias(bias).build(), SGD, 64, 44);
            agree(rhm, Architecture.fcn().width(16).hiddenLayers(2).bias(bias).build(), SGD, 64, 44);
        }
    }

    /** Layerwise training's first stage trains every tensor of a truncated net: pooled or per-position readout. */
    @Test
    void truncatedNetsOfLayerwiseTrainingAgree() {
        Hierarchy rhm = TrainerFixtures.RHM;
        Dataset ds = Dataset.sample(rhm, 64, 64);
        MemberData data = new MemberData(TokenData.of(ds.train()), TokenData.of(ds.test()));
        for (Architecture arch : List.of(Architecture.cnn().width(8).build(), Architecture.lcn().width(8).referenceOld().build())) {
            for (boolean perPosition : new boolean[] {false, true}) {
                List<RunSpec> members = List.of(new RunSpec(rhm, arch, SGD, 64, 64, 1), new RunSpec(rhm, arch, SGD, 44, 64, 2));
                List<List<MemberWeights>> weights = new ArrayList<>();
                for (boolean scripted : new boolean[] {false, true}) {
                    EnsembleTrainer trainer = new EnsembleTrainer(TrainerSettings.defaults().withDevice(DeviceChoice.CPU)
                            .withThreads(1).withScriptedStep(scripted));
                    weights.add(trainer.trainLayer(members, TrainerFixtures.repeat(data, 2), 1, null, perPosition, null).weights());
                }
                for (int m = 0; m < 2; m++) {
                    closeWeights(weights.get(0).get(m), weights.get(1).get(m), arch.label() + " per position " + perPosition);
                }
            }
        }
    }

    @Test
    void theArchiveIsAModuleLibtorchLoads() {
        NetLayout layout = NetLayout.of(TrainerFixtures.RHM, Architecture.lcn().width(8).build());
        String source = ScriptedStep.source(layout, SGD);
        // the backward pass is written out: gradients go into the momentum buffers, μ to the last digit
        assertThat(source).contains("torch.baddbmm_").doesNotContain("autograd")
                .contains(String.format(java.util.Locale.ROOT, "beta=%.17e", 0.9));
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
             ScriptedStep step = ScriptedStep.load(m, layout, SGD)) {
            assertThat(step).isNotNull();
        }
    }
}
