package io.rhmlab.engine.science;

import java.util.function.Function;

/**
 * A reproduction as its catalogue lists it: a name, a title and what it measures. Every reproduction is timed and
 * reported the same way, so that is done here once, and each reproduction's own class holds only its science.
 *
 * @param name    e.g. {@code rhm-cnn-collapse}
 * @param title   one line: what is reproduced
 * @param measure runs (or reads from the store) the reproduction's curves and compares them with the papers
 */
record NamedReproduction(String name, String title, Function<ReproductionContext, Findings> measure) implements Reproduction {

    @Override
    public ReproductionReport run(ReproductionContext context) {
        long start = System.nanoTime();
        Findings f = measure.apply(context);
        return new ReproductionReport(name, title, f.rows(), f.notes(), (System.nanoTime() - start) / 1e9, f.curves());
    }
}
