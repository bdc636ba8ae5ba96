package io.rhmlab.engine.store;

import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.train.Steps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The content key of a run: SHA-256 (hex) of the canonical JSON of its full spec — hierarchy with its seeds,
 * architecture, training, P, test size, model seed, learner — and of the results-semantics version that says how
 * such a spec is trained and measured. Equal specs give equal keys on any machine and across releases, so
 * independent runners can share and deduplicate work and a store survives upgrades of rhmlab, DJL and PyTorch
 * (their exact versions are kept on every run as provenance, {@link RunVersions}, not in the key).
 */
public final class RunKey {

    /**
     * How a spec becomes a result. Raise it only when the same spec would now give a different result on
     * purpose: another seed derivation, data order, initialisation, training or measuring rule. Runs stored under
     * an earlier version stay in the store, reachable under that version, and are never served for a current spec.
     * <ul>
     *   <li>1: rhmlab 0.1.0; every stream seeded with its raw seed (rules, sample order and initialisation of
     *       realisation k all from {@code SplittableRandom(k)}); its keys also hashed the software versions.</li>
     *   <li>2: streams derived per purpose by {@code io.rhmlab.dsl.Seeds}.</li>
     *   <li>3: a curve's realisations derive their seeds from the base seeds ({@code Realisation}; was base + i − 1),
     *       a curve's runs carry their realisation (the curve identity) in their spec, and the synonym and diffeo
     *       perturbations draw from separate streams per level.</li>
     *   <li>4: runs trained through autograd (the transformer, layerwise training, optimisers other than SGD with
     *       momentum at a constant rate, {@link Steps#throughAutograd}): the constants of a forward pass live in the native engine's memory, where the
     *       backward pass still finds them; before, a garbage collection between the two passes could free them and
     *       silently change the gradients ({@code io.rhmlab.engine.net.Constants}). Runs of the scripted step were
     *       never affected and stay under 3, as do the one-step + clustering learner's ({@link #semanticsOf}).</li>
     * </ul>
     */
    public static final int RESULTS_SEMANTICS = 4;

    /** The version under which runs trained without autograd are still current: version 4 changed nothing for them. */
    static final int WITHOUT_AUTOGRAD_SEMANTICS = 3;

    /** Characters of the key shown to people and accepted as an id prefix. */
    public static final int SHORT_LENGTH = 12;

    private RunKey() {
    }

    /**
     * The results semantics under which this rhmlab computes {@code spec}: {@link #RESULTS_SEMANTICS} for runs that
     * train through autograd ({@link Steps#throughAutograd}), 3 for the others, whose stored results version 4 left
     * as they were.
     */
    public static int semanticsOf(RunSpec spec) {
        return Steps.throughAutograd(spec) ? RESULTS_SEMANTICS : WITHOUT_AUTOGRAD_SEMANTICS;
    }

    /** The key of {@code spec} under its current semantics ({@link #semanticsOf}). */
    public static String of(RunSpec spec) {
        return of(spec, semanticsOf(spec));
    }

    /** The key of {@code spec} under results-semantics version {@code semantics}. */
    public static String of(RunSpec spec, int semantics) {
        return ofJson(SpecJson.mapper().valueToTree(spec), semantics);
    }

    /** The key of a spec given as (stored) JSON, so that runs whose spec no longer parses can still be re-keyed. */
    static String ofJson(Object specTree, int semantics) {
        return sha256(SpecJson.write(Map.of("semantics", semantics, "spec", specTree)));
    }

    /** The key rhmlab 0.1.0 computed (spec and software versions, no semantics version); for migration only. */
    static String legacyOf(RunSpec spec, RunVersions versions) {
        return sha256(SpecJson.write(Map.of("spec", spec, "versions", versions)));
    }

    public static String shortId(String key) {
        return key.substring(0, Math.min(SHORT_LENGTH, key.length()));
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
