package io.rhmlab.dsl.grammar;

import java.util.Optional;

/** The outcome of parsing one string: its derivation, or why it is not in the language of the grammar. */
public record ParseResult(Derivation derivation, String rejection) {

    public static ParseResult accepted(Derivation derivation) {
        return new ParseResult(derivation, null);
    }

    public static ParseResult rejected(String reason) {
        return new ParseResult(null, reason);
    }

    public boolean isAccepted() {
        return derivation != null;
    }

    public Optional<Derivation> asOptional() {
        return Optional.ofNullable(derivation);
    }
}
