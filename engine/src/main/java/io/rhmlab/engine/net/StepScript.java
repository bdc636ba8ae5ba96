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
                        String params, String buffers, String rates, String decays) {
    }

    private final NetLayout layout;
    private final double momentum;
    private final boolean decay;
    private final List<String> out = new ArrayList<>();
    private final String in;

    private StepScript(NetLayout layout, double momentum, boolean decay, String indent) {
        this.layout = layout;
        this.momentum = momentum;
        this.decay = decay;
        this.in = indent;
    }

    /**
     * Statements (each indented by {@code indent}) of one step of SGD with momentum μ on the members' batches,
     * each member at its own rate η_m folded into its gradient (η_m seeds its backward pass): the batch gather,
     * forward pass, loss, backward pass and update, parameters and buffers changed in place. The statements leave
     * the members' losses [K] in {@code member} and add them to {@code lossSum}.
     *
     * <p>The rates are inputs, not constants, so that a member computes the same bits alone and beside members at
     * other rates: {@code rates} [K, 2] holds per member η_m·s/B and η_m·s as floats (s = {@link #outputScale}, B the
     * batch width), and {@code decays} [K] holds η_m·2λ (read only when {@code decay}).
     *
     * @param decay whether the weight decay λ > 0 (its gradient, divided per tensor by its elements per member,
     *              enters each buffer)
     */
    public static List<String> lines(NetLayout layout, Names n, double momentum, boolean decay, String indent) {
        StepScript s = new StepScript(layout, momentum, decay, indent);
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
            long fanIn = (long) f * (l == 1 ? v : layer.inChannels());
            // LCN: one product per (member, position), [K·P, B, fan-in]·[K·P, fan-in, H], viewed back as [K, P, B, H]
            String pre = lcn() ? "torch.reshape(" + mm("torch.reshape(x" + l + ", [-1, B, " + fanIn + "])", "torch.reshape(" + w
                    + ", [-1, " + fanIn + ", " + layer.outChannels() + "])") + ", [K, " + layer.outPositions() + ", B, "
                    + layer.outChannels() + "])" : mm("x" + l, w);
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
        if (Double.doubleToRawLongBits(outScale) != Double.doubleToRawLongBits(outputScale(layout))) {
            throw new IllegalStateException("the output scale is computed in two ways");
        }
        add("logits = torch.mul(" + mm("F", "p" + readout) + ", " + literal(outScale) + ")");

        // loss, and δ = ∂(η·Σ_members loss)/∂(F·W_out) = η·(softmax − one-hot)·(row weight)·scale; the one-hot
        // picks each row's log-probability (the other terms are exact zeros)
        add("onehot = torch.one_hot(y, " + layout.classes() + ")");
        add("ls = torch.log_softmax(logits, 2)");
        add("delta = torch.sub(torch.exp(ls), onehot)");
        add("if torch.numel(" + n.weights() + ") == 0:");
        add("  member = torch.div(torch.sum(torch.mul(ls, onehot), [1, 2]), -B)");
        add("  delta = torch.mul(delta, torch.reshape(torch.select(" + n.rates() + ", 1, 0), [K, 1, 1]))");
        add("else:");
        add("  member = torch.neg(torch.sum(torch.mul(torch.sum(torch.mul(ls, onehot), [2]), " + n.weights() + "), [1]))");
        add("  delta = torch.mul(delta, torch.unsqueeze(torch.mul(" + n.weights() + ", torch.narrow(" + n.rates() + ", 1, 1, 1)), 2))");
        add("torch.add_(" + n.lossSum() + ", member)");

        // backward, top down; each gradient goes straight into its buffer (the update reads no gradient tensor)
        add("g = " + mm("delta", "torch.transpose(p" + readout + ", 1, 2)"));
        accumulate(readout, "torch.transpose(F, 1, 2)", "delta", n);
        add("g = " + unfeatures("g", top));
        for (int l = layers; l >= 1; l--) {
            NetLayout.Layer layer = layout.layers().get(l - 1);
            int wi = (l - 1) * perLayer;
            add("g = torch.threshold_backward(g, h" + l + ", 0)");
            if (layout.hasBias()) {
                add("torch.add_(torch.mul_(b" + (wi + 1) + ", " + literal(momentum) + "), " + biasGradient("g", l - 1)
                        + ", alpha=" + literal(biasFactor[l - 1]) + ")");
                decay(wi + 1, n);
            }
            String w = "p" + wi;
            switch (layout.kind()) {
                case CNN -> {
                    add("g = torch.reshape(g, [K, B * " + layer.outPositions() + ", " + layer.outChannels() + "])");
                    accumulate(wi, "torch.transpose(x" + l + ", 1, 2)", "g", n);
                    if (l > 1) {
                        add("g = torch.reshape(" + mm("g", "torch.transpose(" + w + ", 1, 2)") + ", [K, B, "
                                + layer.inPositions() + ", " + layer.inChannels() + "])");
                    }
                }
                case LCN -> {
                    long fc = (long) f * layer.inChannels();
                    // one product per (member, position): the buffer viewed as [K·P, f·C, H]
                    accumulate(wi, "torch.reshape(b" + wi + ", [-1, " + fc + ", " + layer.outChannels() + "])",
                            "torch.transpose(torch.reshape(x" + l + ", [-1, B, " + fc + "]), 1, 2)",
                            "torch.reshape(g, [-1, B, " + layer.outChannels() + "])", n);
                    if (l > 1) {
                        // the patches' gradient back to positions: the inverse permutation of patches()
                        add("g = torch.reshape(torch.permute(torch.reshape(" + mm("torch.reshape(g, [-1, B, " + layer.outChannels() + "])",
                                "torch.transpose(torch.reshape(" + w + ", [-1, " + fc + ", " + layer.outChannels() + "]), 1, 2)") + ", [K, "
                                + layer.outPositions() + ", B, " + f + ", " + layer.inChannels() + "]), [0, 1, 3, 2, 4]), [K, "
                                + layer.inPositions() + ", B, " + layer.inChannels() + "])");
                    }
                }
                case FCN, FCN_LCN_UNITS -> {
                    accumulate(wi, "torch.transpose(x" + l + ", 1, 2)", "g", n);
                    if (l > 1) add("g = " + mm("g", "torch.transpose(" + w + ", 1, 2)"));
                }
            }
        }
        add("torch._foreach_sub_(" + n.params() + ", " + n.buffers() + ")");
    }

    /**
     * The batched product of two 3-D operands [K', n, m]·[K', m, p]: {@code bmm} itself, which {@code matmul} would
     * reach after a few more dispatches (expanding and reshaping batch dimensions that already match), with the same
     * operands and strides and so the same bits; about 3 % of a K = 1 step on the SRHM LCN.
     */
    private static String mm(String a, String b) {
        return "torch.bmm(" + a + ", " + b + ")";
    }

    /** b_i ← μ·b_i + xt·g (one product into the buffer), then the weight decay. */
    private void accumulate(int i, String xt, String g, Names n) {
        accumulate(i, "b" + i, xt, g, n);
    }

    /** As {@link #accumulate(int, String, String, Names)} into {@code buffer}, a view of b_i shaped for the product. */
    private void accumulate(int i, String buffer, String xt, String g, Names n) {
        add("torch.baddbmm_(" + buffer + ", " + xt + ", " + g + ", beta=" + literal(momentum) + ", alpha=1.0)");
        decay(i, n);
    }

    /** b_i ← b_i + η_m·2λ/n·p_i: the gradient of λ·|p|²/n at member m's folded rate (n elements per member). */
    private void decay(int i, Names n) {
        if (!decay) return;
        long[] shape = layout.parameterShapes().get(i);
        long perMember = NetLayout.elements(shape);
        StringBuilder view = new StringBuilder("[K");
        for (int d = 0; d < shape.length; d++) view.append(", 1");
        add("torch.add_(b" + i + ", torch.mul(p" + i + ", torch.reshape(torch.div(" + n.decays() + ", " + perMember + "), "
                + view + "])))");
    }

    /** The factor of the readout's product: the layers' scales times the readout's, multiplied in this order. */
    public static double outputScale(NetLayout layout) {
        double scale = 1.0;
        for (NetLayout.Layer layer : layout.layers()) scale *= layer.scale();
        return scale * layout.readoutScale();
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
