package io.rhmlab.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.NetLayout;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.rhmlab.engine.train.TrainerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayerwiseAndThreadsTest {
    private static final Architecture CNN16 = Architecture.cnn().width(16).build();
    private static final Training T = Training.sgd(0.05).batch(32).checkEvery(2).maxEpochs(4).lossThreshold(0).build();

    /** Grad mode is per thread: a thread that did not load the engine must train too (Spark tasks, notebooks). */
    @Test
    void trainsOnAFreshThread() throws Exception {
        MemberData d = data(256, 64);
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                out.set(cpu().train(members(CNN16, T, same(128, 2), 64, 1, 2), repeat(d, 2), null));
            } catch (Throwable e) {
                out.set(e);
            }
        });
        t.start();
        t.join();
        assertThat(out.get()).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        List<MemberResult> r = (List<MemberResult>) out.get();
        assertThat(r).allSatisfy(m -> {
            assertThat(m.status()).as(String.valueOf(m.error())).isEqualTo(Status.MAX_EPOCHS);
            assertThat(m.history().get(m.history().size() - 1).trainLoss()).isLessThan(m.history().get(0).trainLoss());
        });
    }

    @Test
    void aFrozenLayerStaysBitIdenticalWhileTheTrainedLayerMoves() {
        MemberData d = data(256, 64);
        List<io.rhmlab.dsl.experiment.RunSpec> specs = members(CNN16, T, same(128, 2), 64, 1, 2);
        EnsembleOutcome first = cpu().trainLayer(specs, repeat(d, 2), 1, null, null);
        assertThat(first.weights().get(0).shapes()).hasSize(2); // layer 1 and its readout
        EnsembleOutcome second = cpu().trainLayer(specs, repeat(d, 2), 2, first.weights(), null);
        assertThat(second.results()).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.MAX_EPOCHS));
        for (int m = 0; m < 2; m++) {
            MemberWeights before = first.weights().get(m);
            MemberWeights after = second.weights().get(m);
            assertThat(after.shapes()).hasSize(3);
            assertThat(after.values().get(0)).containsExactly(before.values().get(0)); // frozen layer 1: bit-identical
            // layer 2 started from the member's seed (as in a fresh net) and was trained
            try (NDManager mgr = NDManager.newBaseManager();
                 EnsembleNet fresh = EnsembleNet.create(mgr, NetLayout.of(RHM, CNN16).truncated(2), new long[] {m + 1})) {
                float[] init = fresh.weights(0).values().get(1);
                assertThat(after.values().get(1)).hasSameSizeAs(init);
                assertThat(after.values().get(1)).isNotEqualTo(init);
            }
        }
        // the last stage is the full net: its weights load into it
        EnsembleOutcome third = cpu().trainLayer(specs, repeat(d, 2), 3, second.weights(), null);
        try (NDManager mgr = NDManager.newBaseManager();
             EnsembleNet full = EnsembleNet.fromWeights(mgr, NetLayout.of(RHM, CNN16), third.weights())) {
            assertThat(full.weights(1).values().get(0)).containsExactly(first.weights().get(1).values().get(0));
            assertThat(full.weights(1).values().get(1)).containsExactly(second.weights().get(1).values().get(1));
        }
        assertThatThrownBy(() -> cpu().trainLayer(specs, repeat(d, 2), 2, null, null))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("below");
        assertThatThrownBy(() -> cpu().trainLayer(specs, repeat(d, 2), 4, third.weights(), null))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("layer");
    }

    @Test
    void aTruncatedNetReadsOutThePooledRepresentation() {
        NetLayout layout = NetLayout.of(RHM, CNN16).truncated(1);
        assertThat(layout.layers()).hasSize(1);
        assertThat(layout.readoutFanIn()).isEqualTo(16);
        assertThat(layout.readoutScale()).isEqualTo(1.0 / 16);
        try (NDManager m = NDManager.newBaseManager(); EnsembleNet net = EnsembleNet.create(m, layout, new long[] {5, 6})) {
            NDArray tokens = m.create(new long[2 * 3 * 8], new Shape(2, 3, 8));
            var a = net.forwardAll(tokens);
            assertThat(a.hidden().get(0).getShape()).isEqualTo(new Shape(2, 3, 4, 16));
            NDArray expected = a.hidden().get(0).mean(new int[] {2}).matMul(net.parameters().get(1)).div(16);
            assertThat(a.output().getShape()).isEqualTo(new Shape(2, 3, 4));
            assertThat(a.output().sub(expected).abs().max().getFloat()).isLessThan(1e-5f);
        }
    }

    @Test
    void aPerPositionReadoutReadsEveryRemainingPositionWithItsOwnWeights() {
        NetLayout layout = NetLayout.of(RHM, CNN16).truncated(1, true);
        assertThat(layout.readoutFanIn()).isEqualTo(4 * 16);
        assertThat(layout.readoutShape()).containsExactly(64, 4);
        assertThat(layout.readoutScale()).isEqualTo(1.0 / 64);
        assertThat(NetLayout.of(RHM, CNN16).truncated(3, true).readoutFanIn()).as("one position left: the full net").isEqualTo(16);
        try (NDManager m = NDManager.newBaseManager(); EnsembleNet net = EnsembleNet.create(m, layout, new long[] {5, 6})) {
            long[] tokens = new long[2 * 3 * 8];
            for (int i = 0; i < tokens.length; i++) tokens[i] = (i * 7) % 4;
            var a = net.forwardAll(m.create(tokens, new Shape(2, 3, 8)));
            NDArray expected = a.hidden().get(0).reshape(2, 3, 64).matMul(net.parameters().get(1)).div(64);
            assertThat(a.output().sub(expected).abs().max().getFloat()).isLessThan(1e-5f);
            // positions are not interchangeable any more: swapping two patches changes the output
            long[] swapped = tokens.clone();
            for (int b = 0; b < 6; b++) {
                int o = b * 8;
                long t0 = swapped[o], t1 = swapped[o + 1];
                swapped[o] = swapped[o + 2]; swapped[o + 1] = swapped[o + 3]; swapped[o + 2] = t0; swapped[o + 3] = t1;
            }
            var s = net.forwardAll(m.create(swapped, new Shape(2, 3, 8)));
            assertThat(s.output().sub(a.output()).abs().max().getFloat()).isGreaterThan(1e-4f);
        }
    }
}
