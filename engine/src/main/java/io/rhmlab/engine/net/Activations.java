package io.rhmlab.engine.net;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * A forward pass with every representation kept, for observables (sensitivities, clustering).
 *
 * @param hidden post-ReLU activations of hidden layers 1..depth: [K, B, positions, H] for tree-matched nets
 *               (positions = d/f^k), [K, B, units] for fully connected nets
 * @param output the logits [K, B, n_c]
 */
public record Activations(List<NDArray> hidden, NDArray output) {
    public Activations {
        hidden = List.copyOf(hidden);
    }
}
