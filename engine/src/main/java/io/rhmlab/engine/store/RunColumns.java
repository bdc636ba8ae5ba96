package io.rhmlab.engine.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored run as named columns in the papers' notation (v, n_c, m, s, L, s0, arch, H, P, seed, ...), for the CSV
 * export and for filtering. Spec fields without a short name keep their dotted JSON path, so nothing is dropped
 * when the spec grows.
 */
public final class RunColumns {

    /** Dotted spec path → column name, in column order. */
    private static final Map<String, String> SPEC = new LinkedHashMap<>();

    static {
        String[][] names = {
                {"hierarchy.vocabulary", "v"}, {"hierarchy.classes", "n_c"}, {"hierarchy.multiplicity", "m"},
                {"hierarchy.branching", "s"}, {"hierarchy.depth", "L"}, {"hierarchy.sparsity", "s0"},
                {"hierarchy.placement", "placement"}, {"hierarchy.ruleSeed", "seed_rules"},
                {"hierarchy.sampleSeed", "seed_sample"}, {"hierarchy.replacement", "replacement"},
                // what the network predicts (empty: the class; last-token with its context window)
                {"task.kind", "task"}, {"task.context", "context"},
                {"architecture.kind", "arch"}, {"architecture.width", "H"}, {"architecture.depth", "depth"},
                {"architecture.normalization", "normalization"}, {"architecture.readout", "readout"},
                {"architecture.bias", "bias"}, {"architecture.input.style", "encoding"},
                {"architecture.input.blank", "blank"}, {"architecture.heads", "heads"},
                {"training.optimizer", "optimizer"}, {"training.learningRate", "lr"},
                {"training.scaleByWidth", "lr_times_H"}, {"training.momentum", "momentum"},
                {"training.weightDecay", "weight_decay"}, {"training.schedule", "schedule"},
                {"training.batchSize", "batch"}, {"training.lossThreshold", "loss_threshold"},
                {"training.checkEvery", "check_every"}, {"training.maxEpochs", "max_epochs"},
                {"trainSize", "P"}, {"testSize", "P_test"}, {"modelSeed", "seed"}, {"learner.kind", "learner"},
                // the curve the run belongs to (empty for a run declared on its own, and before results semantics 3)
                {"realisation.ruleSeed", "curve_seed_rules"}, {"realisation.sampleSeed", "curve_seed_sample"},
                {"realisation.policy", "seed_policy"}, {"realisation.index", "realisation"}};
        for (String[] n : names) SPEC.put(n[0], n[1]);
    }

    /** The result and provenance columns, after the spec's. */
    public static final List<String> RESULTS = List.of("status", "test_error", "test_error_best", "test_loss", "train_loss",
            "train_error", "epochs", "steps", "wall_seconds", "device", "error", "rhmlab_version", "djl_version",
            "pytorch_version", "created", "measurements", "history", "semantics");

    private RunColumns() {
    }

    /** The spec columns' names in order (runs without a learner leave {@code learner} empty: end-to-end SGD). */
    public static List<String> specNames() {
        return List.copyOf(SPEC.values());
    }

    /** id, key, the spec in the papers' notation, then results and provenance; missing numbers are empty. */
    public static Map<String, String> of(StoredRun r) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("key", r.key());
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", SpecJson.tree(r.specJson()), flat);
        for (Map.Entry<String, String> e : SPEC.entrySet()) out.put(e.getValue(), flat.getOrDefault(e.getKey(), ""));
        for (Map.Entry<String, String> e : flat.entrySet()) if (!SPEC.containsKey(e.getKey())) out.put(e.getKey(), e.getValue());
        out.put("status", r.status().name());
        out.put("test_error", num(r.testError()));
        out.put("test_error_best", num(r.testErrorBest()));
        out.put("test_loss", num(r.toResult().testLoss()));
        out.put("train_loss", num(r.trainLoss()));
        out.put("train_error", num(r.trainError()));
        out.put("epochs", Integer.toString(r.epochs()));
        out.put("steps", Long.toString(r.steps()));
        out.put("wall_seconds", num(r.wallSeconds()));
        out.put("device", r.device() == null ? "" : r.device());
        out.put("error", r.error() == null ? "" : r.error());
        out.put("rhmlab_version", r.versions().rhmlab());
        out.put("djl_version", r.versions().djl());
        out.put("pytorch_version", r.versions().pytorch());
        out.put("created", r.created().toString());
        out.put("measurements", r.measurementsJson());
        out.put("history", r.historyJson());
        out.put("semantics", Integer.toString(r.semantics()));
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "" : Double.toString(x);
    }
}
