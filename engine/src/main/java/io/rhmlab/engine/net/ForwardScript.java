package io.rhmlab.engine.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The forward pass of {@link EnsembleNet#runEncoded} written as TorchScript statements, for a step that runs in
 * libtorch in one call (docs/architecture.md, "The scripted step"). Op for op the same computation: the same
 * reshapes, products, scale factors (as exact double literals) and order of operations, so both agree to float
 * rounding; {@code ScriptedStepTest} holds them together.
 */
public final class ForwardScript {

    private ForwardScript() {
    }

    /**
     * Statements (each indented by {@code indent}) that compute {@code logits} [K, B, n_c] from the encoded input
     * {@code x} [K, B, d, v] (float) and the parameters {@code params}, in {@link NetLayout#parameterShapes()}
     * order; {@code K} and {@code B} must be int variables of the script.
     */
    public static List<String> lines(NetLayout layout, String x, List<String> params, String indent) {
        if (params.size() != layout.parameterShapes().size()) {
            throw new IllegalArgumentException(params.size() + " parameters for a net of " + layout.parameterShapes().size());
        }
        List<String> out = new ArrayList<>();
        int d = layout.inputLength(), v = layout.vocabulary();
        String h = "h0";
        out.add(layout.treeMatched() ? h + " = " + x : h + " = torch.reshape(" + x + ", [K, B, " + (long) d * v + "])");
        int pi = 0;
        double scale = 1.0;
        for (int l = 0; l < layout.layers().size(); l++) {
            NetLayout.Layer layer = layout.layers().get(l);
            String w = params.get(pi++);
            String bias = layout.hasBias() ? params.get(pi++) : null;
            scale *= layer.scale();
            String pre = product(layout, layer, h, w);
            if (bias != null) pre = "torch.add(" + pre + ", torch.mul(" + bias + ", " + literal(layout.biasScale() / scale) + "))";
            String next = "h" + (l + 1);
            out.add(next + " = torch.relu(" + pre + ")");
            h = next;
        }
        String features = layout.pooledReadout() ? "torch.mean(" + h + ", [2])"
                : "torch.reshape(" + h + ", [K, B, " + layout.readoutFanIn() + "])";
        out.add("logits = torch.mul(torch.matmul(" + features + ", " + params.get(pi) + "), "
                + literal(scale * layout.readoutScale()) + ")");
        return out.stream().map(s -> indent + s).toList();
    }

    /** {@code EnsembleNet.layerProduct} in TorchScript. */
    private static String product(NetLayout layout, NetLayout.Layer layer, String x, String w) {
        long f = layout.filter();
        return switch (layout.kind()) {
            case CNN -> "torch.reshape(torch.matmul(torch.reshape(" + x + ", [K, B * " + layer.outPositions() + ", "
                    + f * layer.inChannels() + "]), " + w + "), [K, B, " + layer.outPositions() + ", " + layer.outChannels() + "])";
            case LCN -> "torch.transpose(torch.matmul(torch.transpose(torch.reshape(" + x + ", [K, B, " + layer.outPositions()
                    + ", " + f * layer.inChannels() + "]), 1, 2), " + w + "), 1, 2)";
            case FCN, FCN_LCN_UNITS -> "torch.matmul(" + x + ", " + w + ")";
        };
    }

    /** A double as TorchScript reads it back exactly (17 significant digits, always with a point or exponent). */
    public static String literal(double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("not a finite scale: " + value);
        return String.format(Locale.ROOT, "%.17e", value);
    }
}
