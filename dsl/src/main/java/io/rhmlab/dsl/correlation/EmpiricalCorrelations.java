package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.data.Tokens;

/** Class–tuple counts N̂_j(μ, α) measured on a data set (docs/science.md §5.13: "compute N_j(μ,α) on the training set"). */
public final class EmpiricalCorrelations {
    private EmpiricalCorrelations() {
    }

    /** N̂_j(μ, α): how many of the data of class α carry the tuple μ at positions j·s .. j·s + s − 1. */
    public static TupleClassCounts of(Hierarchy h, Tokens data, int patch) {
        InvalidSpecException.require(!h.isSparse(), "s0", "class–tuple counts are defined on the dense RHM's s-patches; "
                + "got s0 = " + h.sparsity());
        InvalidSpecException.require(data.length() == h.inputLength(), "d",
                "data have d = " + data.length() + ", the hierarchy d = " + h.inputLength());
        int s = h.branching(), v = h.vocabulary(), nc = h.classes();
        int patches = h.inputLength() / s;
        InvalidSpecException.require(patch >= 0 && patch < patches, "patch", "j = " + patch + " outside [0, d/s = " + patches + ")");
        int tuples = 1;
        for (int j = 0; j < s; j++) tuples = Math.multiplyExact(tuples, v);
        double[] counts = new double[Math.multiplyExact(tuples, nc)];
        for (int i = 0; i < data.size(); i++) {
            int mu = 0;
            for (int j = 0; j < s; j++) mu = mu * v + data.token(i, patch * s + j);
            counts[mu * nc + data.label(i)]++;
        }
        return new TupleClassCounts(patch, tuples, nc, counts);
    }
}
