package io.rhmlab.dsl.grammar;

import java.util.Arrays;

/**
 * Everything a datum was generated from: its label and the choice of every informative expanded node, in
 * generation order (depth 0 node 0, depth 1 nodes 0..s−1 left to right, ...). Choice = rule·Q + placement, with
 * Q the placements per node (1 for the dense RHM, where the choice is the rule).
 */
public record Derivation(int label, int[] choices, int placements) {

    public Derivation {
        choices = choices.clone();
    }

    @Override
    public int[] choices() {
        return choices.clone();
    }

    /** The rule (synonym) picked by node k. */
    public int rule(int k) {
        return choices[k] / placements;
    }

    /** The placement picked by node k (0 for the dense RHM). */
    public int placement(int k) {
        return choices[k] % placements;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Derivation other && label == other.label && placements == other.placements
                && Arrays.equals(choices, other.choices);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * label + placements) + Arrays.hashCode(choices);
    }

    @Override
    public String toString() {
        return "Derivation[label=" + label + ", choices=" + Arrays.toString(choices) + ", placements=" + placements + "]";
    }
}
