package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.grammar.Rules;

/**
 * Token–token correlations of the last token measured on P data (docs/last-token.md):
 * Ĉ_t(μ, ν) = (N_t(μ, ν) − N_{T−t}(μ)·N_T(ν)/P)/P, where N_t(μ, ν) counts the data with X_{T−t} = μ and
 * X_T = ν, and Ĉ(t) its RMS over the v² entries, the same statistic as {@link LastTokenCorrelations#rms}.
 *
 * <p>The estimate is the exact covariance plus sampling noise of about (v²P)^(−1/2) per entry, so
 * E[Ĉ(t)²] ≈ C(t)² + 1/(v²P): the curve follows the exact one while it is above {@link #noiseFloor()} and
 * flattens onto it beyond. (With near-uniform marginals the noise is (1 − 1/v)²/(v²P) more precisely, and
 * sampling without replacement shrinks it by a further 1 − P/P_max.)
 *
 * <p>What is measured is a table of the same shape and meaning as the exact one, so it is held as one
 * ({@link #table()}): its entries, RMS values and LCA levels are read exactly as the exact table's are.
 *
 * @param table   Ĉ_t(μ, ν) and Ĉ(t) for every distance t, of the data's hierarchy (dense, s0 = 0)
 * @param samples P
 */
public record EmpiricalLastTokenCorrelations(LastTokenCorrelations table, int samples) {

    public EmpiricalLastTokenCorrelations {
        InvalidSpecException.require(table != null, "table", "the measured table is missing");
        InvalidSpecException.require(samples >= 1, "P", "P = " + samples + " must be ≥ 1");
    }

    /** Measures the correlations on {@code data}, P = data.size() data of this hierarchy. */
    public static EmpiricalLastTokenCorrelations of(Hierarchy h, Tokens data) {
        LastTokenSpine.requireDense(h);
        LastTokenCorrelations.requireStorable(h);
        InvalidSpecException.require(data.length() == h.inputLength(), "d",
                "data have d = " + data.length() + " tokens, the hierarchy d = " + h.inputLength());
        int p = data.size();
        InvalidSpecException.require(p >= 1, "P", "P = " + p + " must be ≥ 1");
        int v = h.vocabulary(), length = h.inputLength(), distances = length - 1;
        double[] pair = new double[distances * v * v];
        for (int i = 0; i < p; i++) {
            int last = data.token(i, length - 1);
            for (int t = 1; t < length; t++) pair[((t - 1) * v + data.token(i, length - 1 - t)) * v + last]++;
        }
        double[] rms = new double[distances];
        for (int t = 1; t < length; t++) {
            int off = (t - 1) * v * v;
            for (int j = 0; j < v * v; j++) pair[off + j] /= p;
            LastTokenCorrelations.centre(pair, off, v);
            rms[t - 1] = LastTokenCorrelations.rms(pair, off, v);
        }
        return new EmpiricalLastTokenCorrelations(new LastTokenCorrelations(h, pair, rms), p);
    }

    /**
     * Draws P data with the repository's sampler ({@link Dataset#sample}, without replacement, seeded by
     * {@code h.sampleSeed()}) and measures them: the same data a P-sample training set of that spec would hold.
     */
    public static EmpiricalLastTokenCorrelations sample(Hierarchy h, Rules rules, int samples) {
        LastTokenSpine.requireDense(h);
        InvalidSpecException.require(samples >= 1, "P", "P = " + samples + " must be ≥ 1");
        return of(h, Dataset.sample(h, rules, samples, 0).train());
    }

    /** Ĉ(t), as {@link LastTokenCorrelations#rms} reads the exact C(t). */
    public double rms(int distance) {
        return table.rms(distance);
    }

    /** 1/(v·√P): the RMS that pure sampling noise gives an entry, where the measured curve flattens. */
    public double noiseFloor() {
        return noiseFloor(table.vocabulary(), samples);
    }

    /** 1/(v·√P) for any P. */
    public static double noiseFloor(int vocabulary, double samples) {
        return 1 / (vocabulary * Math.sqrt(samples));
    }
}
