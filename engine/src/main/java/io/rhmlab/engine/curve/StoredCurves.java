package io.rhmlab.engine.curve;

import io.rhmlab.engine.store.RunMeasurements;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.LearningCurveSpec;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.experiment.SeedPolicy;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.store.SpecJson;
import io.rhmlab.engine.store.StoredRun;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning curves held by a run store: stored runs grouped by hierarchy (up to its seeds) × network ×
 * training × learner × test size, runs of an older results semantics apart from the current ones, each group a
 * {@link LearningCurveResult} whose realisations are the runs' model seeds. Every run is a member, with its
 * measurements and history, so the curve reads as one just trained would: FAILED and DIVERGED runs are kept and
 * left out of every reading.
 *
 * @param curves     in the order of their first stored run, each labelled by its network (and learner), the
 *                   training added where two curves of one task would otherwise share a label
 * @param unreadable stored runs whose spec no longer parses (left out)
 */
public record StoredCurves(List<LearningCurveResult> curves, int unreadable) {

    public StoredCurves {
        curves = List.copyOf(curves);
    }

    /** The curves of every run in {@code store}. */
    public static StoredCurves of(RunStore store) {
        return of(store.list());
    }

    /** The curves of {@code runs}. */
    public static StoredCurves of(List<StoredRun> runs) {
        Map<String, List<StoredRun>> groups = new LinkedHashMap<>();
        int unreadable = 0;
        for (StoredRun r : runs) {
            RunSpec s;
            try {
                s = r.spec();
            } catch (RuntimeException e) {
                unreadable++;
                continue;
            }
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("semantics", r.semantics());
            key.put("hierarchy", s.hierarchy().withSeeds(0, 0));
            key.put("architecture", s.architecture());
            key.put("training", s.training());
            key.put("learner", s.learnerOrSgd());
            key.put("testSize", s.testSize());
            groups.computeIfAbsent(SpecJson.write(key), k -> new ArrayList<>()).add(r);
        }
        List<LearningCurveResult> curves = new ArrayList<>();
        for (List<StoredRun> g : groups.values()) curves.add(curve(g));
        return new StoredCurves(labelled(curves), unreadable);
    }

    /** Runs in the curves (FAILED and DIVERGED ones included). */
    public int runs() {
        return curves.stream().mapToInt(c -> c.members().size()).sum();
    }

    /** Runs left out of the readings: FAILED or DIVERGED. */
    public int excluded() {
        return (int) curves.stream().flatMap(c -> c.members().stream()).filter(CurveMember::excluded).count();
    }

    /** Distinct tasks (hierarchies up to their seeds). */
    public int tasks() {
        return (int) curves.stream().map(c -> taskKey(c.spec().hierarchy())).distinct().count();
    }

    /** The curves grouped by task (hierarchy up to its seeds), in the order of their first curve. */
    public List<List<LearningCurveResult>> byTask() {
        Map<String, List<LearningCurveResult>> out = new LinkedHashMap<>();
        for (LearningCurveResult c : curves) out.computeIfAbsent(taskKey(c.spec().hierarchy()), k -> new ArrayList<>()).add(c);
        return List.copyOf(out.values());
    }

    private static LearningCurveResult curve(List<StoredRun> runs) {
        List<RunSpec> specs = runs.stream().map(StoredRun::spec).toList();
        RunSpec first = specs.stream().min(Comparator.comparingLong(RunSpec::modelSeed)).orElseThrow();
        List<Long> sizes = specs.stream().map(RunSpec::trainSize).distinct().sorted().toList();
        int seeds = (int) Math.max(1, specs.stream().mapToLong(RunSpec::modelSeed).max().orElse(1));
        LearningCurveSpec spec = new LearningCurveSpec(first.hierarchy(), first.architecture(), first.training(), sizes,
                seeds, first.testSize(), SeedPolicy.NEW_RULES, first.learner(), null);
        List<CurveMember> members = new ArrayList<>();
        for (StoredRun r : runs.stream().sorted(Comparator.comparingLong((StoredRun r) -> r.spec().modelSeed())
                .thenComparingLong(r -> r.spec().trainSize())).toList()) {
            RunSpec s = r.spec();
            members.add(new CurveMember((int) s.modelSeed(), s.trainSize(), r.key(), r.toResult(), true,
                    RunMeasurements.of(r), RunMeasurements.checkpoints(r)));
        }
        String label = first.architecture().label() + (first.learner() == null ? "" : " · " + first.learner().label())
                + (runs.get(0).isCurrent() ? "" : " (semantics " + runs.get(0).semantics() + ")");
        return new LearningCurveResult(spec, members, label);
    }

    /** Labels made distinct within a task by the training (learning rate, epoch cap) where they would clash. */
    private static List<LearningCurveResult> labelled(List<LearningCurveResult> curves) {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (LearningCurveResult c : curves) count.merge(taskKey(c.spec().hierarchy()) + "|" + c.label(), 1, Integer::sum);
        List<LearningCurveResult> out = new ArrayList<>();
        for (LearningCurveResult c : curves) {
            if (count.get(taskKey(c.spec().hierarchy()) + "|" + c.label()) > 1) {
                c = c.withLabel(c.label() + " · lr " + c.spec().training().learningRate() + ", " + c.spec().training().maxEpochs() + " ep");
            }
            out.add(c);
        }
        return out;
    }

    private static String taskKey(Hierarchy h) {
        return SpecJson.write(h.withSeeds(0, 0));
    }
}
