package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.store.SpecJson;
import io.rhmlab.engine.store.StoredRun;
import io.rhmlab.engine.train.Status;
import io.rhmlab.kernel.plot.CurveData;
import io.rhmlab.kernel.plot.CurvePoint;
import io.rhmlab.kernel.plot.Figure;
import io.rhmlab.kernel.plot.Figures;
import io.rhmlab.kernel.plot.Scale;
import io.rhmlab.kernel.plot.SensitivityCurve;
import io.rhmlab.kernel.plot.SensitivityPoint;
import io.rhmlab.engine.curve.RunMeasurements;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    @Mixin StoreOption store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        if (!Files.exists(store.file)) throw new IllegalArgumentException("store: " + store.file + " does not exist");
        OutputFiles.requireWritableFolder("out", out);
        Written w = write(store.file, out);
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

    /** The figures of every curve in {@code storeFile}, written (SVG + PNG) into {@code dir}. */
    static Written write(Path storeFile, Path dir) {
        List<StoredRun> runs;
        try (RunStore s = RunStore.open(storeFile)) {
            runs = s.list();
        }
        int[] skipped = {0};
        List<Group> groups = groups(runs, skipped);
        List<CurveData> curves = curves(groups);
        List<Path> written = new ArrayList<>();
        if (curves.isEmpty()) return new Written(0, 0, 0, skipped[0], written);
        Set<String> names = new HashSet<>();
        // one learning-curve figure per task: every network trained on it, on one set of axes
        Map<String, List<CurveData>> byTask = new LinkedHashMap<>();
        for (CurveData c : curves) byTask.computeIfAbsent(taskKey(c.getHierarchy()), k -> new ArrayList<>()).add(c);
        for (List<CurveData> task : byTask.values()) {
            written.addAll(Figures.learningCurvesFigure(task, Scale.AUTO, null)
                    .save(dir, unique(names, "curve-" + slug(task.get(0).getHierarchy()))));
        }
        written.addAll(Figures.collapseFigure(curves, Scale.AUTO, null).save(dir, unique(names, "collapse")));
        for (Group g : groups) {
            SensitivityCurve sc = sensitivities(g);
            if (sc == null) continue;
            String slug = slug(g.first().hierarchy()) + "-" + slug(g.label());
            written.addAll(Figures.sensitivityFigure(sc, Scale.AUTO, null).save(dir, unique(names, "sensitivity-" + slug)));
            written.addAll(Figures.keySensitivityFigure(sc, Scale.AUTO, Math.min(2, sc.getLayers()), 1, null)
                    .save(dir, unique(names, "sensitivity-key-" + slug)));
        }
        for (CurveData c : curves) {
            if (c.getPoints().stream().noneMatch(p -> !p.getHistory().isEmpty())) continue;
            written.addAll(Figures.trainingDynamicsFigure(c, null)
                    .save(dir, unique(names, "dynamics-" + slug(c.getHierarchy()) + "-" + slug(c.getLabel()))));
        }
        return new Written(runs.size() - skipped[0], curves.size(), byTask.size(), skipped[0], written);
    }

    /** Where {@code run} and {@code curve} put the figures of a store: {@code NAME-figures/} beside {@code NAME.sqlite}. */
    static Path figuresBeside(Path storeFile) {
        Path abs = storeFile.toAbsolutePath();
        String name = abs.getFileName().toString().replaceFirst("\\.sqlite$", "");
        return abs.resolveSibling(name + "-figures");
    }

    /** One curve's runs: its label and the (spec, stored run) pairs, ordered as stored. */
    record Group(String label, RunSpec first, List<Map.Entry<RunSpec, StoredRun>> runs, Map<Status, Integer> left) {
        Group(String label, RunSpec first, List<Map.Entry<RunSpec, StoredRun>> runs) {
            this(label, first, runs, Map.of());
        }

        /** "1 DIVERGED, 2 FAILED": the members left out, empty when none. */
        String excluded() {
            StringBuilder sb = new StringBuilder();
            new java.util.TreeMap<>(left).forEach((st, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(st));
            return sb.toString();
        }
    }

    /**
     * Stored runs grouped into curves (same hierarchy up to its seeds, network, training, learner, test size), in the
     * order of their first run, runs of an older results semantics apart from the current ones. Unparsable runs
     * count in {@code skipped[0]}; FAILED and DIVERGED runs too, and in their group's {@link Group#excluded}.
     */
    static List<Group> groups(List<StoredRun> runs, int[] skipped) {
        Map<String, List<Map.Entry<RunSpec, StoredRun>>> groups = new LinkedHashMap<>();
        Map<String, Map<Status, Integer>> excluded = new java.util.HashMap<>();
        for (StoredRun r : runs) {
            RunSpec s;
            try {
                s = r.spec();
            } catch (RuntimeException e) {
                skipped[0]++;
                continue;
            }
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("semantics", r.semantics());
            key.put("hierarchy", s.hierarchy().withSeeds(0, 0));
            key.put("architecture", s.architecture());
            key.put("training", s.training());
            key.put("learner", s.learnerOrSgd());
            key.put("testSize", s.testSize());
            String groupKey = SpecJson.write(key);
            if (r.status() == Status.FAILED || r.status() == Status.DIVERGED || Double.isNaN(r.testError())) {
                skipped[0]++;
                excluded.computeIfAbsent(groupKey, k -> new java.util.TreeMap<>()).merge(r.status(), 1, Integer::sum);
                continue;
            }
            groups.computeIfAbsent(groupKey, k -> new ArrayList<>()).add(Map.entry(s, r));
        }
        // labels: the network (and learner); the training is added where two curves of a task would share a label
        Map<String, Integer> labelCount = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        for (var g : groups.values()) {
            RunSpec s = g.get(0).getKey();
            String label = s.architecture().label() + (s.learner() == null ? "" : " · " + s.learner().label())
                    + (g.get(0).getValue().isCurrent() ? "" : " (semantics " + g.get(0).getValue().semantics() + ")");
            labels.add(label);
            labelCount.merge(taskKey(s.hierarchy()) + "|" + label, 1, Integer::sum);
        }
        List<Group> out = new ArrayList<>();
        int i = 0;
        for (var entry : groups.entrySet()) {
            var g = entry.getValue();
            RunSpec first = g.stream().min((a, b) -> Long.compare(a.getKey().modelSeed(), b.getKey().modelSeed())).orElseThrow().getKey();
            String label = labels.get(i++);
            if (labelCount.get(taskKey(first.hierarchy()) + "|" + label) > 1) {
                label += " · lr " + first.training().learningRate() + ", " + first.training().maxEpochs() + " ep";
            }
            out.add(new Group(label, first, g, excluded.getOrDefault(entry.getKey(), Map.of())));
        }
        return out;
    }

    /** The groups' runs as curves. */
    static List<CurveData> curves(List<Group> groups) {
        List<CurveData> out = new ArrayList<>();
        for (Group g : groups) {
            List<CurvePoint> pts = new ArrayList<>();
            for (var e : g.runs()) {
                pts.add(new CurvePoint(e.getKey().trainSize(), (int) e.getKey().modelSeed(), e.getValue().testError(), e.getValue().history()));
            }
            int capped = (int) g.runs().stream().filter(e -> e.getValue().status() == Status.MAX_EPOCHS).count();
            out.add(new CurveData(g.label(), g.first().hierarchy(), g.first().architecture(), pts,
                    io.rhmlab.engine.curve.SampleComplexity.DEFAULT_THRESHOLD,
                    CurveData.note(g.excluded(), capped, g.runs().size() + g.left().values().stream().mapToInt(Integer::intValue).sum())));
        }
        return out;
    }

    /** The sensitivities stored with a curve's runs (S_{k,ℓ}, D_{k,ℓ}), or null when none were measured. */
    static SensitivityCurve sensitivities(Group g) {
        List<SensitivityPoint> pts = new ArrayList<>();
        Map<Long, List<Double>> errors = new java.util.TreeMap<>();
        for (var e : g.runs()) {
            Map<io.rhmlab.dsl.experiment.Observable, double[][]> m = RunMeasurements.of(e.getValue());
            int before = pts.size();
            pts.addAll(SensitivityCurve.points(e.getKey().trainSize(), (int) e.getKey().modelSeed(), m));
            if (pts.size() > before) errors.computeIfAbsent(e.getKey().trainSize(), k -> new ArrayList<>()).add(e.getValue().testError());
        }
        if (pts.isEmpty()) return null;
        java.util.TreeMap<Long, Double> median = new java.util.TreeMap<>();
        errors.forEach((p, xs) -> median.put(p, CurveData.medianOf(xs)));
        return new SensitivityCurve(g.label(), g.first().hierarchy(), g.first().architecture(), pts, median);
    }

    private static String taskKey(Hierarchy h) {
        return SpecJson.write(h.withSeeds(0, 0));
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
