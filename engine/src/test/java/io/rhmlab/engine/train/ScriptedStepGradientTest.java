package io.rhmlab.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Encoding;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.net.Bias;
import io.rhmlab.dsl.net.Kind;
import io.rhmlab.dsl.net.Normalization;
import io.rhmlab.dsl.net.Readout;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.net.TokenData;
import io.rhmlab.engine.net.WeightValues;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripted step checked against the training loss itself rather than against autograd ({@code ScriptedStepTest}
 * holds the two steps together, so an error both shared would pass there). Each member's displacement after
 * training must be that of SGD with momentum, buf ← μ·buf + η·∇ℓ, θ ← θ − buf, on its own batches, where ℓ is
 * the member's mean cross-entropy plus λ·mean(p²) per tensor (Training#weightDecay, UpdateRule) and ∇ℓ is taken
 * by central differences of a forward pass written here in double precision from the papers' definitions
 * (docs/science.md §2.B): ÷√fan-in or ÷√C_in, biases b or 0.1·b, ÷H or ÷√H at the readout, the CPU encoder's
 * one-hot. It shares no arithmetic with the engine; only the weights' storage order, the seeded initial weights
 * and each member's batch order (BatchOrder) are read from it.
 *
 * <p>Every case trains K = 3 members on Sparse-RHM data of their own with batch 8 and P = 16, 8, 12 for one epoch:
 * the middle member takes a single step from its initial weights with empty buffers (so its update is exactly
 * −η·∇ℓ(θ₀)) and leaves the ensemble's tensors; the outer two take a second step without it, through the
 * trainer's removal (EnsembleNet#retain, UpdateRule#retain), the third on a padded batch of 4 rows. Every
 * coordinate of every tensor is differenced: these nets have a few hundred weights each.
 *
 * <p>It fails, on the tensors concerned, if the step script's bias gradient is doubled, its weight decay halved,
 * its momentum in the weight products set to 0.8 (the two-step members only), or if the trainer hands the kept
 * members each other's momentum buffers when the middle one leaves.
 */
class ScriptedStepGradientTest {

    /** SRHM with s = 2, s0 = 1, L = 2: patches of s(s0+1) = 4 positions, d = 16, half of them blank. */
    private static final Hierarchy SRHM = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(2).branching(2)
            .depth(2).sparsity(1).seed(5).sampleSeed(6).build();
    private static final long[] SIZES = {16, 8, 12};
    private static final long[] SEEDS = {11, 12, 13};
    private static final int BATCH = 8;
    private static final int TEST_ROWS = 8;

    /**
     * Relative error per tensor: max |Δθ − Δθ_FD| ≤ 1e-3 · max |Δθ_FD| over the tensor's coordinates. The trainer
     * runs in float32: the gradient carries relative errors of ~1e-6 and each stored θ = O(1) is rounded to ~1e-7
     * absolute, against largest updates of 1e-2 to 1 per tensor here, so the float error is ~1e-5 of the update
     * (2e-5 at most, measured); the double-precision differences at h = 1e-6 are good to ~1e-9. 1e-3 leaves
     * room for both and still catches a wrong factor, a missing term or a member's step given another's
     * gradient or buffer: each is some percent or more of some tensor's update.
     */
    private static final double TOLERANCE = 1e-3;
    /** The difference step: far below the weights' scale O(1), far above double rounding of the loss. */
    private static final double H = 1e-6;
    /**
     * No pre-activation may lie this close to the ReLU's kink: there the one-sided slopes differ and a central
     * difference measures neither (a step of h moves a pre-activation by at most a few h here).
     */
    private static final double KINK_MARGIN = 1e-4;

    /**
     * One epoch, stopping only at its end (a loss threshold of 0 is never reached). λ = 0.2 is far above the
     * references' 5e-4: the decay is then 3 % to nearly all of each tensor's update, so a wrong factor on it shows.
     */
    private static Training sgd(boolean scaleByWidth) {
        return Training.sgd(0.5).scaleByWidth(scaleByWidth).momentum(0.9).weightDecay(0.2).batch(BATCH)
                .lossThreshold(0).checkEvery(1).maxEpochs(1).build();
    }

    @Test
    void cnnWithSharedBiasStepsAlongTheLossGradient() {
        check(Architecture.cnn().width(8).bias(Bias.SHARED).build(), sgd(true));
    }

    /** The old references' LCN: ÷√C_in, positional 0.1·b, on their whitened SRHM encoding (blank = −a, not 0). */
    @Test
    void lcnOfTheOldReferenceStepsAlongTheLossGradient() {
        check(Architecture.lcn().width(8).referenceOld().input(Encoding.REFERENCE_SRHM).build(), sgd(true));
    }

    /** Two dense layers, a standard (÷√H) readout, and the rate taken as given (no ×H). */
    @Test
    void fcnWithStandardReadoutStepsAlongTheLossGradient() {
        check(Architecture.fcn().width(8).hiddenLayers(2).bias(Bias.SHARED).readout(Readout.STANDARD).build(), sgd(false));
    }

    private static void check(Architecture arch, Training training) {
        List<RunSpec> specs = new ArrayList<>();
        List<MemberData> data = new ArrayList<>();
        List<Tokens> pools = new ArrayList<>();
        for (int m = 0; m < SIZES.length; m++) {
            // each member its own sample: a member stepped on another's rows would not pass
            Hierarchy h = SRHM.withSeeds(SRHM.ruleSeed(), SRHM.sampleSeed() + m);
            Dataset ds = Dataset.sample(h, (int) SIZES[m], TEST_ROWS);
            pools.add(ds.train());
            data.add(new MemberData(TokenData.of(ds.train()), TokenData.of(ds.test())));
            specs.add(new RunSpec(h, arch, training, SIZES[m], TEST_ROWS, SEEDS[m]));
        }
        EnsembleTrainer trainer = new EnsembleTrainer(TrainerSettings.defaults().withDevice(DeviceChoice.CPU)
                .withThreads(1).withScriptedStep(true));
        EnsembleOutcome out = trainer.trainWithWeights(specs, data, null);

        NetLayout layout = NetLayout.of(SRHM, arch);
        List<MemberWeights> initial = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             EnsembleNet net = EnsembleNet.create(manager, layout, SEEDS)) {
            for (int m = 0; m < SEEDS.length; m++) initial.add(net.weights(m));
        }
        // the documented rate: the base rate, ×H when the training scales it by the width
        float eta = (float) (training.learningRate() * (training.scaleByWidth() ? arch.width() : 1));
        Reference net = new Reference(SRHM, arch, training.weightDecay());

        long[] expectedSteps = {2, 1, 2};
        // every tensor of every member reported: which ones are off locates a broken term
        SoftAssertions updates = new SoftAssertions();
        for (int m = 0; m < SIZES.length; m++) {
            MemberResult r = out.results().get(m);
            assertThat(r.status()).as("member %d: %s", m, r.error()).isEqualTo(Status.MAX_EPOCHS);
            assertThat(r.steps()).as("member %d's steps", m).isEqualTo(expectedSteps[m]);

            double[][] x = encode(pools.get(m), arch.input(), SRHM.vocabulary());
            int[] y = pools.get(m).labels();
            double[][] theta0 = WeightValues.toDouble(initial.get(m).values());
            double[][] theta = WeightValues.toDouble(initial.get(m).values());
            double[][] buf = zerosLike(theta);
            // the member's own batches, in the trainer's order, until its epoch ends
            BatchOrder order = new BatchOrder((int) SIZES[m], training.batchSize(), SEEDS[m]);
            long[] rows = new long[order.batch()];
            while (order.epoch() < training.maxEpochs()) {
                int count = order.next(rows, 0, 0);
                int[] batch = new int[count];
                for (int i = 0; i < count; i++) batch[i] = (int) rows[i];
                double[][] g = net.gradient(theta, x, y, batch);
                for (int i = 0; i < theta.length; i++) {
                    for (int j = 0; j < theta[i].length; j++) {
                        buf[i][j] = training.momentum() * buf[i][j] + eta * g[i][j];
                        theta[i][j] -= buf[i][j];
                    }
                }
            }
            List<float[]> trained = out.weights().get(m).values();
            for (int i = 0; i < theta.length; i++) {
                double scale = 0, worst = 0;
                for (int j = 0; j < theta[i].length; j++) {
                    double expected = theta[i][j] - theta0[i][j];
                    double actual = trained.get(i)[j] - theta0[i][j];
                    scale = Math.max(scale, Math.abs(expected));
                    worst = Math.max(worst, Math.abs(actual - expected));
                }
                assertThat(scale).as("%s member %d tensor %d moves", arch.label(), m, i).isPositive();
                updates.assertThat(worst / scale).as("%s member %d (steps: %d) tensor %d %s: relative error of the update",
                        arch.label(), m, expectedSteps[m], i, java.util.Arrays.toString(layout.parameterShapes().get(i))).isLessThan(TOLERANCE);
            }
        }
        updates.assertAll();
    }

    /** Rows [N][d·v], position-major (v consecutive channels per position), from the CPU encoder's [N, v, d]. */
    private static double[][] encode(Tokens tokens, Encoding encoding, int v) {
        int n = tokens.size(), d = tokens.length();
        float[] channelsFirst = encoding.encode(tokens, v);
        double[][] x = new double[n][d * v];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < v; c++) {
                for (int p = 0; p < d; p++) x[i][p * v + c] = channelsFirst[(i * v + c) * d + p];
            }
        }
        return x;
    }

    private static double[][] zerosLike(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = new double[a[i].length];
        return out;
    }

    /**
     * One member's network and training loss in double precision, one row at a time, with the parameters in the
     * engine's storage order: per hidden layer the weight ([f·C_in, H] for the CNN, [P_out, f·C_in, H] for the
     * LCN, [units in, H] for the FCN; patch entries j·C_in + c, dense inputs p·v + c) and the bias ([1, P_out or 1,
     * H], [1, H]), then the readout [H, n_c].
     */
    private static final class Reference {
        private final Architecture arch;
        private final int v, d, f, layers, width, classes;
        private final double lambda;
        private double nearestKink;

        Reference(Hierarchy h, Architecture arch, double lambda) {
            this.arch = arch;
            this.v = h.vocabulary();
            this.d = h.inputLength();
            this.f = h.patchSize();
            this.layers = arch.isTreeMatched() ? h.depth() : arch.depth();
            this.width = arch.width();
            this.classes = h.classes();
            this.lambda = lambda;
        }

        /** ∇ℓ by central differences in every coordinate, after checking that no ReLU sits at its kink. */
        double[][] gradient(double[][] theta, double[][] x, int[] y, int[] batch) {
            nearestKink = Double.POSITIVE_INFINITY;
            loss(theta, x, y, batch);
            assertThat(nearestKink).as("closest pre-activation to the ReLU's kink").isGreaterThan(KINK_MARGIN);
            double[][] g = new double[theta.length][];
            for (int i = 0; i < theta.length; i++) {
                g[i] = new double[theta[i].length];
                for (int j = 0; j < theta[i].length; j++) {
                    double keep = theta[i][j];
                    theta[i][j] = keep + H;
                    double up = loss(theta, x, y, batch);
                    theta[i][j] = keep - H;
                    double down = loss(theta, x, y, batch);
                    theta[i][j] = keep;
                    g[i][j] = (up - down) / (2 * H);
                }
            }
            return g;
        }

        /** The member's loss on its batch: mean cross-entropy plus λ·mean(p²) for every tensor. */
        double loss(double[][] theta, double[][] x, int[] y, int[] batch) {
            double ce = 0;
            for (int row : batch) {
                double[] logits = logits(theta, x[row]);
                double max = Double.NEGATIVE_INFINITY;
                for (double z : logits) max = Math.max(max, z);
                double sum = 0;
                for (double z : logits) sum += Math.exp(z - max);
                ce += max + Math.log(sum) - logits[y[row]];
            }
            double decay = 0;
            for (double[] t : theta) {
                double squares = 0;
                for (double w : t) squares += w * w;
                decay += lambda * squares / t.length;
            }
            return ce / batch.length + decay;
        }

        private double[] logits(double[][] theta, double[] input) {
            boolean bias = arch.bias() != Bias.NONE;
            double biasScale = arch.bias() == Bias.POSITIONAL ? 0.1 : 1.0;
            boolean fanIn = arch.normalization() == Normalization.FAN_IN;
            int t = 0;
            double[] features;
            if (arch.isTreeMatched()) {
                boolean lcn = arch.kind() == Kind.LCN;
                // a[position][channel]
                double[][] a = new double[d][v];
                for (int p = 0; p < d; p++) System.arraycopy(input, p * v, a[p], 0, v);
                int positions = d, channels = v;
                for (int l = 0; l < layers; l++) {
                    double[] w = theta[t++];
                    double[] b = bias ? theta[t++] : null;
                    int out = positions / f, patch = f * channels;
                    double s = 1 / Math.sqrt(fanIn ? patch : channels);
                    double[][] next = new double[out][width];
                    for (int q = 0; q < out; q++) {
                        int base = lcn ? q * patch : 0; // the LCN's own filter per output position
                        for (int o = 0; o < width; o++) {
                            double z = 0;
                            for (int j = 0; j < f; j++) {
                                for (int c = 0; c < channels; c++) z += a[q * f + j][c] * w[(base + j * channels + c) * width + o];
                            }
                            double pre = s * z;
                            if (b != null) pre += biasScale * b[(arch.bias() == Bias.POSITIONAL ? q : 0) * width + o];
                            next[q][o] = relu(pre);
                        }
                    }
                    a = next;
                    positions = out;
                    channels = width;
                }
                features = a[0]; // f^L = d: one position left
            } else {
                double[] a = input;
                for (int l = 0; l < layers; l++) {
                    double[] w = theta[t++];
                    double[] b = bias ? theta[t++] : null;
                    // ÷√C_in of a dense layer: v channels per input position, then the width
                    double s = 1 / Math.sqrt(fanIn ? a.length : l == 0 ? v : width);
                    double[] next = new double[width];
                    for (int o = 0; o < width; o++) {
                        double z = 0;
                        for (int i = 0; i < a.length; i++) z += a[i] * w[i * width + o];
                        double pre = s * z;
                        if (b != null) pre += biasScale * b[o];
                        next[o] = relu(pre);
                    }
                    a = next;
                }
                features = a;
            }
            double[] r = theta[t];
            double readout = arch.readout() == Readout.MEAN_FIELD ? 1.0 / width : 1 / Math.sqrt(width);
            double[] logits = new double[classes];
            for (int k = 0; k < classes; k++) {
                double z = 0;
                for (int o = 0; o < width; o++) z += features[o] * r[o * classes + k];
                logits[k] = readout * z;
            }
            return logits;
        }

        /** ReLU; an exact zero (a blank patch without bias, a dead unit below) stays zero under any step. */
        private double relu(double pre) {
            if (pre != 0) nearestKink = Math.min(nearestKink, Math.abs(pre));
            return Math.max(0, pre);
        }
    }
}
