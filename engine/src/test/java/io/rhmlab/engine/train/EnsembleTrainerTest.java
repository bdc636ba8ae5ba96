package io.rhmlab.engine.train;

import ai.djl.ndarray.NDManager;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.TokenData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.rhmlab.engine.train.TrainerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@Tag("slow")
class EnsembleTrainerTest {
    private static final Architecture CNN16 = Architecture.cnn().width(16).build();

    @Test
    void aMemberOfAnEnsembleFollowsItsSoloRun() {
        Training t = Training.sgd(0.05).batch(32).checkEvery(1).maxEpochs(6).lossThreshold(0).build();
        MemberData d = data(512, 256);
        List<MemberResult> three = cpu().train(members(CNN16, t, same(256, 3), 256, 11, 12, 13), repeat(d, 3), null);
        List<MemberResult> solo = cpu().train(members(CNN16, t, same(256, 1), 256, 12), repeat(d, 1), null);
        List<Checkpoint> a = three.get(1).history();
        List<Checkpoint> b = solo.get(0).history();
        assertThat(a).hasSize(7).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).trainLoss()).isCloseTo(b.get(i).trainLoss(), within(1e-4 * (1 + b.get(i).trainLoss())));
            assertThat(a.get(i).testError()).isCloseTo(b.get(i).testError(), within(2.0 / 256));
            assertThat(a.get(i).steps()).isEqualTo(b.get(i).steps());
        }
        // and the members really differ from each other
        assertThat(three.get(0).history().get(3).trainLoss()).isNotCloseTo(a.get(3).trainLoss(), within(1e-6));
        assertThat(a.get(6).trainLoss()).isLessThan(a.get(0).trainLoss());
        assertThat(three).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.MAX_EPOCHS));
        assertThat(three.get(0).device()).contains("cpu");
    }

    /**
     * A listener asking for snapshots gets each member's weights at its own epochs 0, N, 2N, … (members with
     * different P end their epochs at different steps); one that does not ask gets none.
     */
    @Test
    void snapshotsArriveAtEachMembersOwnEpochs() {
        Training t = Training.sgd(0.1).batch(16).checkEvery(5).maxEpochs(5).lossThreshold(0).build();
        MemberData d = data(128, 64);
        List<WeightSnapshot> seen = new ArrayList<>();
        TrainingListener every2 = new TrainingListener() {
            @Override
            public int snapshotEvery() {
                return 2;
            }

            @Override
            public void onSnapshots(List<WeightSnapshot> snapshots) {
                seen.addAll(snapshots);
            }
        };
        EnsembleOutcome out = cpu().trainWithWeights(members(CNN16, t, new long[] {32, 128}, 64, 1, 2), repeat(d, 2), every2);
        for (int m = 0; m < 2; m++) {
            final int member = m;
            assertThat(seen.stream().filter(s -> s.member() == member).map(WeightSnapshot::epoch).toList())
                    .as("member %d", m).containsExactly(0, 2, 4);
        }
        // epoch 0 is the initialisation; epoch 4 is one epoch before the end, so not the final weights
        WeightSnapshot last = seen.stream().filter(s -> s.member() == 1 && s.epoch() == 4).findFirst().orElseThrow();
        assertThat(last.weights().values().get(0)).isNotEqualTo(out.weights().get(1).values().get(0));
        List<WeightSnapshot> none = new ArrayList<>();
        cpu().train(members(CNN16, t, new long[] {32}, 64, 1), repeat(d, 1), new TrainingListener() {
            @Override
            public void onSnapshots(List<WeightSnapshot> snapshots) {
                none.addAll(snapshots);
            }
        });
        assertThat(none).isEmpty();
    }

    @Test
    void aMemberThatStopsEarlyIsFrozenWhileTheOthersTrainOn() {
        Training t = Training.sgd(0.1).batch(4).checkEvery(2).maxEpochs(20).lossThreshold(5e-2).build();
        MemberData d = data(256, 128);
        // P = 16 converges within a few epochs; P = 1024 cannot reach the threshold in 40 epochs at this width
        var outcome = cpu().trainWithWeights(members(CNN16, t, new long[] {16, 256}, 128, 3, 4), repeat(d, 2), null);
        var solo = cpu().trainWithWeights(members(CNN16, t, new long[] {16}, 128, 3), repeat(d, 1), null);
        MemberResult early = outcome.results().get(0);
        assertThat(early.status()).isEqualTo(Status.CONVERGED);
        assertThat(early.trainLoss()).isLessThanOrEqualTo(5e-2);
        assertThat(outcome.results().get(1).steps()).isGreaterThan(5 * early.steps());
        assertThat(early.epochs()).isEqualTo(solo.results().get(0).epochs());
        // after stopping, the many steps of the other member left its weights where the solo run stopped
        MemberWeights ensembleW = outcome.weights().get(0);
        MemberWeights soloW = solo.weights().get(0);
        for (int i = 0; i < ensembleW.values().size(); i++) {
            float[] x = ensembleW.values().get(i);
            float[] y = soloW.values().get(i);
            for (int j = 0; j < x.length; j++) assertThat(x[j]).isCloseTo(y[j], within(1e-3f * (1 + Math.abs(y[j]))));
        }
    }

    @Test
    void aDivergingMemberIsFrozenAndTheOtherConverges() {
        Training base = Training.sgd(0.1).batch(16).checkEvery(1).maxEpochs(60).lossThreshold(5e-2).build();
        Training huge = Training.sgd(1e6).batch(16).checkEvery(1).maxEpochs(60).lossThreshold(5e-2).build();
        MemberData d = data(64, 64);
        List<RunSpec> specs = List.of(new RunSpec(RHM, CNN16, huge, 32, 64, 1), new RunSpec(RHM, CNN16, base, 32, 64, 2));
        List<Integer> done = new ArrayList<>();
        List<MemberResult> r = cpu().train(specs, repeat(d, 2), new TrainingListener() {
            @Override
            public void onMemberDone(int member, MemberResult result) {
                done.add(member);
            }
        });
        assertThat(r.get(0).status()).isEqualTo(Status.DIVERGED);
        assertThat(r.get(0).error()).contains("non-finite");
        assertThat(r.get(1).status()).isEqualTo(Status.CONVERGED);
        assertThat(r.get(1).steps()).isGreaterThan(r.get(0).steps());
        assertThat(done).containsExactly(0, 1);
    }

    @Test
    void nativeMemoryStaysFlatOverManySteps() {
        Training t = Training.sgd(0.01).batch(8).checkEvery(5).maxEpochs(60).lossThreshold(0).weightDecay(1e-4).build();
        MemberData d = data(128, 64);
        List<Integer> arrays = new ArrayList<>();
        NDManager probe = NDManager.newBaseManager();
        NDManager system = probe.getParentManager(); // the engine's root: every array of the run is under it
        List<Long> rss = new ArrayList<>();
        List<MemberResult> r = cpu().train(members(CNN16, t, new long[] {64, 96}, 64, 1, 2), repeat(d, 2), new TrainingListener() {
            @Override
            public void onEpoch(int epoch, int active, double meanLoss) {
                arrays.add(system.getManagedArrays().size());
                // collect the JVM's garbage first: an eden still being filled for the first time grows RSS by
                // the step's Java allocations (~60 kB/step), which is not the native memory this test watches
                System.gc();
                rss.add(residentKb());
            }
        });
        assertThat(r.get(1).steps()).isGreaterThanOrEqualTo(700); // 60 epochs × 12 steps
        assertThat(arrays).hasSizeGreaterThan(50);
        assertThat(arrays.get(0)).isPositive();
        assertThat(arrays.subList(1, arrays.size())).containsOnly(arrays.get(1));
        // the allocator settles during the first epochs; after that, no growth per step
        assertThat(rss.get(rss.size() - 1) - rss.get(rss.size() / 2)).isLessThan(20_000);
        probe.close();
    }

    @Test
    void adamCosineAndWeightDecayTrain() {
        Training t = Training.adam(0.01).scaleByWidth(false).cosine().weightDecay(1e-4).batch(32).checkEvery(5).maxEpochs(20).build();
        MemberData d = data(256, 64);
        List<MemberResult> r = cpu().train(members(Architecture.lcn().width(16).referenceOld().build(), t, same(256, 2), 64, 1, 2), repeat(d, 2), null);
        assertThat(r).allSatisfy(m -> {
            assertThat(m.history().get(m.history().size() - 1).trainLoss()).isLessThan(m.history().get(0).trainLoss());
            assertThat(m.epochs()).isLessThanOrEqualTo(20);
        });
    }

    @Test
    void badInputIsRejectedBeforeAnyWork() {
        Training t = Training.sgd(0.1).build();
        MemberData d = data(64, 32);
        EnsembleTrainer trainer = cpu();
        assertThatThrownBy(() -> trainer.train(List.of(), List.of(), null)).hasMessageStartingWith("members");
        assertThatThrownBy(() -> trainer.train(members(CNN16, t, same(32, 2), 32, 1, 2), repeat(d, 1), null))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("data");
        assertThatThrownBy(() -> trainer.train(List.of(new RunSpec(RHM, CNN16, t, 32, 32, 1),
                new RunSpec(RHM, Architecture.cnn().width(8).build(), t, 32, 32, 2)), repeat(d, 2), null))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("architecture");
        assertThatThrownBy(() -> trainer.train(List.of(new RunSpec(RHM, CNN16, t, 32, 32, 1),
                new RunSpec(RHM, CNN16, Training.sgd(0.1).batch(7).build(), 32, 32, 2)), repeat(d, 2), null))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("training");
        var other = io.rhmlab.dsl.Hierarchy.rhm().vocabulary(5).classes(4).multiplicity(4).branching(2).depth(3).seed(1).build();
        assertThatThrownBy(() -> trainer.train(List.of(new RunSpec(RHM, CNN16, t, 32, 32, 1),
                new RunSpec(other, CNN16, t, 32, 32, 2)), repeat(d, 2), null))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("hierarchy");
        assertThatThrownBy(() -> trainer.train(members(CNN16, t, same(65, 1), 32, 1), repeat(d, 1), null))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("P_train");
        assertThatThrownBy(() -> trainer.train(members(CNN16, t, same(32, 1), 33, 1), repeat(d, 1), null))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("P_test");
        // data of a v = 5 task fed to a network built for v = 4
        byte[] tokens = new byte[8 * 4];
        tokens[3] = 5;
        TokenData wide = new TokenData(tokens, new int[4], 4, 8);
        assertThatThrownBy(() -> trainer.train(members(CNN16, t, same(4, 1), 4, 1), List.of(new MemberData(wide, wide)), null))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("v");
        TokenData shortInputs = new TokenData(new byte[16], new int[4], 4, 4);
        assertThatThrownBy(() -> trainer.train(members(CNN16, t, same(4, 1), 4, 1), List.of(new MemberData(shortInputs, shortInputs)), null))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("d");
    }

    /**
     * {@code --device gpu} trains where the engine offers a GPU and is otherwise one line saying what is missing:
     * whichever this machine is, one of the two is checked (the CPU build that tests run with fails, GPUs or not).
     */
    @Test
    void aMissingGpuIsAClearError() {
        EnsembleTrainer trainer = new EnsembleTrainer(TrainerSettings.defaults().withDevice(DeviceChoice.GPU));
        List<RunSpec> members = members(CNN16, Training.sgd(0.1).build(), same(32, 1), 32, 1);
        String missing = DeviceDecision.missing(EngineFacts.probe());
        if (missing == null) {
            assertThat(trainer.train(members, repeat(data(64, 32), 1), null)).hasSize(1);
        } else {
            assertThatThrownBy(() -> trainer.train(members, repeat(data(64, 32), 1), null))
                    .isInstanceOf(DeviceUnavailableException.class).hasMessage("device: --device gpu cannot train here: " + missing)
                    .hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> new TrainerSettings(DeviceChoice.CPU, -1, 10)).hasMessageStartingWith("threads");
    }

    private static long residentKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return 0;
    }
}
