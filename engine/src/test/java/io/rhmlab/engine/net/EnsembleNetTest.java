package io.rhmlab.engine.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.net.Bias;
import io.rhmlab.dsl.data.Encoding;
import io.rhmlab.dsl.net.Normalization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EnsembleNetTest {
    private static final Hierarchy RHM = Hierarchy.rhm().vocabulary(4).classes(3).multiplicity(4).branching(2).depth(3).seed(1).build();

    private static long[] randomTokens(int k, int b, int d, int v, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] t = new long[k * b * d];
        for (int i = 0; i < t.length; i++) t[i] = r.nextInt(v);
        return t;
    }

    @Test
    void treeMatchedNetsEndWithOnePositionAndGiveNcOutputs() {
        for (Architecture a : List.of(Architecture.cnn().width(16).build(), Architecture.lcn().width(16).build(),
                Architecture.cnn().width(8).referenceOld().build())) {
            NetLayout layout = NetLayout.of(RHM, a);
            try (NDManager m = NDManager.newBaseManager(); EnsembleNet net = EnsembleNet.create(m, layout, new long[] {1, 2})) {
                NDArray tokens = m.create(randomTokens(2, 5, 8, 4, 3), new Shape(2, 5, 8));
                Activations act = net.forwardAll(tokens);
                assertThat(act.output().getShape()).isEqualTo(new Shape(2, 5, 3));
                assertThat(act.hidden()).hasSize(3);
                assertThat(act.hidden().get(0).getShape()).isEqualTo(new Shape(2, 5, 4, a.width()));
                assertThat(act.hidden().get(2).getShape()).isEqualTo(new Shape(2, 5, 1, a.width()));
            }
        }
    }

    @Test
    void fullyConnectedNetsHaveTheirUnitCounts() {
        NetLayout fcn = NetLayout.of(RHM, Architecture.fcn().width(32).depth(2).build());
        assertThat(fcn.layers()).extracting(NetLayout.Layer::outChannels).containsExactly(32, 32);
        assertThat(fcn.layers().get(0).inChannels()).isEqualTo(32); // v·d = 4·8
        NetLayout lcnUnits = NetLayout.of(RHM, Architecture.fcnLikeLcn().width(8).build());
        assertThat(lcnUnits.layers()).extracting(NetLayout.Layer::outChannels).containsExactly(32, 16, 8);
        try (NDManager m = NDManager.newBaseManager(); EnsembleNet net = EnsembleNet.create(m, lcnUnits, new long[] {1})) {
            Activations act = net.forwardAll(m.create(randomTokens(1, 3, 8, 4, 1), new Shape(1, 3, 8)));
            assertThat(act.output().getShape()).isEqualTo(new Shape(1, 3, 3));
            assertThat(act.hidden().get(1).getShape()).isEqualTo(new Shape(1, 3, 16));
        }
    }

    /** docs/science.md §10.6: a token of patch j moves only patch j at level 1, then only its ancestors. */
    @Test
    void changingATokenMovesOnlyItsPatchAndItsAncestors() {
        for (Architecture a : List.of(Architecture.cnn().width(16).build(), Architecture.lcn().width(16).bias(Bias.POSITIONAL).build())) {
            NetLayout layout = NetLayout.of(RHM, a);
            try (NDManager m = NDManager.newBaseManager(); EnsembleNet net = EnsembleNet.create(m, layout, new long[] {7})) {
                long[] x = randomTokens(1, 1, 8, 4, 11);
                long[] y = x.clone();
                y[5] = (x[5] + 1) % 4; // position 5 lies in level-1 patch 2, level-2 patch 1
                Activations ax = net.forwardAll(m.create(x, new Shape(1, 1, 8)));
                Activations ay = net.forwardAll(m.create(y, new Shape(1, 1, 8)));
                float[][] changed = new float[3][];
                for (int l = 0; l < 3; l++) changed[l] = ax.hidden().get(l).sub(ay.hidden().get(l)).abs().sum(new int[] {0, 1, 3}).toFloatArray();
                assertThat(changed[0][0]).isZero();
                assertThat(changed[0][1]).isZero();
                assertThat(changed[0][3]).isZero();
                assertThat(changed[0][2]).isPositive();
                assertThat(changed[1][0]).isZero();
                assertThat(changed[1][1]).isPositive();
            }
        }
    }

    /**
     * The encoded path (layer 1 as x·W on the materialised input) gives the token path's activations, for every
     * kind of net, with blanks (token v) and an encoding whose blank row is not zero.
     */
    @Test
    void theEncodedForwardPassMatchesTheTokenPath() {
        List<Architecture> nets = List.of(
                Architecture.cnn().width(8).bias(Bias.SHARED).build(),
                Architecture.lcn().width(8).bias(Bias.POSITIONAL).input(Encoding.REFERENCE_SRHM).build(),
                Architecture.fcn().width(16).depth(2).bias(Bias.SHARED).build(),
                Architecture.fcnLikeLcn().width(4).input(Encoding.CENTRED).build());
        for (Architecture a : nets) {
            NetLayout layout = NetLayout.of(RHM, a);
            try (NDManager m = NDManager.newBaseManager(); EnsembleNet net = EnsembleNet.create(m, layout, new long[] {3, 4})) {
                NDArray tokens = m.create(randomTokens(2, 6, 8, 5, 9), new Shape(2, 6, 8));   // 5 = v + 1: blanks too
                NDArray x = net.encode(tokens);
                assertThat(x.getShape()).isEqualTo(new Shape(2, 6, 8, 4));
                // v = 4: forwardAll takes the encoded path itself; the row-gather path (larger v) is compared here
                Activations byTokens;
                try (NoGrad off = NoGrad.on()) {
                    byTokens = net.runGathered(net.parameters(), tokens, true);
                }
                Activations encoded = net.forwardEncoded(x);
                assertThat(encoded.hidden()).hasSize(byTokens.hidden().size());
                for (int l = 0; l < byTokens.hidden().size(); l++) {
                    assertThat(encoded.hidden().get(l).getShape()).isEqualTo(byTokens.hidden().get(l).getShape());
                    assertClose(encoded.hidden().get(l).toFloatArray(), byTokens.hidden().get(l).toFloatArray(), a.label() + " layer " + (l + 1));
                }
                assertClose(encoded.output().toFloatArray(), byTokens.output().toFloatArray(), a.label() + " output");
                // the input is really read: a perturbed input moves the output
                Activations moved = net.forwardEncoded(x.add(0.5f));
                assertThat(moved.output().sub(byTokens.output()).abs().max().getFloat()).isGreaterThan(1e-3f);
            }
        }
    }

    private static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        float max = 0;
        for (float e : expected) max = Math.max(max, Math.abs(e));
        assertThat(max).as(what + " is not trivially zero").isGreaterThan(0f);
        for (int i = 0; i < actual.length; i++) assertThat(actual[i]).as(what + " entry " + i).isCloseTo(expected[i], within(1e-5f));
    }

    /** Dropped gradients: same values, new leaves without a gradient, frozen layers untouched (same handles). */
    @Test
    void droppingGradientsKeepsTheWeightsAndFrozenLayers() {
        NetLayout layout = NetLayout.of(RHM, Architecture.cnn().width(8).build());
        try (NDManager m = NDManager.newBaseManager(); EnsembleNet net = EnsembleNet.create(m, layout, new long[] {3, 4})) {
            net.freeze(1);
            List<NDArray> before = net.parameters();
            List<float[]> values = before.stream().map(NDArray::toFloatArray).toList();
            NDArray tokens = m.create(randomTokens(2, 6, 8, 4, 9), new Shape(2, 6, 8));
            ai.djl.pytorch.jni.JniUtils.setGradMode(true);
            try {
                NDArray loss = net.run(net.parameters(), tokens, false).output().sum();
                ai.djl.pytorch.jni.JniUtils.backward((ai.djl.pytorch.engine.PtNDArray) loss,
                        (ai.djl.pytorch.engine.PtNDArray) m.ones(loss.getShape()), false, false);
            } finally {
                ai.djl.pytorch.jni.JniUtils.setGradMode(false);
            }
            int trainable = layout.tensorsOfLayers(1);
            NDArray grad = before.get(trainable).getGradient();
            assertThat(grad.abs().sum().getFloat()).isGreaterThan(0f);
            net.dropGradients();
            List<NDArray> after = net.parameters();
            for (int i = 0; i < after.size(); i++) {
                assertThat(after.get(i).toFloatArray()).as("tensor " + i).containsExactly(values.get(i));
                if (i < trainable) {
                    assertThat(after.get(i)).as("frozen tensor " + i).isSameAs(before.get(i));
                } else {
                    assertThat(after.get(i)).isNotSameAs(before.get(i));
                    assertThat(after.get(i).hasGradient()).isTrue();
                    // a fresh leaf: its gradient is all zeros until the next backward pass writes it
                    assertThat(after.get(i).getGradient().abs().sum().getFloat()).isEqualTo(0f);
                }
            }
        }
    }

    @Test
    void encodedInputsOfTheWrongShapeAreNamed() {
        NetLayout layout = NetLayout.of(RHM, Architecture.cnn().width(4).build());
        try (NDManager m = NDManager.newBaseManager(); EnsembleNet net = EnsembleNet.create(m, layout, new long[] {1})) {
            assertThatThrownBy(() -> net.forwardEncoded(m.zeros(new Shape(1, 2, 8, 3))))
                    .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("d");
            assertThatThrownBy(() -> net.forwardEncoded(m.zeros(new Shape(2, 2, 8, 4))))
                    .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("K");
        }
    }

    @Test
    void membersAreInitialisedFromTheirOwnSeedWhateverK() {
        NetLayout layout = NetLayout.of(RHM, Architecture.cnn().width(8).build());
        try (NDManager m = NDManager.newBaseManager();
             EnsembleNet three = EnsembleNet.create(m, layout, new long[] {5, 6, 7});
             EnsembleNet one = EnsembleNet.create(m, layout, new long[] {6})) {
            MemberWeights a = three.weights(1);
            MemberWeights b = one.weights(0);
            for (int i = 0; i < a.values().size(); i++) assertThat(a.values().get(i)).containsExactly(b.values().get(i));
            float[] w = a.values().get(0);
            double mean = 0, sq = 0;
            for (float f : w) { mean += f; sq += f * f; }
            assertThat(mean / w.length).isCloseTo(0, within(0.2));
            assertThat(sq / w.length).isCloseTo(1, within(0.3));
        }
    }

    @Test
    void encodingsFollowTheReferences() {
        float[] oneHot = InputTable.rows(Encoding.ONE_HOT, 4);
        assertThat(oneHot).containsExactly(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0);
        float[] centred = InputTable.rows(Encoding.CENTRED, 4);
        double sum = 0, norm = 0;
        for (int c = 0; c < 4; c++) { sum += centred[4 + c]; norm += centred[4 + c] * centred[4 + c]; }
        assertThat(sum).isCloseTo(0, within(1e-6));
        assertThat(norm).isCloseTo(1, within(1e-6));
        assertThat(centred[16]).isZero();
        float[] white = InputTable.rows(Encoding.REFERENCE_SRHM, 4);
        assertThat(white[16]).isCloseTo((float) (-1 / Math.sqrt(3)), within(1e-6f));
        assertThat(white[0]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void badShapesAreNamed() {
        assertThatThrownBy(() -> NetLayout.of(RHM, Architecture.cnn().depth(2).build()))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("hiddenLayers");
        NetLayout layout = NetLayout.of(RHM, Architecture.cnn().width(4).normalization(Normalization.CHANNELS).build());
        try (NDManager m = NDManager.newBaseManager(); EnsembleNet net = EnsembleNet.create(m, layout, new long[] {1})) {
            assertThatThrownBy(() -> net.forward(m.create(new long[4], new Shape(1, 1, 4))))
                    .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("d");
            assertThatThrownBy(() -> net.forward(m.create(new long[16], new Shape(2, 1, 8))))
                    .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("K");
        }
        TokenData wrongVocabulary = new TokenData(new byte[] {0, 1, 2, 3, 4, 5, 0, 0}, new int[] {0}, 1, 8);
        assertThatThrownBy(() -> wrongVocabulary.requireFits(4, 3, 8, "data"))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("v").hasMessageContaining("token 5");
        TokenData wrongLabel = new TokenData(new byte[8], new int[] {3}, 1, 8);
        assertThatThrownBy(() -> wrongLabel.requireFits(4, 3, 8, "data"))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("n_c");
        assertThatThrownBy(() -> new TokenData(new byte[7], new int[] {0}, 1, 8))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("data");
        assertThatThrownBy(() -> EnsembleNet.create(null, layout, new long[0]))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("K");
    }
}
