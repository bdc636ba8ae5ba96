package io.rhmlab.engine.net;

import io.rhmlab.dsl.net.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network's training step written as TorchScript statements: the forward pass of {@link EnsembleNet#run}, the
 * cross-entropy of each member's batch, and the backward pass written out by hand, each weight gradient landing
 * in its momentum buffer in the same matrix product that computes it (docs/architecture.md, "The scripted step").
 *
 * <p>Why by hand: on the small batches of learning curves autograd's bookkeeping (a graph node per op, gradient
 * tensors allocated, validated and then read again by the update) cost as much as the products themselves. Here
 * {@code buf ← μ·buf + Xᵀ·δ} is one {@code baddbmm_}, and no gradient tensor exists. The arithmetic is the same
 * as autograd's up to the order of float additions; {@code ScriptedStepTest} holds the two steps together.
 *
 * <p>Locally connected nets run position-major here, [K, positions, B, channels], so that each position's
 * product reads and writes contiguous blocks without a transpose; {@link EnsembleNet} keeps [K, B, positions,
 * channels]. Both compute the same per-position products.
 */
public final class StepScript {

    /** The names the statements read: inputs of the step method and the two parameter lists. */
    public record Names(String rows, String weights, String tokens, String labels, String table, String lossSum,
                        String params, String buffers) {
    }

    private final NetLayout layout;
    private final double rate;
    private final double momentum;
    private final double decay;
    private final List<String> out = new ArrayList<>();
    private final String in;

    private StepScript(NetLayout layout, double rate, double momentum, double decayRate, String indent) {
        this.layout = layout;
        this.rate = rate;
        this.momentum = momentum;
        this.decay = decayRate;
        this.in = indent;
    }

    /**
     * Statements (each indented by {@code indent}) of one step of SGD with momentum μ at the rate η on the
     * members' batches, with the rate folded into the gradient (η seeds the backward pass): the batch
     * gather, forward pass, loss, backward pass and update, parameters and buffers changed in place. The
     * statements leave the members' losses [K] in {@code member} and add them to {@code lossSum}.
     *
     * @param decayRate η·2λ: the weight decay λ (divided per tensor by its elements per member) at the rate η
     */
    public static List<String> lines(NetLayout layout, Names n, double rate, double momentum, double decayRate,
                                     String indent) {
        StepScript s = new StepScript(layout, rate, momentum, decayRate, indent);
        s.write(n);
        return s.out;
    }

    private void add(String statement) {
        out.add(in + statement);
    }

    private boolean lcn() {
        return layout.kind() == Kind.LCN;
    }

    private boolean cnn() {
        return layout.kind() == Kind.CNN;
    }

    private void write(Names n) {
        int d = layout.inputLength(), v = layout.vocabulary(), f = layout.filter();
        int layers = layout.layers().size();
        int perLayer = layout.hasBias() ? 2 : 1;
        int tensors = layout.parameterShapes().size();
        add("K = torch.size(" + n.rows() + ", 0)");
        add("B = torch.size(" + n.rows() + ", 1)");
        for (int i = 0; i < tensors; i++) add("p" + i + " = " + n.params() + "[" + i + "]");
        for (int i = 0; i < tensors; i++) add("b" + i + " = " + n.buffers() + "[" + i + "]");
        add("r = torch.reshape(" + n.rows() + ", [-1])");
        add("y = torch.reshape(torch.index_select(" + n.labels() + ", 0, r), [K, B])");
        add("tok = torch.index_select(" + n.tokens() + ", 0, r)");

        // forward: x{l} is what layer l multiplies, h{l} its output after the ReLU (kept for the backward pass)
        NetLayout.Layer first = layout.layers().get(0);
        if (lcn()) {
            // patches of positions, position-major: permuting the tokens costs less than permuting their encoding
            add("t = torch.contiguous(torch.permute(torch.reshape(tok, [K, B, " + first.outPositions() + ", " + f + "]), [0, 2, 1, 3]))");
            add("x1 = torch.reshape(torch.embedding(" + n.table() + ", torch.to(t, 4)), [K, " + first.outPositions() + ", B, " + f * v + "])");
        } else if (cnn()) {
            add("x1 = torch.reshape(torch.embedding(" + n.table() + ", torch.to(torch.reshape(tok, [K, B, " + d + "]), 4)), [K, B * "
                    + first.outPositions() + ", " + f * v + "])");
        } else {
            add("x1 = torch.reshape(torch.embedding(" + n.table() + ", torch.to(torch.reshape(tok, [K, B, " + d + "]), 4)), [K, B, " + d * v + "])");
        }
        double scale = 1.0;
        double[] biasFactor = new double[layers];
        for (int l = 1; l <= layers; l++) {
            NetLayout.Layer layer = layout.layers().get(l - 1);
            scale *= layer.scale();
            String w = "p" + (l - 1) * perLayer;
            if (l > 1) add("x" + l + " = " + patches("h" + (l - 1), layer));
            String pre = "torch.matmul(x" + l + ", " + w + ")";
            if (cnn()) pre = "torch.reshape(" + pre + ", [K, B, " + layer.outPositions() + ", " + layer.outChannels() + "])";
            if (layout.hasBias()) {
                biasFactor[l - 1] = layout.biasScale() / scale;
                pre = "torch.add(" + pre + ", " + biasView("p" + ((l - 1) * perLayer + 1), l - 1) + ", alpha="
                        + literal(biasFactor[l - 1]) + ")";
            }
            add("h" + l + " = torch.relu(" + pre + ")");
        }
        NetLayout.Layer top = layout.layers().get(layers - 1);
        int readout = tensors - 1;
        add("F = " + features("h" + layers));
        double outScale = scale * layout.readoutScale();
        add("logits = torch.mul(torch.matmul(F, p" + readout + "), " + literal(outScale) + ")");

        // loss, and δ = ∂(η·Σ_members loss)/∂(F·W_out) = η·(softmax − one-hot)·(row weight)·scale; the one-hot
        // picks each row's log-probability (the other terms are exact zeros)
        String etaScale = literal(rate * outScale);
        add("onehot = torch.one_hot(y, " + layout.classes() + ")");
        add("ls = torch.log_softmax(logits, 2)");
        add("delta = torch.sub(torch.exp(ls), onehot)");
        add("if torch.numel(" + n.weights() + ") == 0:");
        add("  member = torch.div(torch.sum(torch.mul(ls, onehot), [1, 2]), -B)");
        add("  delta = torch.mul(delta, " + etaScale + " / B)");
        add("else:");
        add("  member = torch.neg(torch.sum(torch.mul(torch.sum(torch.mul(ls, onehot), [2]), " + n.weights() + "), [1]))");
        add("  delta = torch.mul(delta, torch.unsqueeze(torch.mul(" + n.weights() + ", " + etaScale + "), 2))");
        add("torch.add_(" + n.lossSum() + ", member)");

        // backward, top down; each gradient goes straight into its buffer (the update reads no gradient tensor)
        add("g = torch.matmul(delta, torch.transpose(p" + readout + ", 1, 2))");
        accumulate(readout, "torch.transpose(F, 1, 2)", "delta");
        add("g = " + unfeatures("g", top));
        for (int l = layers; l >= 1; l--) {
            NetLayout.Layer layer = layout.layers().get(l - 1);
            int wi = (l - 1) * perLayer;
            add("g = torch.threshold_backward(g, h" + l + ", 0)");
            if (layout.hasBias()) {
                add("torch.add_(torch.mul_(b" + (wi + 1) + ", " + literal(momentum) + "), " + biasGradient("g", l - 1)
                        + ", alpha=" + literal(biasFactor[l - 1]) + ")");
                decay(wi + 1);
            }
            String w = "p" + wi;
            switch (layout.kind()) {
                case CNN -> {
                    add("g = torch.reshape(g, [K, B * " + layer.outPositions() + ", " + layer.outChannels() + "])");
                    accumulate(wi, "torch.transpose(x" + l + ", 1, 2)", "g");
                    if (l > 1) {
                        add("g = torch.reshape(torch.matmul(g, torch.transpose(" + w + ", 1, 2)), [K, B, "
                                + layer.inPositions() + ", " + layer.inChannels() + "])");
                    }
                }
                case LCN -> {
                    long fc = (long) f * layer.inChannels();
                    // one product per (member, position): the buffer viewed as [K·P, f·C, H]
                    accumulate(wi, "torch.reshape(b" + wi + ", [-1, " + fc + ", " + layer.outChannels() + "])",
                            "torch.transpose(torch.reshape(x" + l + ", [-1, B, " + fc + "]), 1, 2)",
                            "torch.reshape(g, [-1, B, " + layer.outChannels() + "])");
                    if (l > 1) {
                        // the patches' gradient back to positions: the inverse permutation of patches()
                        add("g = torch.reshape(torch.permute(torch.reshape(torch.matmul(g, torch.transpose(" + w + ", 2, 3)), [K, "
                                + layer.outPositions() + ", B, " + f + ", " + layer.inChannels() + "]), [0, 1, 3, 2, 4]), [K, "
                                + layer.inPositions() + ", B, " + layer.inChannels() + "])");
                    }
                }
                case FCN, FCN_LCN_UNITS -> {
                    accumulate(wi, "torch.transpose(x" + l + ", 1, 2)", "g");
                    if (l > 1) add("g = torch.matmul(g, torch.transpose(" + w + ", 1, 2))");
                }
            }
        }
        add("torch._foreach_sub_(" + n.params() + ", " + n.buffers() + ")");
    }

    /** b_i ← μ·b_i + xt·g (one product into the buffer), then the weight decay. */
    private void accumulate(int i, String xt, String g) {
        accumulate(i, "b" + i, xt, g);
    }

    /** As {@link #accumulate(int, String, String)} into {@code buffer}, a view of b_i shaped for the product. */
    private void accumulate(int i, String buffer, String xt, String g) {
        add("torch.baddbmm_(" + buffer + ", " + xt + ", " + g + ", beta=" + literal(momentum) + ", alpha=1.0)");
        decay(i);
    }

    /** b_i ← b_i + η·2λ/n·p_i: the gradient of λ·|p|²/n at the folded rate (n elements per member). */
    private void decay(int i) {
        if (decay <= 0) return;
        long perMember = NetLayout.elements(layout.parameterShapes().get(i));
        add("torch.add_(b" + i + ", p" + i + ", alpha=" + literal(decay / perMember) + ")");
    }

    /** What layer {@code layer} (l ≥ 2) multiplies, from the representation below. */
    private String patches(String h, NetLayout.Layer layer) {
        int f = layout.filter();
        return switch (layout.kind()) {
            case CNN -> "torch.reshape(" + h + ", [K, B * " + layer.outPositions() + ", " + (long) f * layer.inChannels() + "])";
            case LCN -> "torch.reshape(torch.permute(torch.reshape(" + h + ", [K, " + layer.outPositions() + ", " + f + ", B, "
                    + layer.inChannels() + "]), [0, 1, 3, 2, 4]), [K, " + layer.outPositions() + ", B, " + (long) f * layer.inChannels() + "])";
            case FCN, FCN_LCN_UNITS -> h;
            case TRANSFORMER -> throw new IllegalStateException("the scripted step is written for the CNN, LCN and FCN");
        };
    }

    /** The bias of layer k, shaped to broadcast against its pre-activation. */
    private String biasView(String p, int k) {
        if (!lcn()) return p; // [K, 1, P or 1, H] against [K, B, P, H]; [K, 1, H] against [K, B, H]
        long positions = layout.biasShape(k)[1];
        return "torch.reshape(" + p + ", [K, " + positions + ", 1, " + layout.layers().get(k).outChannels() + "])";
    }

    /** Σ over the batch (and over positions for a bias shared across them) of the pre-activation's gradient. */
    private String biasGradient(String g, int k) {
        long[] shape = layout.biasShape(k);
        if (!layout.treeMatched()) return "torch.sum(" + g + ", [1], True)";
        boolean shared = shape[1] == 1 && layout.layers().get(k).outPositions() > 1;
        String sum = cnn() ? "torch.sum(" + g + ", " + (shared ? "[1, 2]" : "[1]") + ", True)"
                : "torch.sum(" + g + ", " + (shared ? "[1, 2]" : "[2]") + ", True)";
        return lcn() ? "torch.reshape(" + sum + ", [K, 1, " + shape[1] + ", " + shape[2] + "])" : sum;
    }

    /** The readout's input [K, B, fan-in] from the top representation. */
    private String features(String h) {
        if (!layout.treeMatched()) return h;
        int positionAxis = lcn() ? 1 : 2;
        if (layout.pooledReadout()) return "torch.mean(" + h + ", [" + positionAxis + "])";
        if (cnn()) return "torch.reshape(" + h + ", [K, B, " + layout.readoutFanIn() + "])";
        return "torch.reshape(torch.permute(" + h + ", [0, 2, 1, 3]), [K, B, " + layout.readoutFanIn() + "])";
    }

    /** The gradient of the top representation from that of the features ({@link #features} backwards). */
    private String unfeatures(String g, NetLayout.Layer top) {
        if (!layout.treeMatched()) return g;
        int p = top.outPositions();
        long h = top.outChannels();
        if (layout.pooledReadout()) {
            return lcn() ? "torch.expand(torch.unsqueeze(torch.div(" + g + ", " + p + "), 1), [K, " + p + ", B, " + h + "])"
                    : "torch.expand(torch.unsqueeze(torch.div(" + g + ", " + p + "), 2), [K, B, " + p + ", " + h + "])";
        }
        if (cnn()) return "torch.reshape(" + g + ", [K, B, " + p + ", " + h + "])";
        return "torch.permute(torch.reshape(" + g + ", [K, B, " + p + ", " + h + "]), [0, 2, 1, 3])";
    }

    /** A double as TorchScript reads it back exactly (17 significant digits, always with a point or exponent). */
    public static String literal(double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("not a finite scale: " + value);
        return String.format(Locale.ROOT, "%.17e", value);
    }
}
