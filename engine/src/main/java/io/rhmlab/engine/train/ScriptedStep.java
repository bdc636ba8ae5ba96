package io.rhmlab.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.ForwardScript;
import io.rhmlab.engine.net.NetLayout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One training step of an ensemble — batch gather, forward pass, loss, gradient and the folded momentum update
 * ({@link UpdateRule#foldsRate()}) — as a single call into libtorch: a TorchScript method written from the
 * network's layout ({@link ForwardScript}) and loaded from an archive built in memory
 * ({@link TorchScriptArchive}). The same arithmetic as the step of {@code EnsembleTrainer} op for op, without a
 * JNI call, a Java array object and a handle per op; on the small steps of learning curves those made a large part
 * of the time. docs/architecture.md, "The scripted step".
 *
 * <p>{@code torch.autograd.grad} returns the gradients instead of accumulating them into the parameters, so no
 * gradient is kept between steps. Used where it applies ({@link #appliesTo}); everything else takes the step
 * written with DJL's operators.
 */
final class ScriptedStep implements AutoCloseable {

    private final PtSymbolBlock module;
    private final NDArray rate;
    private final NDArray noWeights;

    private ScriptedStep(PtSymbolBlock module, NDArray rate, NDArray noWeights) {
        this.module = module;
        this.rate = rate;
        this.noWeights = noWeights;
    }

    /**
     * Whether the scripted step computes what the operator step would: SGD with momentum at one constant rate
     * shared by the members (the folded update), every tensor trainable (no frozen layer), on the CPU (it has not
     * run on a GPU).
     */
    static boolean appliesTo(UpdateRule rule, List<NDArray> params, ai.djl.Device device) {
        if (!rule.foldsRate() || !ai.djl.Device.Type.CPU.equals(device.getDeviceType())) return false;
        for (NDArray p : params) if (!p.hasGradient()) return false;
        return true;
    }

    /** The step of {@code layout} under {@code training} at the shared rate {@code lr}, loaded into {@code manager}. */
    static ScriptedStep load(NDManager manager, NetLayout layout, Training training, float lr) {
        byte[] archive = TorchScriptArchive.of("EnsembleStep", source(layout, training, lr));
        // run the method as written: the optimising executor profiles the first calls and builds differentiable
        // subgraphs with TorchScript's own symbolic gradients, which made the steps of bench curve 1–11 % slower and
        // would no longer be autograd's arithmetic; rhmlab runs no other TorchScript
        JniUtils.setGraphExecutorOptimize(false);
        try {
            PtSymbolBlock module = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive), false, false);
            NDArray rate = manager.create(lr);
            NDArray none = manager.create(new float[0]);
            // they live as long as the step, not as the scope of the training step that loads it
            ai.djl.ndarray.NDScope.unregister(rate, none);
            return new ScriptedStep(module, rate, none);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One step: rows [K, B] (int64) index the device data; {@code weights} [K, B] weigh the rows of a padded batch
     * (null: every row counts 1/B). Parameters and momentum buffers are updated in place; returns the members'
     * losses [K], attached to the rows' manager.
     */
    NDArray step(NDArray rows, NDArray weights, DeviceData data, NDArray table, List<NDArray> params, List<NDArray> buffers) {
        NDList in = new NDList(5 + 2 * params.size());
        in.add(rows);
        in.add(weights == null ? noWeights : weights);
        in.add(data.tokens);
        in.add(data.labels);
        in.add(table);
        in.add(rate);
        in.addAll(params);
        in.addAll(buffers);
        return IValueUtils.forward(module, in, true).singletonOrThrow();
    }

    /** The TorchScript of the step method, per layout and training (the shapes and constants written into it). */
    static String source(NetLayout layout, Training training, float lr) {
        int n = layout.parameterShapes().size();
        List<String> p = new ArrayList<>();
        List<String> b = new ArrayList<>();
        StringBuilder args = new StringBuilder();
        for (int i = 0; i < n; i++) {
            p.add("p" + i);
            args.append(", p").append(i).append(": Tensor");
        }
        for (int i = 0; i < n; i++) {
            b.add("b" + i);
            args.append(", b").append(i).append(": Tensor");
        }
        String in = "    ";
        List<String> s = new ArrayList<>();
        s.add("  def forward(self: __torch__.EnsembleStep, rows: Tensor, weights: Tensor, tokens: Tensor, labels: Tensor,"
                + " table: Tensor, rate: Tensor" + args + ") -> Tensor:");
        s.add(in + "torch.set_grad_enabled(True)");
        s.add(in + "K = torch.size(rows, 0)");
        s.add(in + "B = torch.size(rows, 1)");
        s.add(in + "r = torch.reshape(rows, [-1])");
        s.add(in + "tok = torch.reshape(torch.index_select(tokens, 0, r), [K, B, " + layout.inputLength() + "])");
        s.add(in + "y = torch.reshape(torch.index_select(labels, 0, r), [K, B])");
        s.add(in + "x = torch.embedding(table, torch.to(tok, 4))");   // 4: int64
        s.addAll(ForwardScript.lines(layout, "x", p, in));
        s.add(in + "nll = torch.neg(torch.squeeze(torch.gather(torch.log_softmax(logits, 2), 2, torch.unsqueeze(y, 2)), 2))");
        s.add(in + "if torch.numel(weights) == 0:");
        s.add(in + "  member = torch.mean(nll, [1])");
        s.add(in + "else:");
        s.add(in + "  member = torch.sum(torch.mul(nll, weights), [1])");
        s.add(in + "total = torch.sum(member)");
        s.add(in + "seed : List[Optional[Tensor]] = [rate]");
        s.add(in + "grads = torch.autograd.grad([total], [" + String.join(", ", p) + "], seed)");
        s.add(in + "torch.set_grad_enabled(False)");
        for (int i = 0; i < n; i++) {
            long[] shape = layout.parameterShapes().get(i);
            double perMember = 1;
            for (long x : shape) perMember *= x;
            s.add(in + "g" + i + " = grads[" + i + "]");
            s.add(in + "assert g" + i + " is not None");
            if (training.weightDecay() > 0) {
                s.add(in + "torch.add_(g" + i + ", torch.mul(p" + i + ", "
                        + ForwardScript.literal(lr * 2 * training.weightDecay() / perMember) + "))");
            }
            s.add(in + "torch.add_(torch.mul_(b" + i + ", " + ForwardScript.literal(training.momentum()) + "), g" + i + ")");
            s.add(in + "torch.sub_(p" + i + ", b" + i + ")");
        }
        s.add(in + "return torch.detach(member)");
        return String.join("\n", s) + "\n";
    }

    @Override
    public void close() {
        module.close();
        rate.close();
        noWeights.close();
    }
}
