package io.rhmlab.dsl.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;

/**
 * What a network is asked to predict from a datum of the hierarchy (docs/last-token.md §1).
 *
 * <ul>
 *   <li>{@link Classify}: the root's class from the whole input (the RHM and SRHM papers; the default, stored as
 *       the absence of a task so that classification runs keep the keys they had before tasks existed);</li>
 *   <li>{@link LastToken}: the last input token from the ones before it (the reference code's masked mode and the
 *       follow-up papers on how language structure is acquired): labels range over the v symbols, the class is
 *       thrown away, and only the last {@code context} positions are kept.</li>
 * </ul>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = Task.Classify.class, name = "classify"),
        @JsonSubTypes.Type(value = Task.LastToken.class, name = "last-token")})
public sealed interface Task permits Task.Classify, Task.LastToken {

    /** The kind as written on the command line and in exports: {@code classify} or {@code last-token}. */
    String name();

    /** Outputs of the network: n_c classes, or v symbols. */
    int outputs(Hierarchy h);

    /** Positions the network sees, the masked one included (its input length for every kind but the FCN). */
    int context(Hierarchy h);

    /** A short label for tables and figures: {@code classify}, {@code last-token(context 4)}. */
    String label(Hierarchy h);

    /** Checks that this task can be asked of the hierarchy, naming the violated constraint. */
    void requireCompatible(Hierarchy h);

    static Task classify() {
        return new Classify();
    }

    /** Last-token prediction with the whole datum as context (T = s^L positions, the last one masked). */
    static Task lastToken() {
        return new LastToken(0);
    }

    /** Last-token prediction from the last {@code context} positions (the masked one included; the reference's {@code num_tokens}). */
    static Task lastToken(int context) {
        return new LastToken(context);
    }

    /** {@code classify}, {@code last-token}, or {@code last-token} with a context; the CLI's {@code --task} and {@code --context}. */
    static Task parse(String name, int context) {
        return switch (name.toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
            case "classify", "class", "classification" -> {
                InvalidSpecException.require(context == 0, "context", "a context window is a setting of the last-token task, got "
                        + context + " for classify");
                yield classify();
            }
            case "last-token", "lasttoken", "masked" -> lastToken(context);
            default -> throw new InvalidSpecException("task", "unknown task '" + name + "': use classify or last-token");
        };
    }

    /** The root's class from the whole input. */
    record Classify() implements Task {
        @Override
        public String name() {
            return "classify";
        }

        @Override
        public int outputs(Hierarchy h) {
            return h.classes();
        }

        @Override
        public int context(Hierarchy h) {
            return h.inputLength();
        }

        @Override
        public String label(Hierarchy h) {
            return "classify";
        }

        @Override
        public void requireCompatible(Hierarchy h) {
        }
    }

    /**
     * The last token from its predecessors.
     *
     * @param context positions kept at the end of each datum, the masked last one included (2..T); 0 = all T = s^L
     */
    record LastToken(@JsonProperty("context") int context) implements Task {
        @JsonCreator
        public LastToken {
            InvalidSpecException.require(context == 0 || context >= 2, "context",
                    "the context window must hold the masked token and at least one before it (≥ 2), or be 0 for the whole "
                            + "datum; got " + context);
        }

        @Override
        public String name() {
            return "last-token";
        }

        @Override
        public int outputs(Hierarchy h) {
            return h.vocabulary();
        }

        @Override
        public int context(Hierarchy h) {
            return context == 0 ? h.inputLength() : context;
        }

        @Override
        public String label(Hierarchy h) {
            return context == 0 || context == h.inputLength() ? "last-token" : "last-token(context " + context + ")";
        }

        @Override
        public void requireCompatible(Hierarchy h) {
            InvalidSpecException.require(!h.isSparse(), "s0", "the last-token task is defined on the dense RHM (the reference "
                    + "code's masked mode); got s0 = " + h.sparsity());
            InvalidSpecException.require(context <= h.inputLength(), "context", "a context of " + context
                    + " positions is longer than the datum (T = s^L = " + h.inputLength() + ")");
        }
    }
}
