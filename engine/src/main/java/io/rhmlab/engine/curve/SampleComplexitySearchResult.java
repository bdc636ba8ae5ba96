package io.rhmlab.engine.curve;

import java.util.List;

/**
 * What a P* search found and what it cost. {@link #curve()} is an ordinary learning curve of every P the search
 * used (trained, or reused from the store), so figures and readings work on it as on any curve.
 *
 * @param search      how it searched
 * @param outcome     RESOLVED, or why P* is not bracketed to the tolerance
 * @param lower       the bracket's lower end lo (median error above the threshold); 0 when there is none
 * @param upper       the bracket's upper end hi (median error at or below it); 0 when there is none
 * @param pStar       P* as on a grid ({@link PStarReading}): every seed's own crossing on its points, their median and its
 *                    interval; the crossing of the median curve, which the first phase brackets, is its secondary reading
 * @param curve       the learning curve of the searched points (P where only some seeds were trained, the pilots and a
 *                    seed's own refinements, are its {@link LearningCurveResult#incompleteSizes()})
 * @param rounds      each round of training, in order (round 0: points found in the store before the search)
 * @param theoryScale the theory scale where it started (n_c·m^L, or the Sparse RHM's per architecture)
 * @param minSize     the smallest P it may try
 * @param maxSize     the largest P it may try (the cap: scale·maxMultiple, or P_max − test size)
 * @param wallSeconds wall time of the whole search
 */
public record SampleComplexitySearchResult(SampleComplexitySearch search, Outcome outcome, long lower, long upper,
                                           PStarReading pStar, LearningCurveResult curve,
                                           List<Round> rounds, long theoryScale, long minSize, long maxSize,
                                           double wallSeconds) {

    public enum Outcome {
        /** The bracket around the crossing is within the tolerance. */
        RESOLVED,
        /** The median error stays above the threshold up to the largest P allowed: P* is beyond the range. */
        NOT_REACHED,
        /** The median error is at or below the threshold already at the smallest P allowed. */
        BELOW_RANGE,
        /**
         * Not a result: rounds ran out, or no new P could narrow a bracket (e.g. every run at a P failed), before the
         * median's bracket and every seed's own were within the tolerance. The bracket reached is reported.
         */
        UNRESOLVED
    }

    /**
     * One round: the P evaluated together (one sweep, so their members train as shared ensembles).
     *
     * @param seeds        the seeds trained or read in this round: fewer than the curve's while not bracketed (pilots)
     *                     and when single seeds are refined
     * @param trained      members trained in this round
     * @param reused       members served from the store
     * @param memberEpochs the epochs run, summed over the members trained
     * @param sampleEpochs epochs × P summed over the members trained: the samples seen, a proxy of compute
     */
    public record Round(int index, List<Long> sizes, List<Integer> seeds, long trained, long reused, long memberEpochs, long sampleEpochs,
                        double wallSeconds) {
        public Round {
            sizes = List.copyOf(sizes);
            seeds = List.copyOf(seeds);
        }
    }

    public SampleComplexitySearchResult {
        rounds = List.copyOf(rounds);
    }

    /** Members trained by this search. */
    public long trained() {
        return rounds.stream().mapToLong(Round::trained).sum();
    }

    /** Members served from the store. */
    public long reused() {
        return rounds.stream().mapToLong(Round::reused).sum();
    }

    /** Σ epochs over the members trained. */
    public long memberEpochs() {
        return rounds.stream().mapToLong(Round::memberEpochs).sum();
    }

    /** Σ epochs × P over the members trained. */
    public long sampleEpochs() {
        return rounds.stream().mapToLong(Round::sampleEpochs).sum();
    }

    /** Whether P* is bracketed to the tolerance. */
    public boolean resolved() {
        return outcome == Outcome.RESOLVED;
    }

    /**
     * What the search found, in one line: P* (read as on a grid: the median of every seed's own crossing) and the
     * median's bracket, or why there is no P*. The CLI ({@code curve --find-pstar}) and {@link #toString} print this line.
     */
    public String reading() {
        return switch (outcome) {
            case RESOLVED -> String.format("%s; median bracket [%d, %d], hi/lo − 1 = %.3f, and every seed's own bracket ≤ %s",
                    pStar, lower, upper, (double) upper / lower - 1, search.tolerance());
            case NOT_REACHED -> "P* not reached: median error above " + search.threshold() + " up to the cap P = " + lower + "; " + pStar;
            case BELOW_RANGE -> "P* below the range: median error at or below " + search.threshold() + " already at P = " + upper
                    + "; " + pStar;
            case UNRESOLVED -> "UNRESOLVED (not a result): rounds ran out (or a bracket could not be narrowed) before every "
                    + "bracket was within " + search.tolerance() + "; median bracket [" + lower + ", " + (upper == 0 ? "∞" : upper)
                    + "]; reading so far: " + pStar;
        };
    }

    /** What the search cost: members trained and reused, member-epochs, wall time, rounds of training. */
    public String cost() {
        return String.format("trained %d members, %d member-epochs, %.1f s; reused %d members from the store; %d rounds",
                trained(), memberEpochs(), wallSeconds, reused(), rounds.stream().filter(r -> r.index() > 0).count());
    }

    /** {@link #reading()}, then {@link #cost()}. */
    @Override
    public String toString() {
        return reading() + System.lineSeparator() + cost();
    }
}
