package io.rhmlab.engine.observe;

import ai.djl.ndarray.NDManager;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.net.Bias;
import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.NetLayout;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SensitivityTest {
    private static final Hierarchy RHM = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3).seed(1).build();
    private static final Dataset DATA = Dataset.sample(RHM, 400, 400);
    private static final Architecture CNN = Architecture.cnn().width(64).build();

    /** Zero weights, random biases: every representation is the same for every input. */
    private static EnsembleNet constantNet(NDManager m) {
        NetLayout layout = NetLayout.of(RHM, Architecture.cnn().width(16).bias(Bias.SHARED).build());
        SplittableRandom rng = new SplittableRandom(1);
        List<float[]> values = new ArrayList<>();
        List<long[]> shapes = layout.parameterShapes();
        for (int i = 0; i < shapes.size(); i++) {
            long n = 1;
            for (long x : shapes.get(i)) n *= x;
            float[] t = new float[(int) n];
            boolean weight = i % 2 == 0 && i < shapes.size() - 1;
            if (!weight) for (int j = 0; j < t.length; j++) t[j] = (float) rng.nextGaussian();
            values.add(t);
        }
        return EnsembleNet.fromWeights(m, layout, List.of(new MemberWeights(shapes, values)));
    }

    @Test
    void aConstantNetworkIsInsensitive() {
        try (NDManager m = NDManager.newBaseManager(); EnsembleNet net = constantNet(m)) {
            SensitivityTable s = Sensitivity.synonymSensitivity(net, DATA.rules(), SensitivityBase.TEST.select(DATA, 200), 3);
            assertThat(s.layers()).isEqualTo(4);
            assertThat(s.levels()).isEqualTo(3);
            for (int k = 1; k <= 4; k++) for (int l = 1; l <= 3; l++) assertThat(s.value(0, k, l)).isZero();
            SensitivityTable g = Sensitivity.noiseSensitivity(net, SensitivityBase.TEST.select(DATA, 200), 3);
            assertThat(g.kind()).isEqualTo(Sensitivity.NOISE);
            for (int k = 1; k <= 4; k++) assertThat(g.value(0, k, 1)).isZero();
        }
    }

    /** σ² is the per-entry mean over all ordered pairs (i = j included) of ‖x_i − x_j‖²: 2d / 4 pairs / (d·v). */
    @Test
    void theNoiseLevelIsThePerEntryMeanSquaredDifferenceOfTwoData() {
        float[] oneHot = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0};   // rows 0..3, blank row 4
        byte[] two = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};   // every position differs: ‖x_1 − x_2‖² = 2d
        assertThat(Sensitivity.noiseVariance(oneHot, 4, two, 2, 8)).isCloseTo(0.25, within(1e-12));
        byte[] same = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
        assertThat(Sensitivity.noiseVariance(oneHot, 4, same, 2, 8)).isZero();
    }

    @Test
    void withoutNoiseNothingMoves() {
        try (NDManager m = NDManager.newBaseManager();
             EnsembleNet net = EnsembleNet.create(m, NetLayout.of(RHM, CNN), new long[] {1})) {
            SensitivityTable g = Sensitivity.noiseSensitivity(net, SensitivityBase.TEST.select(DATA, 100), 5, 0.0);
            for (int k = 1; k <= 4; k++) assertThat(g.value(0, k, 1)).isZero();
            SensitivityTable tiny = Sensitivity.noiseSensitivity(net, SensitivityBase.TEST.select(DATA, 100), 5, 1e-3);
            for (int k = 1; k <= 4; k++) assertThat(tiny.value(0, k, 1)).isPositive().isLessThan(1e-4);
        }
    }

    @Test
    void atInitialisationTheNoiseSensitivityIsOfOrderOneAndGrowsWithTheNoise() {
        Tokens base = SensitivityBase.TEST.select(DATA, 300);
        try (NDManager m = NDManager.newBaseManager();
             EnsembleNet net = EnsembleNet.create(m, NetLayout.of(RHM, CNN), new long[] {5, 6})) {
            SensitivityTable g = Sensitivity.noiseSensitivity(net, base, 11);
            assertThat(g.layers()).isEqualTo(4);
            assertThat(g.levels()).isEqualTo(1);
            for (int i = 0; i < 2; i++)
                for (int k = 1; k <= 4; k++) assertThat(g.value(i, k, 1)).as("G_%d member %d", k, i).isBetween(0.05, 5.0);
            double[] scales = {0.25, 0.5, 2.0};
            SensitivityTable[] at = new SensitivityTable[scales.length];
            for (int j = 0; j < scales.length; j++) at[j] = Sensitivity.noiseSensitivity(net, base, 11, scales[j]);
            for (int i = 0; i < 2; i++)
                for (int k = 1; k <= 4; k++) {
                    assertThat(at[0].value(i, k, 1)).isLessThan(at[1].value(i, k, 1));
                    assertThat(at[1].value(i, k, 1)).isLessThan(g.value(i, k, 1));
                    assertThat(g.value(i, k, 1)).isLessThan(at[2].value(i, k, 1));
                }
        }
    }

    /** Members 21 and 22 batched in one net, and member 22 alone in another: what a batched forward must keep apart. */
    private static void withBatchedAndAlone(BiConsumer<EnsembleNet, EnsembleNet> test) {
        try (NDManager m = NDManager.newBaseManager();
             EnsembleNet both = EnsembleNet.create(m, NetLayout.of(RHM, CNN), new long[] {21, 22});
             EnsembleNet second = EnsembleNet.create(m, NetLayout.of(RHM, CNN), new long[] {22})) {
            test.accept(both, second);
        }
    }

    @Test
    void theNoiseIsFixedByTheSeedAndSharedByTheMembers() {
        Tokens base = SensitivityBase.TRAIN.select(DATA, 150);
        withBatchedAndAlone((both, second) -> {
            SensitivityTable a = Sensitivity.noiseSensitivity(both, base, 4);
            SensitivityTable again = Sensitivity.noiseSensitivity(both, base, 4);
            SensitivityTable other = Sensitivity.noiseSensitivity(both, base, 5);
            SensitivityTable alone = Sensitivity.noiseSensitivity(second, base, 4);
            assertThat(again.values()).isDeepEqualTo(a.values());
            boolean differs = false;
            for (int k = 1; k <= 4; k++) {
                differs |= other.value(0, k, 1) != a.value(0, k, 1);
                assertThat(a.value(1, k, 1)).isCloseTo(alone.value(0, k, 1), within(1e-4));
            }
            assertThat(differs).as("another seed draws other noise").isTrue();
        });
    }

    @Test
    void independentDataGiveOne() {
        Tokens base = DATA.test(), other = DATA.train();
        try (NDManager m = NDManager.newBaseManager();
             EnsembleNet net = EnsembleNet.create(m, NetLayout.of(RHM, CNN), new long[] {1, 2})) {
            double[][][] r = Sensitivity.ratios(net, base, List.of(other), 128);
            for (double[][] member : r)
                for (double[] layer : member) assertThat(layer[0]).isCloseTo(1.0, within(0.15));
        }
    }

    @Test
    void atInitialisationSensitivitiesAreOfOrderOneAndGrowWithTheLevel() {
        try (NDManager m = NDManager.newBaseManager();
             EnsembleNet net = EnsembleNet.create(m, NetLayout.of(RHM, CNN), new long[] {5, 6, 7})) {
            SensitivityTable s = Sensitivity.synonymSensitivity(net, DATA.rules(), SensitivityBase.TEST.select(DATA, 300), 11);
            assertThat(s.members()).isEqualTo(3);
            for (int i = 0; i < 3; i++)
                for (int k = 1; k <= 4; k++)
                    for (int l = 1; l <= 3; l++) assertThat(s.value(i, k, l)).as("S_{%d,%d} member %d", k, l, i).isBetween(0.05, 2.0);
            // level-1 exchanges re-draw input tuples: the first hidden layer sees them; re-drawing everything
            // below the class (ℓ = L) changes the input more
            assertThat(s.mean(1, 1)).isGreaterThan(0.05);
            assertThat(s.mean(1, 3)).isGreaterThan(s.mean(1, 1));
        }
    }

    @Test
    void oneBatchedForwardGivesEachMembersOwnValues() {
        Tokens base = SensitivityBase.TRAIN.select(DATA, 150);
        withBatchedAndAlone((both, second) -> {
            SensitivityTable together = Sensitivity.synonymSensitivity(both, DATA.rules(), base, 4);
            SensitivityTable alone = Sensitivity.synonymSensitivity(second, DATA.rules(), base, 4);
            for (int k = 1; k <= 4; k++)
                for (int l = 1; l <= 3; l++)
                    assertThat(together.value(1, k, l)).isCloseTo(alone.value(0, k, l), within(1e-4));
        });
    }

    @Test
    void deformationSensitivityOfASparseHierarchy() {
        Hierarchy srhm = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(2).sparsity(1).seed(2).build();
        Dataset data = Dataset.sample(srhm, 10, 300);
        try (NDManager m = NDManager.newBaseManager();
             EnsembleNet net = EnsembleNet.create(m, NetLayout.of(srhm, Architecture.lcn().width(32).build()), new long[] {1})) {
            SensitivityTable d = Sensitivity.diffeoSensitivity(net, data.rules(), data.test(), 8);
            SensitivityTable s = Sensitivity.synonymSensitivity(net, data.rules(), data.test(), 8);
            assertThat(d.kind()).isEqualTo("diffeo");
            for (int k = 1; k <= 3; k++)
                for (int l = 1; l <= 2; l++) {
                    assertThat(d.value(0, k, l)).isBetween(0.05, 2.0);
                    assertThat(s.value(0, k, l)).isBetween(0.05, 2.0);
                }
        }
    }
}
