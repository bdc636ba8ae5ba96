package io.rhmlab.dsl.experiment;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.Seeds;

import static io.rhmlab.dsl.InvalidSpecException.require;

/**
 * Which realisation of which learning curve a run is: the curve's base rule and sample seeds (those of the task as
 * declared), its seed policy, and the realisation's index i (1-based, also the run's model seed). It is part of a run's
 * spec, and so of its store key, because it is the run's curve identity: two curves that differ only in their base seeds
 * or seed policy never share, merge or overwrite a run (docs/science.md "Seeds and realisations").
 *
 * <p>Realisation 1 is the task as declared. Realisation i ≥ 2 draws its seeds from the base ones through
 * {@link Seeds#derive} (purposes REALISATION_RULES and REALISATION_SAMPLES, index i), so that curves with base seeds s and
 * s + 1 share no grammar and no data order. {@link SeedPolicy#FIXED_RULES} keeps the base rule seed for every i.
 *
 * @param ruleSeed   the curve's base rule seed
 * @param sampleSeed the curve's base sample seed
 * @param policy     whether realisations draw new rules
 * @param index      i, 1..seeds
 */
public record Realisation(long ruleSeed, long sampleSeed, SeedPolicy policy, int index) {

    public Realisation {
        require(policy != null, "seedPolicy", "must be NEW_RULES or FIXED_RULES");
        require(index >= 1, "seed", "realisation index = " + index + " must be ≥ 1");
    }

    /** Realisation {@code index} of a curve on {@code base} (whose seeds are the curve's base seeds). */
    public static Realisation of(Hierarchy base, SeedPolicy policy, int index) {
        return new Realisation(base.ruleSeed(), base.sampleSeed(), policy, index);
    }

    /** The rule seed of this realisation. */
    public long realisedRuleSeed() {
        if (index == 1 || policy == SeedPolicy.FIXED_RULES) return ruleSeed;
        return Seeds.derive(ruleSeed, Seeds.Purpose.REALISATION_RULES, index);
    }

    /** The sample seed of this realisation. */
    public long realisedSampleSeed() {
        return index == 1 ? sampleSeed : Seeds.derive(sampleSeed, Seeds.Purpose.REALISATION_SAMPLES, index);
    }

    /** {@code task} with this realisation's seeds. */
    public Hierarchy apply(Hierarchy task) {
        return task.withSeeds(realisedRuleSeed(), realisedSampleSeed());
    }

    /** {@code task} with the curve's base seeds: the task as declared. */
    public Hierarchy base(Hierarchy task) {
        return task.withSeeds(ruleSeed, sampleSeed);
    }
}
