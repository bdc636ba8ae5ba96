package io.rhmlab.dsl.experiment;

import io.rhmlab.dsl.Hierarchy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.rhmlab.dsl.InvalidSpecException.require;

/**
 * An observable measured on trained networks (docs/science.md §2.D, §3.D): a table over representations
 * k = 1..L + 1 (k = L + 1 the output) and perturbation levels ℓ.
 *
 * <p>Each has three names: the store's (the key of its table in a run's measurements column, which must never
 * change: stored runs are read by it), the papers' symbol (figures and tables) and the command line's
 * ({@code --measure synonym,diffeo,noise}; {@link #parse} also takes the symbol, the store name and a few
 * plurals).
 */
public enum Observable {
    /** S_{k,ℓ}: level-ℓ synonyms re-drawn (docs/science.md §2.D). */
    SYNONYMS("synonymSensitivity", "S", "synonym", true, "synonyms"),
    /** D_{k,ℓ}: level-ℓ placements re-drawn, Sparse RHM only (docs/science.md §3.D). */
    DEFORMATIONS("diffeoSensitivity", "D", "diffeo", true, "diffeos", "deformation", "deformations"),
    /** G_k: isotropic Gaussian noise on the encoded input, one "level" (docs/science.md §3.D). */
    NOISE("noiseSensitivity", "G", "noise", false, "gauss", "gaussian");

    private final String storeName;
    private final String symbol;
    private final String cliName;
    private final boolean levelled;
    private final List<String> aliases;

    Observable(String storeName, String symbol, String cliName, boolean levelled, String... aliases) {
        this.storeName = storeName;
        this.symbol = symbol;
        this.cliName = cliName;
        this.levelled = levelled;
        this.aliases = List.of(aliases);
    }

    /** The key of its table in a stored run's measurements (e.g. {@code synonymSensitivity}). */
    public String storeName() {
        return storeName;
    }

    /** The papers' letter: S, D or G. */
    public String symbol() {
        return symbol;
    }

    /** Its name in {@code --measure}. */
    public String cliName() {
        return cliName;
    }

    /** Whether it has perturbation levels ℓ (S and D); G has one. */
    public boolean levelled() {
        return levelled;
    }

    /** "S_{2,1}", or "G_{2}" for the noise sensitivity, which has no level. */
    public String at(int layer, int level) {
        return levelled ? symbol + "_{" + layer + "," + level + "}" : symbol + "_{" + layer + "}";
    }

    /** Whether it is defined on runs of {@code h}: D needs placements, which only a Sparse RHM has. */
    public boolean appliesTo(Hierarchy h) {
        return this != DEFORMATIONS || h.isSparse();
    }

    /** The observable stored under {@code name}, if any (other entries of the measurements column are not tables). */
    public static Optional<Observable> ofStoreName(String name) {
        for (Observable o : values()) if (o.storeName.equals(name)) return Optional.of(o);
        return Optional.empty();
    }

    /** By command-line name, symbol, store name or alias, ignoring case; one clear line otherwise. */
    public static Observable parse(String name) {
        String p = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Observable o : values()) {
            if (p.equals(o.cliName) || p.equals(o.symbol.toLowerCase(Locale.ROOT))
                    || p.equals(o.storeName.toLowerCase(Locale.ROOT)) || o.aliases.contains(p)) {
                return o;
            }
        }
        require(false, "measure", "unknown observable '" + (name == null ? "" : name.trim()) + "': expected synonym, diffeo or noise");
        throw new AssertionError("unreachable");
    }
}
