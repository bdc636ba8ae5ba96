package io.rhmlab.dsl.correlation;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;

import java.util.List;

/**
 * The ensemble prediction of the last-token paper (Cagnetta &amp; Wyart 2024, arXiv:2406.00048; docs/last-token.md)
 * for the size of the token–token correlations and the sample complexities of the steps of a learning curve.
 *
 * <p>Over random grammars the correlation between the last token and a token whose LCA with it is at paper level
 * ℓ (tokens are level 0; rhmlab calls tokens level 1, so this is rhmlab level ℓ + 1) has an RMS of
 * C̃(ℓ) = ((1 − f)/(v³·m^(2ℓ−1)))^(1/2), f = m/v^(s−1): each level between a token and the LCA divides the
 * correlation by about √m on each side. Estimated from P data an entry carries noise (v²P)^(−1/2), so level ℓ
 * becomes visible, and a learner can use it, from P_ℓ = v·m^(2ℓ−1)/(1 − f). These formulas hold for large v and
 * m and for n_c = v (the class is the LCA at ℓ = L); {@link #exactSampleComplexity} gives the same reading from
 * one grammar's exact correlations.
 *
 * @param hierarchy the spec (dense, s0 = 0)
 */
public record LastTokenScales(Hierarchy hierarchy) {

    public LastTokenScales {
        LastTokenSpine.requireDense(hierarchy);
    }

    public static LastTokenScales of(Hierarchy h) {
        return new LastTokenScales(h);
    }

    /** f = m/v^(s−1), the fraction of the v^s tuples a level's rules use (n_c = v). */
    public double fraction() {
        return hierarchy.multiplicity() / Math.pow(hierarchy.vocabulary(), hierarchy.branching() - 1);
    }

    /** C̃(ℓ) = ((1 − f)/(v³·m^(2ℓ−1)))^(1/2), the predicted ensemble RMS at paper LCA level ℓ. */
    public double correlation(int level) {
        checked(level);
        double v = hierarchy.vocabulary(), m = hierarchy.multiplicity();
        return Math.sqrt((1 - fraction()) / (v * v * v * Math.pow(m, 2 * level - 1)));
    }

    /** P_ℓ = v·m^(2ℓ−1)/(1 − f), where C̃(ℓ) meets the noise (v²P)^(−1/2); infinite when f = 1 (no correlations). */
    public double sampleComplexity(int level) {
        checked(level);
        double v = hierarchy.vocabulary(), m = hierarchy.multiplicity();
        return v * Math.pow(m, 2 * level - 1) / (1 - fraction());
    }

    /** P_ℓ read from one grammar: 1/(v²·C(ℓ)²), where its exact level RMS meets the per-entry noise. */
    public static double exactSampleComplexity(LastTokenCorrelations exact, int level) {
        double c = exact.levelRms(level);
        int v = exact.vocabulary();
        return 1 / ((double) v * v * c * c);
    }

    /**
     * The RMS at paper level ℓ over several grammars of one family: (mean over grammars of C(ℓ)²)^(1/2), the
     * quantity C̃(ℓ) predicts (averaging squares, not RMS values, because the prediction is a mean square).
     */
    public static double ensembleRms(List<LastTokenCorrelations> grammars, int level) {
        InvalidSpecException.require(!grammars.isEmpty(), "grammars", "need at least one grammar");
        double sum = 0;
        for (LastTokenCorrelations g : grammars) {
            InvalidSpecException.require(g.hierarchy().withSeeds(0, 0).equals(grammars.get(0).hierarchy().withSeeds(0, 0)), "grammars",
                    "mixes families: " + g.hierarchy().name() + " and " + grammars.get(0).hierarchy().name());
            double c = g.levelRms(level);
            sum += c * c;
        }
        return Math.sqrt(sum / grammars.size());
    }

    private void checked(int level) {
        InvalidSpecException.require(level >= 1 && level <= hierarchy.depth(), "ℓ",
                "level ℓ = " + level + " outside [1, L = " + hierarchy.depth() + "] (paper levels: tokens are level 0)");
    }
}
