package io.rhmlab.engine.observe;

import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;

/** Which data the perturbations start from (docs/science.md §2.D, §5.12). */
public enum SensitivityBase {
    /** Held-out test points: the recommended choice (the perturbed copies of training points are mostly unseen anyway). */
    TEST,
    /** Training points, as the old reference code did (its first 100 indices of the training permutation). */
    TRAIN;

    /** The first {@code n} points of the chosen set (100–1000 is the usual range). */
    public Tokens select(Dataset data, int n) {
        Tokens from = this == TEST ? data.test() : data.train();
        InvalidSpecException.require(n >= 2 && n <= from.size(), "base",
                "need 2 ≤ N ≤ " + from.size() + " " + name().toLowerCase() + " points, asked for " + n);
        return from.first(n);
    }
}
