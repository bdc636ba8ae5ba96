package io.rhmlab.dsl.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.rhmlab.dsl.Hierarchy;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.rhmlab.dsl.InvalidSpecException.require;

/**
 * Observables measured on every trained network of a learning curve (docs/science.md §2.D, §3.D, §9.4, §9.5) and
 * stored with its run (the store's {@code measurements} column, by run key, each table under its
 * {@link Observable#storeName()}).
 *
 * <p>Not part of a run's identity: measuring does not change training. Measurements are taken right after an
 * ensemble finishes training, from the members' final weights, before they are dropped (weights are not stored).
 * A stored run that lacks a requested measurement is therefore trained again (training is deterministic given
 * the seeds, so the stored result is reproduced) and measured. With {@code everyEpochs} = N > 0 the same
 * observables are also measured on copies of the weights every N epochs during training (epoch 0 included; SGD
 * runs only) and stored with the run as a series; training and the end-of-training tables are unchanged.
 *
 * <p>In JSON (a sweep's curve file) the selection is written as the three flags {@code synonyms},
 * {@code deformations}, {@code noise} it has always had, so that existing files keep reading.
 *
 * @param observables  what is measured; D ({@link Observable#DEFORMATIONS}) is skipped on a dense RHM, which has no
 *                     placements
 * @param baseSize     N, base inputs (default {@value #DEFAULT_BASE_SIZE}); clipped to the test size (or P)
 * @param base         held-out test points (default) or the run's training points (the old reference)
 * @param everyEpochs  N: also measure every N epochs during training; 0 (default) = only at the end
 */
public record Measures(@JsonIgnore Set<Observable> observables, int baseSize, Base base, int everyEpochs) {

    public static final int DEFAULT_BASE_SIZE = 500;

    /** Where the base inputs come from (docs/science.md §5.12). */
    public enum Base { TEST, TRAIN }

    public Measures {
        require(observables != null, "measure", "the observables must be given (none for nothing)");
        require(base != null, "base", "must be TEST or TRAIN");
        require(baseSize >= 2, "baseSize", "N = " + baseSize + " base inputs: need at least 2");
        require(everyEpochs >= 0, "everyEpochs", "N = " + everyEpochs + " must be ≥ 0 (0 = only at the end of training)");
        observables = Collections.unmodifiableSet(enumSet(observables));
    }

    /** The JSON form: one flag per observable (see the class comment). */
    @JsonCreator
    static Measures fromJson(@JsonProperty("synonyms") boolean synonyms, @JsonProperty("deformations") boolean deformations,
                             @JsonProperty("baseSize") Integer baseSize, @JsonProperty("base") Base base,
                             @JsonProperty("noise") boolean noise, @JsonProperty("everyEpochs") int everyEpochs) {
        Set<Observable> o = EnumSet.noneOf(Observable.class);
        if (synonyms) o.add(Observable.SYNONYMS);
        if (deformations) o.add(Observable.DEFORMATIONS);
        if (noise) o.add(Observable.NOISE);
        return new Measures(o, baseSize == null ? DEFAULT_BASE_SIZE : baseSize, base == null ? Base.TEST : base, everyEpochs);
    }

    @JsonProperty("synonyms")
    private boolean jsonSynonyms() {
        return contains(Observable.SYNONYMS);
    }

    @JsonProperty("deformations")
    private boolean jsonDeformations() {
        return contains(Observable.DEFORMATIONS);
    }

    @JsonProperty("noise")
    private boolean jsonNoise() {
        return contains(Observable.NOISE);
    }

    public static Measures none() {
        return new Measures(Set.of(), DEFAULT_BASE_SIZE, Base.TEST, 0);
    }

    /** {@code Measures.of(SYNONYMS, NOISE)}: these observables, default base, only at the end of training. */
    public static Measures of(Observable... observables) {
        return none().with(observables);
    }

    /**
     * Parses "synonym,diffeo,noise" (each as {@link Observable#parse} reads it: also "S", "D", "G", "synonyms",
     * "deformations", "gauss", …); "" or "none" is none.
     */
    public static Measures parse(String list) {
        Measures m = none();
        if (list == null || list.isBlank() || list.equalsIgnoreCase("none")) return m;
        for (String part : list.split(",")) m = m.with(Observable.parse(part));
        return m;
    }

    /** Whether {@code o} is measured. */
    public boolean contains(Observable o) {
        return observables.contains(o);
    }

    /** These observables measured too. */
    public Measures with(Observable... more) {
        Set<Observable> o = enumSet(observables);
        o.addAll(List.of(more));
        return new Measures(o, baseSize, base, everyEpochs);
    }

    /** {@code o} no longer measured. */
    public Measures without(Observable o) {
        Set<Observable> s = enumSet(observables);
        s.remove(o);
        return new Measures(s, baseSize, base, everyEpochs);
    }

    public Measures withBaseSize(int n) {
        return new Measures(observables, n, base, everyEpochs);
    }

    public Measures withBase(Base b) {
        return new Measures(observables, baseSize, b, everyEpochs);
    }

    /** Also measure every {@code n} epochs during training (0 = only at the end). */
    public Measures atEpochs(int n) {
        return new Measures(observables, baseSize, base, n);
    }

    /** Nothing to measure (a period without observables measures nothing either). */
    @JsonIgnore
    public boolean isEmpty() {
        return observables.isEmpty();
    }

    /** What is measured on runs of {@code h} (D only for a Sparse RHM), at the end and at checkpoints. */
    public Set<Observable> observablesFor(Hierarchy h) {
        Set<Observable> out = EnumSet.noneOf(Observable.class);
        for (Observable o : observables) if (o.appliesTo(h)) out.add(o);
        return Collections.unmodifiableSet(out);
    }

    /** Whether observables are measured during training too. */
    public boolean duringTraining() {
        return everyEpochs > 0 && !isEmpty();
    }

    private static Set<Observable> enumSet(Collection<Observable> c) {
        Set<Observable> out = EnumSet.noneOf(Observable.class);
        out.addAll(c);
        return out;
    }
}
