package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.curve.PStarCriterion;
import io.rhmlab.engine.curve.StoredCurves;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.kernel.plot.Figure;
import io.rhmlab.kernel.plot.Figures;
import io.rhmlab.kernel.plot.Scale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code rhmlab report [--store FILE] --out DIR}: the figures of everything in a run store. Stored runs are grouped
 * into learning curves by their specs (same hierarchy up to its seeds, same network, training, learner and test
 * size; the realisation is the model seed), then written as SVG + PNG: one learning-curve figure per task (all
 * its networks on one set of axes), one collapse of all curves in the theory's units, the sensitivities S_{k,ℓ} / D_{k,ℓ} of every curve that
 * measured them (all layers and levels, and the key panel S_{2,1}, D_{2,1} with the test error), and the training dynamics
 * of every curve that has a history.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write learning-curve, collapse, sensitivity and training-dynamics figures (SVG + PNG) of the stored runs.")
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder the figures are written to.")
    Path out;
    @Option(names = "--threshold", paramLabel = "EPS", defaultValue = "0.10",
            description = "Test error that defines P* in every figure and caption (default: ${DEFAULT-VALUE}).")
    double threshold;
    @Mixin StoreOption store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        store.requireExisting();
        OutputFiles.requireWritableFolder("out", out);
        Written w = write(store.file, out, PStarCriterion.at(threshold));
        if (w.curves() == 0) {
            pw.println("no finished runs in " + store.file + " (nothing to plot)");
            return 0;
        }
        pw.printf("%d runs in %d curves (%d tasks)%s%n", w.runs(), w.curves(), w.tasks(),
                w.skipped() == 0 ? "" : "; " + w.skipped() + " failed, diverged or unreadable runs left out");
        for (Path p : w.files()) pw.println("wrote " + p);
        return 0;
    }

    /** What {@link #write} produced. */
    record Written(int runs, int curves, int tasks, int skipped, List<Path> files) {
    }

    /** The figures of every curve in {@code storeFile}, P* read with {@code criterion}, written (SVG + PNG) into {@code dir}. */
    static Written write(Path storeFile, Path dir, PStarCriterion criterion) {
        StoredCurves stored;
        try (RunStore s = RunStore.open(storeFile)) {
            stored = StoredCurves.of(s);
        }
        int skipped = stored.unreadable() + stored.excluded();
        List<LearningCurveResult> curves = stored.curves().stream().filter(LearningCurveResult::hasData)
                .map(c -> c.withCriterion(criterion)).toList();
        List<Path> written = new ArrayList<>();
        if (curves.isEmpty()) return new Written(0, 0, 0, skipped, written);
        Set<String> names = new HashSet<>();
        // one learning-curve figure per task: every network trained on it, on one set of axes
        List<List<LearningCurveResult>> byTask = new StoredCurves(curves, 0).byTask();
        for (List<LearningCurveResult> task : byTask) {
            written.addAll(Figures.learningCurvesFigure(task, Scale.AUTO, null)
                    .save(dir, unique(names, "curve-" + slug(task.get(0).spec().hierarchy()))));
        }
        written.addAll(Figures.collapseFigure(curves, Scale.AUTO, null).save(dir, unique(names, "collapse")));
        for (LearningCurveResult c : curves) {
            if (c.measured().isEmpty()) continue;
            String slug = slug(c.spec().hierarchy()) + "-" + slug(c.label());
            written.addAll(Figures.sensitivityFigure(c, Scale.AUTO, null).save(dir, unique(names, "sensitivity-" + slug)));
            written.addAll(Figures.keySensitivityFigure(c, Scale.AUTO, 2, 1, null).save(dir, unique(names, "sensitivity-key-" + slug)));
        }
        for (LearningCurveResult c : curves) {
            if (c.members().stream().noneMatch(m -> !m.excluded() && !m.result().history().isEmpty())) continue;
            written.addAll(Figures.trainingDynamicsFigure(c, null)
                    .save(dir, unique(names, "dynamics-" + slug(c.spec().hierarchy()) + "-" + slug(c.label()))));
        }
        return new Written(stored.runs() - stored.excluded(), curves.size(), byTask.size(), skipped, written);
    }

    /**
     * The figures of one curve exactly as a command printed it (same members, same P* criterion): its learning curve,
     * and its sensitivities and training dynamics where it has them.
     */
    static List<Path> writeCurve(LearningCurveResult c, Path dir) {
        List<Path> written = new ArrayList<>();
        if (!c.hasData()) return written;   // every member failed or diverged: nothing to draw (the table says why)
        String slug = slug(c.spec().hierarchy()) + "-" + slug(c.label());
        written.addAll(Figures.learningCurveFigure(c, Scale.AUTO).save(dir, "curve-" + slug));
        if (!c.measured().isEmpty()) {
            written.addAll(Figures.sensitivityFigure(c, Scale.AUTO, null).save(dir, "sensitivity-" + slug));
            written.addAll(Figures.keySensitivityFigure(c, Scale.AUTO, 2, 1, null).save(dir, "sensitivity-key-" + slug));
        }
        if (c.members().stream().anyMatch(m -> !m.excluded() && !m.result().history().isEmpty())) {
            written.addAll(Figures.trainingDynamicsFigure(c, null).save(dir, "dynamics-" + slug));
        }
        return written;
    }

    /** Where {@code run} and {@code curve} put the figures of a store: {@code NAME-figures/} beside {@code NAME.sqlite}. */
    static Path figuresBeside(Path storeFile) {
        Path abs = storeFile.toAbsolutePath();
        String name = abs.getFileName().toString().replaceFirst("\\.sqlite$", "");
        return abs.resolveSibling(name + "-figures");
    }

    private static String slug(Hierarchy h) {
        return (h.isSparse() ? "srhm" + h.placement() + "-s0" + h.sparsity() : "rhm") + "-v" + h.vocabulary() + "-nc" + h.classes()
                + "-m" + h.multiplicity() + "-s" + h.branching() + "-L" + h.depth();
    }

    private static String slug(String label) {
        return label.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String unique(Set<String> names, String base) {
        String name = base;
        for (int k = 2; !names.add(name); k++) name = base + "-" + k;
        return name;
    }
}
