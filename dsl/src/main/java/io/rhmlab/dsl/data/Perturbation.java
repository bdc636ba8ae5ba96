package io.rhmlab.dsl.data;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.grammar.Derivation;
import io.rhmlab.dsl.grammar.Expander;
import io.rhmlab.dsl.grammar.IndexSpace;
import io.rhmlab.dsl.grammar.ParseResult;
import io.rhmlab.dsl.grammar.Parser;
import io.rhmlab.dsl.grammar.Rules;

import io.rhmlab.dsl.Seeds;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Perturbed copies of data for the sensitivities S_{k,ℓ} and D_{k,ℓ} (docs/science.md §2.D, §3.D, §9.4). Each base
 * datum is parsed back to its choices; at level ℓ (1 = input tuples, L = the top tuple) every choice at
 * generation depth ≥ L − ℓ is re-drawn uniformly — the rule (synonyms, placements kept) or the placement
 * (diffeos, rules kept) — and the string is regenerated. A re-draw may return the original choice; such
 * copies are kept, as in the reference code. Labels are unchanged.
 *
 * <p>Each kind of perturbation and each level has its own stream family: datum i of level ℓ draws from
 * {@code SplittableRandom(Seeds.derive(Seeds.derive(seed, kind, ℓ), kind, i))}, kind = SYNONYMS or DIFFEOS, node by node
 * in generation order. So the synonym and diffeo copies of one base set never share randomness, nor do two levels,
 * and the output does not depend on the number of threads.
 */
public final class Perturbation {
    private Perturbation() {
    }

    /** P_ℓ x: re-draws the synonyms (rule indices) at generation depths ≥ L − level, keeping placements. */
    public static Tokens synonyms(Rules rules, Tokens base, int level, long seed) {
        return perturb(rules, base, level, seed, true);
    }

    /**
     * τ_ℓ x (Sparse RHM only), a discrete diffeomorphism in the papers' words ("diffeo" everywhere in rhmlab: D_{k,ℓ},
     * {@code --measure diffeo}, {@code diffeoSensitivity}): re-draws the placements at generation depths ≥ L − level,
     * keeping rules.
     */
    public static Tokens diffeo(Rules rules, Tokens base, int level, long seed) {
        Hierarchy h = rules.hierarchy();
        if (!h.isSparse())
            throw new InvalidSpecException("placement", "diffeos move informative children among blank slots; "
                    + "a dense RHM (s0 = 0, placement NONE) has none");
        return perturb(rules, base, level, seed, false);
    }

    /** @deprecated the old name of {@link #diffeo}. */
    @Deprecated
    public static Tokens deformations(Rules rules, Tokens base, int level, long seed) {
        return diffeo(rules, base, level, seed);
    }

    private static Tokens perturb(Rules rules, Tokens base, int level, long seed, boolean synonyms) {
        Hierarchy h = rules.hierarchy();
        if (level < 1 || level > h.depth())
            throw new InvalidSpecException("level", "ℓ = " + level + " outside [1, L = " + h.depth() + "]");
        if (base.length() != h.inputLength())
            throw new IllegalArgumentException("base data have d = " + base.length() + ", the hierarchy d = " + h.inputLength());
        IndexSpace space = new IndexSpace(h);
        int n = base.size(), d = h.inputLength(), m = h.multiplicity(), q = space.placements();
        int from = space.firstDigitOfDepth(h.depth() - level);
        Seeds.Purpose kind = synonyms ? Seeds.Purpose.SYNONYMS : Seeds.Purpose.DIFFEOS;
        long levelSeed = Seeds.derive(seed, kind, level);
        byte[] source = base.toByteArray();
        byte[] out = new byte[source.length];
        int[] labels = base.labels();
        int chunks = (n + Codec.CHUNK - 1) / Codec.CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            Parser parser = new Parser(rules);
            Expander expander = new Expander(rules);
            for (int i = c * Codec.CHUNK, end = Math.min(n, i + Codec.CHUNK); i < end; i++) {
                ParseResult parsed = parser.parse(source, i * d);
                if (!parsed.isAccepted())
                    throw new IllegalArgumentException("datum " + i + " is not in the language: " + parsed.rejection());
                Derivation derivation = parsed.derivation();
                if (derivation.label() != labels[i])
                    throw new IllegalArgumentException("datum " + i + " has label " + labels[i] + " but parses as class " + derivation.label());
                int[] choices = derivation.choices();
                SplittableRandom rng = new SplittableRandom(Seeds.derive(levelSeed, kind, i));
                for (int k = from; k < choices.length; k++) {
                    int rule = choices[k] / q, placement = choices[k] % q;
                    choices[k] = synonyms ? rng.nextInt(m) * q + placement : rule * q + rng.nextInt(q);
                }
                expander.expand(labels[i], choices, out, i * d);
            }
        });
        return Tokens.wrap(out, labels, d);
    }
}
