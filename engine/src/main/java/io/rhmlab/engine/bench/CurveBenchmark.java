package io.rhmlab.engine.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.Placement;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.curve.CurveMember;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainerSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Real learning curves, timed against the machine's matrix-product bound: for each curve the wall time, the
 * useful floating-point work it did (every member's own training steps, forward and backward, and its
 * checkpoint evaluations on its training and test sets), the sgemm rate measured right before and right after it,
 * and the share of the bound reached. Each curve trains from an empty store. Prints a table; not a test.
 *
 * <p>The bound is the stricter of the two readings (the faster sgemm rate): a shared machine's speed drifts, and a
 * rate read once, in a slow moment, made a curve look near the bound. When the two readings differ by more than
 * {@link #DRIFT} the row says so, and its share is not to be quoted.
 *
 * <p>Useful work counts dense products, as the papers' networks define them: a one-hot first layer costs
 * 2·(fan-in)·H per output position even though the engine gathers rows instead; backward is twice the forward
 * pass except for layer 1, whose input needs no gradient. Padding, stopped members and anything else the
 * trainer might compute do not count.
 *
 * <p>Args: curve names to run ({@link #CURVES}; default all); {@code --rounds N} runs them N times, round by round,
 * and adds per curve the median over the rounds whose readings agree; {@code --compare-steps} trains each curve twice in
 * this run, once with every step written with DJL's operators and once with the scripted step (one TorchScript
 * call per step, {@code TrainerSettings#scriptedStep}), and prints both rows and how far their results differ.
 */
public final class CurveBenchmark {

    /** A named curve of the benchmark. */
    public record Curve(String name, String description, LearningCurve curve) {
    }

    /** One curve's measurement. */
    public record Row(String name, double seconds, double usefulFlops, long members, long memberEpochs,
                      double sgemmBefore, double sgemmAfter) {
        /** The bound's rate: the faster of the two readings, so a slow moment never flatters the curve. */
        double sgemmFlopsPerSecond() {
            return Math.max(sgemmBefore, sgemmAfter);
        }

        /** Whether the machine's speed moved between the two readings by more than {@link #DRIFT}. */
        boolean drifted() {
            return Math.min(sgemmBefore, sgemmAfter) < (1 - DRIFT) * sgemmFlopsPerSecond();
        }

        double boundSeconds() {
            return usefulFlops / sgemmFlopsPerSecond();
        }

        double percentOfBound() {
            return 100 * boundSeconds() / seconds;
        }

        Row named(String label) {
            return new Row(label, seconds, usefulFlops, members, memberEpochs, sgemmBefore, sgemmAfter);
        }
    }

    /** How far the two sgemm readings around a curve may differ before its row is marked as drifted. */
    static final double DRIFT = 0.10;

    /** How far two trainings of the same curve ended apart, member by member: epochs, train loss, test error. */
    static String differences(LearningCurveResult a, LearningCurveResult b) {
        int sameEpochs = 0;
        double loss = 0, error = 0;
        for (int i = 0; i < a.members().size(); i++) {
            MemberResult x = a.members().get(i).result(), y = b.members().get(i).result();
            if (x.epochs() == y.epochs()) sameEpochs++;
            loss = Math.max(loss, Math.abs(x.trainLoss() - y.trainLoss()) / Math.max(1e-12, Math.abs(x.trainLoss())));
            error = Math.max(error, Math.abs(x.testError() - y.testError()));
        }
        return String.format(Locale.ROOT, "against the operator step: %d/%d members the same epochs, final train loss within %.2g (relative), "
                + "test error within %.4f", sameEpochs, a.members().size(), loss, error);
    }

    public static final List<String> CURVES = List.of("rhm-lcn", "srhm-lcn", "rhm-cnn", "last-token-mla");

    public static void main(String[] args) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        List<String> given = new ArrayList<>(Arrays.asList(args));
        boolean compare = given.remove("--compare-steps");
        int rounds = 1;
        int at = given.indexOf("--rounds");
        if (at >= 0) {
            if (at + 1 >= given.size()) throw new IllegalArgumentException("--rounds: needs a count");
            rounds = Integer.parseInt(given.get(at + 1));
            if (rounds < 1) throw new IllegalArgumentException("--rounds: must be at least 1, got " + rounds);
            given.subList(at, at + 2).clear();
        }
        List<String> names = given.isEmpty() ? CURVES : given;
        for (String name : names) {   // an unknown name fails before anything trains
            if (!CURVES.contains(name)) throw unknown(name);
        }
        System.out.println("native environment: " + io.rhmlab.engine.train.NativeEnvironment.describe());
        List<Row> rows = new ArrayList<>();
        // round by round through every curve, so that a slow phase of the machine falls on all curves alike
        for (int round = 1; round <= rounds; round++) {
            for (String name : names) {
                LearningCurveResult before = null;
                for (boolean scripted : compare ? new boolean[] {false, true} : new boolean[] {true}) {
                    Path dir = Files.createTempDirectory("rhmlab-bench-curve");
                    Curve c = curve(name, dir.resolve("runs.sqlite"));
                    c.curve().settings(TrainerSettings.defaults().withScriptedStep(scripted));
                    String label = compare ? name + (scripted ? " scripted" : " operators") : name;
                    System.out.printf(Locale.ROOT, "%s%s: %s%n", label, rounds > 1 ? " (round " + round + ")" : "", c.description());
                    LearningCurveResult[] result = new LearningCurveResult[1];
                    Row row = measure(c, result).named(label);
                    rows.add(row);
                    System.out.printf(Locale.ROOT, "  %.1f s, %.2f TFLOP useful, sgemm %.1f GFLOP/s before, %.1f after: %.0f %% of the bound%s%n",
                            row.seconds(), row.usefulFlops() / 1e12, row.sgemmBefore() / 1e9, row.sgemmAfter() / 1e9,
                            row.percentOfBound(), row.drifted() ? " (the machine's speed drifted: run again)" : "");
                    if (before != null) System.out.println("  " + differences(before, result[0]));
                    before = result[0];
                }
            }
        }
        System.out.println();
        System.out.println(table(rows));
        if (rounds > 1) System.out.println(summary(rows));
    }

    /**
     * Per curve over its rounds: the median wall time and share of the bound, and the range of the share, from the
     * rounds whose sgemm readings agree (all rounds, marked, when none does).
     */
    static String summary(List<Row> rows) {
        java.util.Map<String, List<Row>> byCurve = new java.util.LinkedHashMap<>();
        for (Row r : rows) byCurve.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-14s %8s %13s %15s %17s%n", "curve", "rounds", "median wall s",
                "median % bound", "range % bound"));
        for (var e : byCurve.entrySet()) {
            List<Row> quoted = e.getValue().stream().filter(r -> !r.drifted()).toList();
            boolean none = quoted.isEmpty();
            if (none) quoted = e.getValue();
            double[] share = quoted.stream().mapToDouble(Row::percentOfBound).toArray();
            out.append(String.format(Locale.ROOT, "%-14s %8s %13.1f %14.0f%% %17s%s%n", e.getKey(),
                    quoted.size() + "/" + e.getValue().size(),
                    io.rhmlab.engine.curve.Stats.median(quoted.stream().mapToDouble(Row::seconds).toArray()),
                    io.rhmlab.engine.curve.Stats.median(share),
                    String.format(Locale.ROOT, "%.0f–%.0f %%", Arrays.stream(share).min().orElse(Double.NaN),
                            Arrays.stream(share).max().orElse(Double.NaN)),
                    none ? "  every round drifted" : ""));
        }
        return out.toString();
    }

    /** The benchmark's curves, each with a fresh store at {@code store}. */
    public static Curve curve(String name, Path store) {
        return switch (name) {
            case "rhm-lcn" -> new Curve(name, "RHM v=n_c=m=10, s=2, L=2; LCN H=128 (old reference), lr 0.01, batch 40, "
                    + "≤300 epochs; P = 1000..6000 (9 sizes) × 2 seeds; 4000 test",
                    LearningCurve.of(Hierarchy.rhm().vocabulary(10).classes(10).multiplicity(10).branching(2).depth(2).seed(11).build())
                            .model(Architecture.lcn().width(128).referenceOld())
                            .training(Training.sgd(0.01).batch(40).maxEpochs(300))
                            .sizes(new long[] {1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000, 6000}).seeds(2).testSize(4000)
                            .store(store).progress(false));
            case "srhm-lcn" -> new Curve(name, "SRHM-A v=n_c=m=4, s=2, L=2, s0=2 (d=36); LCN H=128 (old reference), "
                    + "lr 0.01, batch 16, ≤100 epochs; P = 864..3456 (5 sizes) × 2 seeds; 4000 test",
                    LearningCurve.of(Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(2)
                                    .sparsity(2).placement(Placement.A).seed(11).build())
                            .model(Architecture.lcn().width(128).referenceOld())
                            .training(Training.sgd(0.01).batch(16).maxEpochs(100))
                            .sizes(new long[] {864, 1296, 1728, 2304, 3456}).seeds(2).testSize(4000)
                            .store(store).progress(false));
            case "rhm-cnn" -> new Curve(name, "RHM v=n_c=m=4, s=2, L=3; CNN H=128, lr 0.1, batch 128, ≤300 epochs; "
                    + "P = 128..4096 (6 sizes) × 3 seeds; 4096 test",
                    LearningCurve.of(Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3).seed(1).build())
                            .model(Architecture.cnn().width(128))
                            .training(Training.sgd(0.1).batch(128).maxEpochs(300))
                            .sizes(new long[] {128, 256, 512, 1024, 2048, 4096}).seeds(3).testSize(4096)
                            .store(store).progress(false));
            case "last-token-mla" -> new Curve(name, "RHM v=n_c=16, m=4, s=2, L=3, last token; the reproduction's transformer "
                    + "(MLA d=32, 4 heads, 3 layers), Adam 1e-3, batch 64, 30 epochs; P = 256..2048 (4 sizes) × 2 seeds; 2048 test",
                    LearningCurve.of(Hierarchy.rhm().vocabulary(16).classes(16).multiplicity(4).branching(2).depth(3).seed(1).build())
                            .model(Architecture.transformer().embedding(32).heads(4))
                            .training(Training.adam(1e-3).batch(64).lossThreshold(1e-6).checkEvery(10).maxEpochs(30))
                            .task(io.rhmlab.dsl.experiment.Task.lastToken()).fixedRules()
                            .sizes(new long[] {256, 512, 1024, 2048}).seeds(2).testSize(2048)
                            .store(store).progress(false));
            default -> throw unknown(name);
        };
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("curve: no benchmark curve named '" + name + "' (one of "
                + String.join(", ", CURVES) + ")");
    }

    /** Measures the sgemm rate, trains the curve (timed), counts its useful work, and measures the rate again. */
    public static Row measure(Curve c) {
        return measure(c, new LearningCurveResult[1]);
    }

    /** As {@link #measure(Curve)}, handing the trained curve back in {@code trained[0]}. */
    static Row measure(Curve c, LearningCurveResult[] trained) {
        double before = sgemmRate();
        long t0 = System.nanoTime();
        LearningCurveResult result = c.curve().run();
        trained[0] = result;
        double seconds = (System.nanoTime() - t0) / 1e9;
        double flops = 0;
        long memberEpochs = 0;
        for (CurveMember m : result.members()) {
            MemberResult r = m.result();
            if (r == null) continue;
            NetLayout layout = NetLayout.of(r.spec().hierarchy(), r.spec().taskOrClassify(), r.spec().architecture());
            double forward = forwardFlops(layout);
            double train = 3 * forward - firstLayerFlops(layout);
            long p = r.spec().trainSize();
            flops += train * r.epochs() * p;
            flops += forward * r.history().size() * (p + r.spec().testSize());
            memberEpochs += r.epochs();
        }
        return new Row(c.name(), seconds, flops, result.members().size(), memberEpochs, before, sgemmRate());
    }

    /** Multiply-adds ×2 of one sample's forward pass, with dense (one-hot) products throughout. */
    public static double forwardFlops(NetLayout layout) {
        if (layout.kind() == io.rhmlab.dsl.net.Kind.TRANSFORMER) return attentionFlops(layout);
        double f = 0;
        for (NetLayout.Layer l : layout.layers()) f += layerFlops(layout, l);
        return f + 2.0 * layout.readoutFanIn() * layout.classes();
    }

    private static double firstLayerFlops(NetLayout layout) {
        if (layout.kind() == io.rhmlab.dsl.net.Kind.TRANSFORMER) {
            return 2.0 * layout.inputLength() * layout.vocabulary() * layout.architecture().width();   // the token embedding
        }
        return layerFlops(layout, layout.layers().get(0));
    }

    /**
     * The transformer's forward pass per sample: the token embedding (T·v·d), per layer the query, key and value maps
     * (3·T·d²), the scores and the mixing (2·T²·d over the heads) and the output map (T·d²), and the readout (d·v),
     * each ×2 (multiply and add).
     */
    private static double attentionFlops(NetLayout layout) {
        double t = layout.inputLength(), v = layout.vocabulary(), d = layout.architecture().width();
        double perLayer = 3 * t * d * d + 2 * t * t * d + t * d * d;
        return 2 * (t * v * d + layout.layers().size() * perLayer + d * layout.classes());
    }

    private static double layerFlops(NetLayout layout, NetLayout.Layer l) {
        double fanIn = layout.treeMatched() ? (double) layout.filter() * l.inChannels() : l.inChannels();
        return 2.0 * l.outPositions() * fanIn * l.outChannels();
    }

    /** FLOP/s of a 1024³ float matrix product on every core, best of a few repetitions. */
    public static double sgemmRate() {
        int n = 1024;
        double best = 0;
        io.rhmlab.engine.train.Offline.ensure();   // a path into the engine: offline and MKL's mode first
        try (NDManager m = NDManager.newBaseManager()) {
            // every core: training in lanes leaves the engine at one intra-op thread
            ai.djl.pytorch.jni.JniUtils.setNumThreads(Runtime.getRuntime().availableProcessors());
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            for (int rep = 0; rep < 12; rep++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 4; i++) {
                    try (NDArray c = a.matMul(b)) {
                        c.getFloat(0, 0);
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, 4 * 2.0 * n * n * n / s);
            }
        }
        return best;
    }

    /** The printed table. */
    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-14s %8s %8s %13s %8s %19s %8s %8s%n", "curve", "members", "epochs",
                "useful TFLOP", "wall s", "sgemm GFLOP/s", "bound s", "% bound"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%-14s %8d %8d %13.2f %8.1f %19s %8.1f %7.0f%%%s%n", r.name(), r.members(),
                    r.memberEpochs(), r.usefulFlops() / 1e12, r.seconds(),
                    String.format(Locale.ROOT, "%.0f → %.0f", r.sgemmBefore() / 1e9, r.sgemmAfter() / 1e9), r.boundSeconds(),
                    r.percentOfBound(), r.drifted() ? "  drifted" : ""));
        }
        return out.toString();
    }

    private CurveBenchmark() {
    }
}
