package io.rhmlab.engine.curve;

import io.rhmlab.dsl.InvalidSpecException;

/**
 * How {@link LearningCurve#findSampleComplexity(SampleComplexitySearch)} looks for P*: instead of a fixed grid of
 * P, a sequential search in log P that brackets the crossing of the median test error (over every seed) with
 * the threshold, starting from the theory scale of the network, and narrows the bracket until its relative width
 * hi/lo − 1 is at most {@code tolerance}. The method is described in docs/science.md §9.6 (P* and its interval);
 * the reading of P* itself is the grid's ({@link SampleComplexity}).
 *
 * @param threshold      the test error that defines P* (10% by default)
 * @param tolerance      stop when the bracket [lo, hi] around the crossing has hi/lo − 1 ≤ tolerance, in (0, 1)
 * @param metric         final (default) or best test error
 * @param start          the unit of the first round; 0 = the theory scale ({@link Scales#theoryScale})
 * @param firstFrom      the first round tries start·firstFrom and start·firstTo: by default 2 and 4, since the
 * @param firstTo        papers' P* are 2–4 theory units (CNN on the RHM about 2.5–3, the SRHM's 2.4–3.7)
 * @param maxMultiple    the search stays within [scale / maxMultiple, scale · maxMultiple] (default 64), and
 *                       below P_max − test size
 * @param maxRounds      rounds of training at most (default 16); the search reports UNRESOLVED beyond
 * @param pilotSeeds     seeds trained at a P tried while the crossing is not yet bracketed (default 1; 0 = every
 *                       seed): such points only decide where to look. Every P inside a bracket is trained with
 *                       every seed, and so is each end of the final bracket, so P* and its bracket are always read
 *                       from the median over every seed; a seed whose own crossing lies beyond the points it has
 *                       is then trained at the nearest pilot point, so that its P* is read too
 */
public record SampleComplexitySearch(double threshold, double tolerance, ErrorMetric metric, long start,
                                     double firstFrom, double firstTo, double maxMultiple, int maxRounds,
                                     int pilotSeeds) {

    public static final double DEFAULT_TOLERANCE = 0.15;

    /** One seed finds the bracket; measured in {@code bench pstar}, it saves two members of eight on each setting. */
    public static final int DEFAULT_PILOT_SEEDS = 1;

    public SampleComplexitySearch {
        InvalidSpecException.require(threshold > 0 && threshold < 1, "threshold", "threshold = " + threshold + " must be in (0, 1)");
        InvalidSpecException.require(tolerance > 0 && tolerance < 1, "tolerance", "tolerance = " + tolerance + " must be in (0, 1)");
        InvalidSpecException.require(metric != null, "metric", "must be FINAL or BEST");
        InvalidSpecException.require(start >= 0, "start", "start = " + start + " must be ≥ 0 (0 = the theory scale)");
        InvalidSpecException.require(firstFrom > 0 && firstTo > firstFrom, "firstTo",
                "the first round's multiples need 0 < firstFrom < firstTo, got " + firstFrom + " and " + firstTo);
        InvalidSpecException.require(maxMultiple >= firstTo && maxMultiple >= 1 / firstFrom, "maxMultiple",
                "maxMultiple = " + maxMultiple + " must cover the first round (" + firstFrom + ", " + firstTo + ")");
        InvalidSpecException.require(maxRounds >= 1, "maxRounds", "maxRounds = " + maxRounds + " must be ≥ 1");
        InvalidSpecException.require(pilotSeeds >= 0, "pilotSeeds", "pilotSeeds = " + pilotSeeds + " must be ≥ 0 (0 = every seed)");
    }

    /** The fields before {@code pilotSeeds} existed: one pilot seed. */
    public SampleComplexitySearch(double threshold, double tolerance, ErrorMetric metric, long start,
                                  double firstFrom, double firstTo, double maxMultiple, int maxRounds) {
        this(threshold, tolerance, metric, start, firstFrom, firstTo, maxMultiple, maxRounds, DEFAULT_PILOT_SEEDS);
    }

    /** Seeds of a not-yet-bracketed point, of {@code seeds} in all: {@link #pilotSeeds}, 0 meaning every one. */
    public int pilotSeeds(int seeds) {
        return pilotSeeds == 0 ? seeds : Math.min(pilotSeeds, seeds);
    }

    /** Rounds at most: the median's bracket takes 4–8, each seed's own bracket 1–3 more (refined together). */
    public static final int DEFAULT_MAX_ROUNDS = 16;

    /** 10% final test error, tolerance 0.15, from the theory scale. */
    public static SampleComplexitySearch defaults() {
        return new SampleComplexitySearch(SampleComplexity.DEFAULT_THRESHOLD, DEFAULT_TOLERANCE, ErrorMetric.FINAL, 0, 2, 4, 64,
                DEFAULT_MAX_ROUNDS, DEFAULT_PILOT_SEEDS);
    }

    /** What defines the P* it finds. */
    public PStarCriterion criterion() {
        return new PStarCriterion(threshold, metric);
    }

    public SampleComplexitySearch withThreshold(double t) {
        return new SampleComplexitySearch(t, tolerance, metric, start, firstFrom, firstTo, maxMultiple, maxRounds, pilotSeeds);
    }

    public SampleComplexitySearch withTolerance(double t) {
        return new SampleComplexitySearch(threshold, t, metric, start, firstFrom, firstTo, maxMultiple, maxRounds, pilotSeeds);
    }

    public SampleComplexitySearch withMetric(ErrorMetric m) {
        return new SampleComplexitySearch(threshold, tolerance, m, start, firstFrom, firstTo, maxMultiple, maxRounds, pilotSeeds);
    }

    public SampleComplexitySearch withStart(long p) {
        return new SampleComplexitySearch(threshold, tolerance, metric, p, firstFrom, firstTo, maxMultiple, maxRounds, pilotSeeds);
    }

    /** The first round at start·from and start·to. */
    public SampleComplexitySearch withFirstRound(double from, double to) {
        return new SampleComplexitySearch(threshold, tolerance, metric, start, from, to, maxMultiple, maxRounds, pilotSeeds);
    }

    public SampleComplexitySearch withMaxMultiple(double m) {
        return new SampleComplexitySearch(threshold, tolerance, metric, start, firstFrom, firstTo, m, maxRounds, pilotSeeds);
    }

    public SampleComplexitySearch withMaxRounds(int r) {
        return new SampleComplexitySearch(threshold, tolerance, metric, start, firstFrom, firstTo, maxMultiple, r, pilotSeeds);
    }

    /** Seeds trained at a P tried before the crossing is bracketed; 0 = every seed (no pilot). */
    public SampleComplexitySearch withPilotSeeds(int n) {
        return new SampleComplexitySearch(threshold, tolerance, metric, start, firstFrom, firstTo, maxMultiple, maxRounds, n);
    }
}
