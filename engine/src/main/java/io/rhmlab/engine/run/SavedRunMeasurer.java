package io.rhmlab.engine.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.engine.net.EnsembleNet;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.net.TokenData;
import io.rhmlab.engine.observe.Sensitivity;
import io.rhmlab.engine.store.SavedWeights;
import io.rhmlab.engine.train.Devices;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.TrainerSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a saved network ({@link SavedWeights}) without training it again: its test error and cross-entropy on
 * the run's own test set (regenerated from the spec's seeds, so the same data it was tested on), and the
 * sensitivities S, D, G of {@link Measures} on its base inputs, seeded as the {@link Measurer} seeds them, so the
 * numbers equal those measured right after training.
 */
public final class SavedRunMeasurer {

    /**
     * @param run       the saved run
     * @param initial   whether the initial weights were measured (else the trained ones)
     * @param testError error rate on the run's test set
     * @param testLoss  mean cross-entropy there, in nats
     * @param tables    per observable, [layer][level] (output last)
     */
    public record Result(SavedWeights run, boolean initial, double testError, double testLoss, Map<Observable, double[][]> tables) {
    }

    private SavedRunMeasurer() {
    }

    public static Result measure(SavedWeights saved, Measures measures, boolean initial, TrainerSettings settings) {
        RunSpec r = saved.spec();
        Task task = r.taskOrClassify();
        Measures m = measures == null ? Measures.none() : measures;
        InvalidSpecException.require(task instanceof Task.Classify || m.isEmpty(), "measure",
                "the sensitivities perturb the classification task's inputs; run " + io.rhmlab.engine.store.RunKey.shortId(saved.key()) + " predicts the "
                        + task.name());
        NetLayout layout = NetLayout.of(r.hierarchy(), task, r.architecture());
        MemberWeights w = initial ? saved.initial() : saved.trained();
        DataPools pools = new DataPools(List.of(r));
        MemberData data = pools.data(r);
        TokenData test = data.test();
        Map<Observable, double[][]> tables = new LinkedHashMap<>();
        double[] scores;
        try (NDManager root = NDManager.newBaseManager(Devices.resolve(settings.device()));
             EnsembleNet net = EnsembleNet.fromWeights(root, layout, List.of(w))) {
            scores = errorAndLoss(net, test, r.testSize(), root);
            if (!m.isEmpty()) {
                Dataset ds = pools.dataset(r);
                int n = m.base() == Measures.Base.TEST ? Math.min(m.baseSize(), r.testSize()) : (int) Math.min(m.baseSize(), r.trainSize());
                Tokens base = (m.base() == Measures.Base.TEST ? ds.test() : ds.train()).first(n);
                long seed = r.hierarchy().sampleSeed();
                for (Observable o : m.observablesFor(r.hierarchy())) {
                    double[][][] v = switch (o) {
                        case SYNONYMS -> Sensitivity.synonymSensitivity(net, ds.rules(), base, seed).values();
                        case DEFORMATIONS -> Sensitivity.diffeoSensitivity(net, ds.rules(), base, seed).values();
                        case NOISE -> Sensitivity.noiseSensitivity(net, base, seed).values();
                    };
                    tables.put(o, v[0]);
                }
            }
        }
        return new Result(saved, initial, scores[0], scores[1], tables);
    }

    /** Error rate and mean cross-entropy of the one-member net on the first {@code rows} of {@code data}. */
    private static double[] errorAndLoss(EnsembleNet net, TokenData data, int rows, NDManager root) {
        int chunk = 4096, d = data.d();
        double wrong = 0, loss = 0;
        for (int start = 0; start < rows; start += chunk) {
            int c = Math.min(chunk, rows - start);
            byte[] tokens = java.util.Arrays.copyOfRange(data.tokens(), start * d, (start + c) * d);
            try (NDManager sm = root.newSubManager()) {
                NDArray logits = net.forward(sm.create(tokens, new Shape(1, c, d)).toType(ai.djl.ndarray.types.DataType.UINT8, false));
                float[] logProbs = logits.logSoftmax(2).toFloatArray();
                int classes = (int) logits.getShape().get(2);
                for (int i = 0; i < c; i++) {
                    int label = data.labels()[start + i], best = 0;
                    for (int k = 1; k < classes; k++) if (logProbs[i * classes + k] > logProbs[i * classes + best]) best = k;
                    if (best != label) wrong++;
                    loss -= logProbs[i * classes + label];
                }
            }
        }
        return new double[] {rows == 0 ? Double.NaN : wrong / rows, rows == 0 ? Double.NaN : loss / rows};
    }

}
