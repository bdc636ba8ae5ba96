package io.rhmlab.engine.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * The forward pass of the transformer (the reference's MLA, docs/last-token.md §2) for K members at once: every
 * parameter carries the leading ensemble axis, so each product below is one batched matrix product over members.
 *
 * <p>With x_t the encoded input at position t (the mask at the last one), v the vocabulary, d the embedding
 * dimension, H heads of d_h = d/H coordinates:
 * <pre>
 *   h_t   = v^(−1/2) E x_t + Π_t
 *   q,k,u = d^(−1/2) W_{Q,K,V} h_t,  split into heads as contiguous slices of d_h coordinates
 *   A^j   = softmax_t'(q^j_t · k^j_t' / √d_h)       (every position sees every position: no causal mask)
 *   h'_t  = d^(−1/2) W_O concat_j(Σ_t' A^j_{t,t'} u^j_t')   (no residual, normalisation or MLP)
 *   logits = d^(−1/2) R h^(layers)_{T−1}
 * </pre>
 * The scales live in the forward pass, not in the initialisation (all weights i.i.d. N(0, 1)), because with SGD and
 * Adam the parametrisation changes the dynamics. Parameters, in {@link NetLayout#parameterShapes()} order: E [v, d]
 * (transposed: the input multiplies it from the left), Π [T, d], per layer W_QKV [d, 3d] (query, key and value
 * maps side by side, so one product serves all three) and W_O [d, d], then R [d, v].
 */
final class Attention {
    private Attention() {
    }

    /** Logits [K, B, v] and, when {@code keepHidden}, every layer's output [K, B, T, d]; follows the thread's grad mode. */
    static Activations forward(NetLayout layout, List<NDArray> params, NDArray x, boolean keepHidden) {
        NDManager sm = x.getManager();
        long k = x.getShape().get(0), b = x.getShape().get(1);
        int t = layout.inputLength(), v = layout.vocabulary(), d = layout.architecture().width();
        int heads = layout.architecture().heads(), dh = d / heads;
        NDArray embedding = params.get(0), positions = params.get(1);
        // [K, B·T, v]·[K, v, d] → [K, B, T, d], plus the positions broadcast over the batch
        NDArray h = Constants.times(x.reshape(k, b * t, v).matMul(embedding), 1 / Math.sqrt(v), sm).reshape(k, b, t, d)
                .add(attach(positions.reshape(k, 1, t, d), sm));
        List<NDArray> hidden = new ArrayList<>();
        double inv = 1 / Math.sqrt(d);
        for (int l = 0; l < layout.layers().size(); l++) {
            NDArray wqkv = params.get(2 + 2 * l), wo = params.get(3 + 2 * l);
            // [K, B·T, 3d] → [K, B, T, 3, H, d_h] → [3, K, B, H, T, d_h]: query, key and value, head-major
            NDArray qkv = Constants.times(h.reshape(k, b * t, d).matMul(wqkv), inv, sm)
                    .reshape(k, b, t, 3, heads, dh).transpose(3, 0, 1, 4, 2, 5);
            NDArray q = Constants.times(qkv.get(new NDIndex("0")), 1 / Math.sqrt(dh), sm);
            NDArray key = qkv.get(new NDIndex("1"));
            NDArray value = qkv.get(new NDIndex("2"));
            NDArray weights = q.matMul(key.transpose(0, 1, 2, 4, 3)).softmax(-1);   // [K, B, H, T, T]
            NDArray mixed = weights.matMul(value).transpose(0, 1, 3, 2, 4).reshape(k, b * t, d);
            h = Constants.times(mixed.matMul(wo), inv, sm).reshape(k, b, t, d);
            if (keepHidden) hidden.add(h);
        }
        NDArray last = h.get(new NDIndex(":, :, -1, :"));   // the masked position reads out: [K, B, d]
        NDArray logits = Constants.times(last.matMul(params.get(params.size() - 1)), inv, sm);
        return new Activations(hidden, logits);
    }

    /** An op on the net's own tensor: its result moves to the step's manager, freed with the step. */
    private static NDArray attach(NDArray a, NDManager sm) {
        a.attach(sm);
        return a;
    }
}
