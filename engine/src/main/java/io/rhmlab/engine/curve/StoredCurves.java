package io.rhmlab.engine.curve;

import io.rhmlab.engine.store.RunMeasurements;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
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
 * The learning curves held by a run store. A curve's identity is exactly what made its runs: the task with the
 * curve's base seeds and its seed policy (a run's {@link io.rhmlab.dsl.experiment.Realisation}), the network, the
 * training, the learner and the test size, under one results semantics. Runs of curves that differ in any of these —
 * rule seed 1 and rule seed 2, new and fixed rules — are never merged into one curve; a curve has one run per
 * (realisation, P), and {@link LearningCurveResult} refuses a second. Pooling curves of several grammars is the
 * explicit {@link #pooled} operation, which says what it pooled.
 *
 * <p>Every run is a member, with its measurements and history, so the curve reads as one just trained would: FAILED and
 * DIVERGED runs are kept and left out of every reading. A run declared on its own ({@code rhmlab train}, no
 * realisation) belongs to the curve of its hierarchy with the seeds it has. Runs of results semantics &lt; 3 carry no
 * realisation; they used the sliding window (realisation i had the base seeds + i − 1), so their base seeds are read
 * back under that rule and new rules (a fixed-rules curve of that era shows as one curve per realisation), and they are
 * labelled with their semantics.
 *
 * @param curves     in the order of their first stored run, each labelled by its network (and learner), with what
 *                   tells it apart (seed policy, training, test size) where two curves of one task would share a label
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
        Map<String, Identity> identities = new LinkedHashMap<>();
        int unreadable = 0;
        for (StoredRun r : runs) {
            RunSpec s;
            try {
                s = r.spec();
            } catch (RuntimeException e) {
                unreadable++;
                continue;
            }
            Identity id = Identity.of(s, r.semantics());
            String key = id.key(s);
            identities.putIfAbsent(key, id);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<LearningCurveResult> curves = new ArrayList<>();
        for (Map.Entry<String, List<StoredRun>> g : groups.entrySet()) curves.add(curve(identities.get(g.getKey()), g.getValue()));
        return new StoredCurves(labelled(curves), unreadable);
    }

    /**
     * One curve from curves of the same task up to its seeds, network, training, learner and test size (typically one
     * per rule seed): realisation j of curve c becomes realisation (offset of c) + j, so no run collides, and the label
     * says how many curves of which base seeds it pools. Fails, naming the difference, on curves that differ otherwise.
     */
    public static LearningCurveResult pooled(List<LearningCurveResult> curves) {
        InvalidSpecException.require(curves != null && !curves.isEmpty(), "curves", "nothing to pool");
        LearningCurveSpec first = curves.get(0).spec();
        List<CurveMember> members = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        int offset = 0;
        java.util.TreeSet<Long> sizes = new java.util.TreeSet<>();
        for (LearningCurveResult c : curves) {
            LearningCurveSpec s = c.spec();
            InvalidSpecException.require(s.hierarchy().withSeeds(0, 0).equals(first.hierarchy().withSeeds(0, 0))
                            && s.architecture().equals(first.architecture()) && s.training().equals(first.training())
                            && java.util.Objects.equals(s.learner(), first.learner()) && s.testSize() == first.testSize()
                            && java.util.Objects.equals(s.task(), first.task()),
                    "curves", "only curves that differ in their seeds pool: " + c.label() + " differs from " + curves.get(0).label()
                            + " in its task, network, training, learner or test size");
            int top = 0;
            for (CurveMember m : c.members()) {
                members.add(new CurveMember(offset + m.seed(), m.trainSize(), m.key(), m.result(), m.reused(), m.measurements(), m.checkpoints()));
                top = Math.max(top, m.seed());
                sizes.add(m.trainSize());
            }
            offset += top;
            bases.add("rules " + s.hierarchy().ruleSeed() + "/sample " + s.hierarchy().sampleSeed()
                    + (s.seedPolicy() == SeedPolicy.FIXED_RULES ? " fixed" : ""));
        }
        LearningCurveSpec spec = new LearningCurveSpec(first.hierarchy(), first.architecture(), first.training(), List.copyOf(sizes),
                Math.max(1, offset), first.testSize(), first.seedPolicy(), first.learner(), null, first.task());
        return new LearningCurveResult(spec, members, curves.get(0).label() + " · pooled over " + curves.size()
                + " curves (base seeds " + String.join("; ", bases) + ")");
    }

    /** Runs in the curves (FAILED and DIVERGED ones included). */
    public int runs() {
        return curves.stream().mapToInt(c -> c.members().size()).sum();
    }

    /** Runs left out of the readings: FAILED or DIVERGED. */
    public int excluded() {
        return (int) curves.stream().flatMap(c -> c.members().stream()).filter(CurveMember::excluded).count();
    }

    /** Distinct tasks (hierarchies with their curves' base seeds). */
    public int tasks() {
        return (int) curves.stream().map(c -> taskKey(c.spec().hierarchy())).distinct().count();
    }

    /** The curves grouped by task (hierarchy with the curves' base seeds), in the order of their first curve. */
    public List<List<LearningCurveResult>> byTask() {
        Map<String, List<LearningCurveResult>> out = new LinkedHashMap<>();
        for (LearningCurveResult c : curves) out.computeIfAbsent(taskKey(c.spec().hierarchy()), k -> new ArrayList<>()).add(c);
        return List.copyOf(out.values());
    }

    /**
     * What makes a stored run's curve: the task with the curve's base seeds, the seed policy (null for runs declared
     * on their own) and the results semantics.
     */
    private record Identity(Hierarchy task, SeedPolicy policy, int semantics) {

        static Identity of(RunSpec s, int semantics) {
            if (s.realisation() != null) return new Identity(s.curveHierarchy(), s.realisation().policy(), semantics);
            if (semantics >= 3) return new Identity(s.hierarchy(), null, semantics);
            long shift = s.modelSeed() - 1;   // the sliding window of semantics 1 and 2
            Hierarchy h = s.hierarchy();
            return new Identity(h.withSeeds(h.ruleSeed() - shift, h.sampleSeed() - shift), SeedPolicy.NEW_RULES, semantics);
        }

        String key(RunSpec s) {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("semantics", semantics);
            key.put("hierarchy", task);
            key.put("policy", policy == null ? "single runs" : policy.name());
            key.put("architecture", s.architecture());
            key.put("training", s.training());
            key.put("learner", s.learnerOrSgd());
            key.put("task", s.taskOrClassify());
            key.put("testSize", s.testSize());
            return SpecJson.write(key);
        }
    }

    private static LearningCurveResult curve(Identity id, List<StoredRun> runs) {
        List<RunSpec> specs = runs.stream().map(StoredRun::spec).toList();
        RunSpec first = specs.stream().min(Comparator.comparingLong(RunSpec::modelSeed)).orElseThrow();
        List<Long> sizes = specs.stream().map(RunSpec::trainSize).distinct().sorted().toList();
        int seeds = (int) Math.max(1, specs.stream().mapToLong(RunSpec::modelSeed).max().orElse(1));
        LearningCurveSpec spec = new LearningCurveSpec(id.task(), first.architecture(), first.training(), sizes,
                seeds, first.testSize(), id.policy() == null ? SeedPolicy.NEW_RULES : id.policy(), first.learner(), null, first.task());
        List<CurveMember> members = new ArrayList<>();
        for (StoredRun r : runs.stream().sorted(Comparator.comparingLong((StoredRun r) -> r.spec().modelSeed())
                .thenComparingLong(r -> r.spec().trainSize())).toList()) {
            RunSpec s = r.spec();
            members.add(new CurveMember((int) s.modelSeed(), s.trainSize(), r.key(), r.toResult(), true,
                    RunMeasurements.of(r), RunMeasurements.checkpoints(r)));
        }
        String label = first.architecture().label() + (first.learner() == null ? "" : " · " + first.learner().label())
                + (first.task() == null ? "" : " · " + first.task().label(first.hierarchy()))
                + (runs.get(0).isCurrent() ? "" : " (semantics " + runs.get(0).semantics() + ")");
        return new LearningCurveResult(spec, members, label);
    }

    /**
     * Labels made distinct within a task where they would clash, by what tells the curves apart: the seed policy, then
     * the training (learning rate, epoch cap), then the test size.
     */
    private static List<LearningCurveResult> labelled(List<LearningCurveResult> curves) {
        Map<String, List<LearningCurveResult>> clash = new LinkedHashMap<>();
        for (LearningCurveResult c : curves) clash.computeIfAbsent(taskKey(c.spec().hierarchy()) + "|" + c.label(), k -> new ArrayList<>()).add(c);
        List<LearningCurveResult> out = new ArrayList<>();
        for (LearningCurveResult c : curves) {
            List<LearningCurveResult> same = clash.get(taskKey(c.spec().hierarchy()) + "|" + c.label());
            if (same.size() > 1) {
                List<String> parts = new ArrayList<>();
                LearningCurveSpec s = c.spec();
                if (same.stream().anyMatch(o -> o.spec().seedPolicy() != s.seedPolicy()))
                    parts.add(s.seedPolicy() == SeedPolicy.FIXED_RULES ? "fixed rules" : "new rules");
                if (same.stream().anyMatch(o -> !o.spec().training().equals(s.training())))
                    parts.add("lr " + s.training().learningRate() + ", " + s.training().maxEpochs() + " ep");
                if (same.stream().anyMatch(o -> o.spec().testSize() != s.testSize())) parts.add("test " + s.testSize());
                if (!parts.isEmpty()) c = c.withLabel(c.label() + " · " + String.join(", ", parts));
            }
            out.add(c);
        }
        return out;
    }

    private static String taskKey(Hierarchy h) {
        return SpecJson.write(h);
    }
}
