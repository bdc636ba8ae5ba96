package io.rhmlab.dsl;

/** A spec violates a constraint; the message names the parameter and the constraint. */
public final class InvalidSpecException extends IllegalArgumentException {
    private final String parameter;

    public InvalidSpecException(String parameter, String constraint) {
        super(parameter + ": " + constraint);
        this.parameter = parameter;
    }

    /** The offending parameter, as the papers name it (e.g. {@code m}, {@code s0}, {@code P_train}). */
    public String parameter() {
        return parameter;
    }

    public static void require(boolean ok, String parameter, String constraint) {
        if (!ok) throw new InvalidSpecException(parameter, constraint);
    }
}
