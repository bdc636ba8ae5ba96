package io.rhmlab.dsl.experiment;

/**
 * How the seeds of a learning curve's i-th realisation (i = 1..seeds) are derived from the task's seeds.
 * Averaging over rule realisations is what docs/science.md §5.3 recommends; fixing the rules isolates the
 * sampling and initialisation noise of one grammar.
 */
public enum SeedPolicy {
    /** Seed i draws new rules, new data and a new network (seeds derived from the task's, {@link Realisation}), model seed i. */
    NEW_RULES,
    /** Seed i keeps the task's rules and draws new data and a new network (sample seed derived), model seed i. */
    FIXED_RULES
}
