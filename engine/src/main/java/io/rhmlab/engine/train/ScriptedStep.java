package io.rhmlab.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.StepScript;
import io.rhmlab.engine.net.NetLayout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One training step of an ensemble — batch gather, forward pass, loss, backward pass and the folded momentum
 * update ({@link UpdateRule#foldsRate()}) — as a single call into libtorch: a TorchScript method written from the
 * network's layout ({@link StepScript}) and loaded from an archive built in memory ({@link TorchScriptArchive}).
 * The same arithmetic as the step of {@code EnsembleTrainer} up to the order of float additions, without a JNI
 * call, a Java array object and a handle per op, and without autograd: the backward pass is written out, and each
 * weight gradient is computed into its momentum buffer. On the small steps of learning curves those costs made a
 * large part of the time. docs/architecture.md, "The scripted step".
 *
 * <p>Used where the {@link TrainingPlan} says it applies; everything else takes the step written with DJL's operators.
 */
final class ScriptedStep implements AutoCloseable {

    private final PtSymbolBlock module;
    private final NDArray noWeightsArray;

    private ScriptedStep(PtSymbolBlock module, NDArray noWeights) {
        this.module = module;
        this.noWeightsArray = noWeights;
    }

    /** The names of the two list arguments of the step method. */
    private static final String PARAMS = "ps";
    private static final String BUFFERS = "bs";

    /** The inputs other than the rows, held from step to step. */
    private final HeldInput noWeights = new HeldInput(), tokens = new HeldInput(), labels = new HeldInput(),
            table = new HeldInput(), lossSum = new HeldInput(), rates = new HeldInput(), decays = new HeldInput(),
            params = new HeldInput(), buffers = new HeldInput();

    /** The step of {@code layout} under {@code training} (the rates are inputs of each step), loaded into {@code manager}. */
    static ScriptedStep load(NDManager manager, NetLayout layout, Training training) {
        byte[] archive = TorchScriptArchive.of("EnsembleStep", source(layout, training));
        // run the method as written: the optimising executor profiles the first calls and rewrites the graph, which
        // made the step slower wherever measured (e.g. 767 against 704 µs on the SRHM LCN at K = 3); rhmlab runs no
        // other TorchScript
        JniUtils.setGraphExecutorOptimize(false);
        try {
            PtSymbolBlock module = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive), false, false);
            NDArray none = manager.create(new float[0]);
            // it lives as long as the step, not as the scope of the training step that loads it
            ai.djl.ndarray.NDScope.unregister(none);
            return new ScriptedStep(module, none);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One step: rows [K, B] (int64) index the device data; {@code weights} [K, B] weigh the rows of a padded batch
     * (null: every row counts 1/B). {@code rates} [K, 2] and {@code decays} [K] are the members' rates as
     * {@link StepScript#lines} reads them ({@link #rates}). Parameters and momentum buffers are updated in place,
     * and the members' losses [K] are added to {@code lossSum}.
     *
     * <p>Only the rows (and weights) are handed to libtorch afresh: every other input keeps the IValue it had at the
     * previous step until its tensors change ({@link HeldInput}). Building every input afresh through DJL's
     * {@code IValueUtils.forward} (names parsed with regular expressions, lists made per call, the result wrapped as
     * an NDList), inside a sub-manager and scope of its own, made the SRHM LCN step of {@code bench curve} 573 against
     * 479 µs at K = 1 and 1 747 against 1 579 µs at K = 5 (medians of CPU time, alternating in one process).
     */
    void step(NDArray rows, NDArray weights, DeviceData data, NDArray table, NDArray lossSum, NDArray rates,
              NDArray decays, List<NDArray> params, List<NDArray> buffers) {
        try (IValue rowsValue = IValue.from((PtNDArray) rows);
             IValue weightsValue = weights == null ? null : IValue.from((PtNDArray) weights)) {
            IValue[] in = {rowsValue, weightsValue == null ? this.noWeights.of(noWeightsArray) : weightsValue,
                    tokens.of(data.tokens), labels.of(data.labels), this.table.of(table), this.lossSum.of(lossSum),
                    this.rates.of(rates), this.decays.of(decays), this.params.of(params), this.buffers.of(buffers)};
            IValueUtils.forward(module, in).close();
        }
    }

    /**
     * Per live member, η_m·s/B and η_m·s ([K, 2]; s the net's output scale, B the batch width) and η_m·2λ ([K]),
     * each computed in double precision and rounded once, as a constant written into the script would be.
     */
    static float[][] rates(NetLayout layout, Training training, float[] lr, int batchWidth) {
        double s = StepScript.outputScale(layout);
        float[] both = new float[2 * lr.length];
        float[] decays = new float[lr.length];
        for (int j = 0; j < lr.length; j++) {
            both[2 * j] = (float) ((double) lr[j] * s / batchWidth);
            both[2 * j + 1] = (float) ((double) lr[j] * s);
            decays[j] = (float) ((double) lr[j] * 2 * training.weightDecay());
        }
        return new float[][] {both, decays};
    }

    /** The TorchScript of the step method, per layout and training (the shapes and constants written into it). */
    static String source(NetLayout layout, Training training) {
        StepScript.Names names = new StepScript.Names("rows", "weights", "tokens", "labels", "table", "lossSum",
                PARAMS, BUFFERS, "rates", "decays");
        List<String> s = new ArrayList<>();
        s.add("  def forward(self: __torch__.EnsembleStep, rows: Tensor, weights: Tensor, tokens: Tensor, labels: Tensor,"
                + " table: Tensor, lossSum: Tensor, rates: Tensor, decays: Tensor, " + PARAMS + ": List[Tensor], " + BUFFERS
                + ": List[Tensor]) -> Tensor:");
        // no autograd: the backward pass is written out, and the parameters (which require gradients, for the
        // operator step) are changed in place
        s.add("    torch.set_grad_enabled(False)");
        s.addAll(StepScript.lines(layout, names, training.momentum(), training.weightDecay() > 0, "    "));
        s.add("    return member");
        return String.join("\n", s) + "\n";
    }

    @Override
    public void close() {
        for (HeldInput h : List.of(noWeights, tokens, labels, table, lossSum, rates, decays, params, buffers)) h.close();
        module.close();
        noWeightsArray.close();
    }
}
