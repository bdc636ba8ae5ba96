package io.rhmlab.engine.science;

/**
 * A named, small-scale reproduction of a statement of the papers (docs/science.md): it runs its learning curves
 * through the run store (so a second run is served from it) and returns a table of measured values next to what
 * the papers report.
 */
public interface Reproduction {
    /** e.g. {@code rhm-cnn-collapse}. */
    String name();

    /** One line: what is reproduced. */
    String title();

    /** Runs (or reads from the store) and reports. */
    ReproductionReport run(ReproductionContext context);
}
