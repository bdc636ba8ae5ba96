package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.experiment.Observable;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.LearningCurveSpec;
import io.rhmlab.dsl.experiment.Measures;
import io.rhmlab.engine.curve.CurveMember;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.curve.ErrorMetric;
import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.curve.ObservableComplexity;
import io.rhmlab.engine.curve.SampleComplexity;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.engine.curve.Scales;
import io.rhmlab.engine.curve.PStar;
import io.rhmlab.engine.curve.PStarCriterion;
import io.rhmlab.engine.curve.PStarReading;
import io.rhmlab.engine.curve.SampleComplexitySearch;
import io.rhmlab.engine.curve.SampleComplexitySearchResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.concurrent.Callable;

/**
 * {@code rhmlab curve}: test error against P over several realisations, through the run store (finished runs
 * are reused, so an interrupted curve resumes), with the sample complexity P* read off the curve.
 */
@Command(name = "curve", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = "Measure a learning curve (stored, resumable): test error vs P and the sample complexity P*.")
final class CurveCommand implements Callable<Integer> {

    @Mixin FamilyParameter family;
    @Mixin HierarchyOptions task;
    @Mixin NetworkOptions network;
    @Mixin TaskOptions predict;

    @Option(names = "--save-weights", paramLabel = "DIR",
            description = "Keep the initial and final weights of every run trained (not reused) under DIR, for rhmlab measure DIR.")
    java.nio.file.Path saveWeights;
    @Mixin TrainingOptions trainingOptions;
    @Mixin MachineOptions machine;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    SizesOptions sizes;

    @Option(names = "--find-pstar", description = "Search for P* instead of sweeping a grid: bracket the crossing of the median test error in log P from the theory scale, then narrow it to --tolerance (stored runs are reused).")
    boolean findPStar;

    @Option(names = "--tolerance", paramLabel = "TOL", description = "With --find-pstar: stop when the bracket [lo, hi] around P* has hi/lo − 1 ≤ TOL, in (0, 1) (default: " + SampleComplexitySearch.DEFAULT_TOLERANCE + ").")
    Double tolerance;

    @Option(names = "--pilot-seeds", paramLabel = "N", description = "With --find-pstar: seeds trained at a P tried before the crossing is bracketed (default: " + SampleComplexitySearch.DEFAULT_PILOT_SEEDS + "; 0 = every seed). The bracket's ends and the points inside it always get every seed.")
    Integer pilotSeeds;

    @Option(names = "--seeds", paramLabel = "K", description = "Realisations per P, each with new rules (default: ${DEFAULT-VALUE}).")
    int seeds = 1;

    @Option(names = "--fixed-rules", description = "Keep the task's rules for every realisation (seeds vary data and init).")
    boolean fixedRules;

    @Option(names = "--test", paramLabel = "N", description = "Test-set size (default: min(P_max − max P, " + LearningCurveSpec.DEFAULT_TEST_SIZE
            + "); " + LearningCurveSpec.DEFAULT_TEST_SIZE + " with --replacement).")
    Integer testSize;

    @Option(names = "--ensemble", paramLabel = "K", description = "Most members trained as one batch (default: ${DEFAULT-VALUE}).")
    int ensemble = LearningCurve.DEFAULT_ENSEMBLE;

    @Option(names = "--threshold", paramLabel = "EPS", description = "Test error that defines P* (default: ${DEFAULT-VALUE}).")
    double threshold = SampleComplexity.DEFAULT_THRESHOLD;

    @Option(names = "--measure", paramLabel = "LIST", description = "Observables measured on every trained net and stored with its run: synonym (S_{k,l}), diffeo (D_{k,l}, Sparse RHM), noise (G_k, Gaussian noise on the input), comma-separated.")
    String measure;

    @Option(names = "--measure-every", paramLabel = "N", description = "Also measure them every N epochs during training (SGD; default ${DEFAULT-VALUE}: only at the end).")
    int measureEvery;

    @Option(names = "--measure-base", paramLabel = "test|train", description = "Base inputs of the sensitivities: held-out (default) or training points (the old reference).")
    Measures.Base measureBase = Measures.Base.TEST;

    @Option(names = "--measure-n", paramLabel = "N", description = "Number of base inputs (default: ${DEFAULT-VALUE}).")
    int measureN = Measures.DEFAULT_BASE_SIZE;

    @Option(names = "--learner", paramLabel = "sgd|layerwise|clustering[:local]", description = "How each run learns (default: ${DEFAULT-VALUE}, end-to-end); clustering:local reads every patch.")
    String learner = "sgd";

    @Option(names = "--s-threshold", paramLabel = "S", description = "S_{2,1} level of its P* (default: ${DEFAULT-VALUE}).")
    double sThreshold = LearningCurveResult.SYNONYM_THRESHOLD;

    @Option(names = "--d-threshold", paramLabel = "D", description = "D_{2,1} level of its P* (default: ${DEFAULT-VALUE}).")
    double dThreshold = LearningCurveResult.DIFFEO_THRESHOLD;

    @Mixin StoreOption store;

    @Option(names = "--json", description = "Print the curve as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        InvalidSpecException.require(!findPStar || sizes == null, "find-pstar",
                "--find-pstar chooses the sizes itself: drop --sizes / --sizes-around");
        InvalidSpecException.require(findPStar || sizes != null, "sizes",
                "give --sizes or --sizes-around (or --find-pstar to search for P*)");
        InvalidSpecException.require(findPStar || tolerance == null, "tolerance", "needs --find-pstar");
        InvalidSpecException.require(findPStar || pilotSeeds == null, "pilot-seeds", "needs --find-pstar");
        SampleComplexitySearch search = null;
        if (findPStar) {
            search = SampleComplexitySearch.defaults().withThreshold(threshold);
            if (tolerance != null) search = search.withTolerance(tolerance);
            if (pilotSeeds != null) search = search.withPilotSeeds(pilotSeeds);
        }
        Hierarchy h = family.hierarchy(task);
        LearningCurve curve = LearningCurve.of(h).model(network.architecture()).training(trainingOptions.training())
                .seeds(seeds).ensemble(ensemble).settings(machine.settings()).store(store.file);
        if (fixedRules) curve.fixedRules();
        if (testSize != null) curve.testSize(testSize);
        curve.learner(Learner.parse(learner));
        curve.task(predict.task());
        if (saveWeights != null) curve.saveWeights(saveWeights);
        if (measure != null) {
            curve.measure(Measures.parse(measure).withBase(measureBase).withBaseSize(measureN).atEpochs(measureEvery));
        } else {
            InvalidSpecException.require(measureEvery == 0, "measure-every", "needs --measure: what to measure during training");
        }
        InvalidSpecException.require(threshold > 0 && threshold < 1, "threshold",
                "ε = " + threshold + " must be a test error in (0, 1)");
        InvalidSpecException.require(sThreshold > 0 && sThreshold < 1, "s-threshold", "S = " + sThreshold + " must be in (0, 1)");
        InvalidSpecException.require(dThreshold > 0 && dThreshold < 1, "d-threshold", "D = " + dThreshold + " must be in (0, 1)");
        if (measure != null) {
            Measures m = Measures.parse(measure);
            InvalidSpecException.require(h.isSparse() || !m.contains(Observable.DEFORMATIONS), "measure",
                    "diffeo (D_{k,l}) re-draws the placements of a Sparse RHM; " + h.name()
                            + " is dense (s0 = 0): use synonym or noise, or srhm with --s0 ≥ 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        LearningCurveResult result;
        SampleComplexitySearchResult found = null;
        if (search != null) {
            found = curve.findSampleComplexity(search);   // validates everything before the first run trains
            result = found.curve();
        } else {
            curve.sizes(sizes.sizes(h));
            curve.spec();   // every constraint checked before the first run trains
            result = curve.run();
        }
        // one criterion for the text, the JSON and the figures: the curve carries it
        result = result.withCriterion(PStarCriterion.at(threshold));
        PStarReading pStar = result.sampleComplexity();
        if (json) {
            ObjectNode root = toJson(result, pStar);
            if (found != null) root.set("search", PStarSearchOutput.json(found));
            addMeasurements(root, result, sThreshold, dThreshold);
            out.println(Json.write(root));
        } else {
            print(out, result, pStar);
            if (found != null) PStarSearchOutput.print(out, found);
            printMeasurements(out, result, sThreshold, dThreshold);
        }
        // the figures of this curve, as printed, beside the store (JSON mode keeps stdout machine-readable)
        Path figures = ReportCommand.figuresBeside(store.file);
        java.util.List<Path> w = ReportCommand.writeCurve(result, figures);
        (json ? new PrintWriter(System.err, true) : out).println("figures of this curve: " + w.size() + " files in " + figures
                + " (rhmlab report draws every curve of the store)");
        return 0;
    }

    private static void print(PrintWriter out, LearningCurveResult r, PStarReading pStar) {
        Hierarchy h = r.spec().hierarchy();
        boolean lastToken = r.spec().task() != null;
        out.println(h.summary() + (lastToken ? " · " + r.spec().task().label(h) : "") + " · " + r.spec().architecture().label()
                + " · " + r.seeds() + " seeds · test "
                + r.spec().testSize() + " · " + r.trained() + " trained, " + r.reused() + " reused"
                + (r.exclusionSummary().isEmpty() ? "" : ", " + r.exclusionSummary() + " (left out of medians and P*)"));
        // the last-token papers read the test cross-entropy: it gets a column of its own, before the seeds' errors
        int fixed = lastToken ? 4 : 3;
        String[] header = new String[fixed + r.seeds()];
        header[0] = "P";
        header[1] = "P/(n_c·m^L)";
        header[2] = "median test error";
        if (lastToken) header[3] = "median test loss (nats)";
        for (int s = 1; s <= r.seeds(); s++) header[fixed - 1 + s] = "seed " + s;
        Table t = new Table(header);
        SortedMap<Long, Double> median = r.medianTestError(r.criterion().metric());
        SortedMap<Long, Double> loss = lastToken ? r.medianTestError(ErrorMetric.LOSS) : null;
        java.util.Set<Long> partial = r.incompleteSizes();
        for (long p : r.sizes()) {
            Object[] row = new Object[header.length];
            row[0] = p;
            row[1] = Ratio.of(p, h);
            row[2] = Table.rate(median.get(p)) + (partial.contains(p) ? " (fewer seeds)" : "");
            if (lastToken) row[3] = loss.get(p) == null ? "—" : String.format("%.4f", loss.get(p));
            for (CurveMember m : r.members()) {
                if (m.trainSize() == p) row[fixed - 1 + m.seed()] = m.excluded() ? m.status().name() : Table.rate(m.testError());
            }
            t.row(row);
        }
        t.print(out);
        for (CurveMember m : r.members()) {
            if (m.excluded()) out.println("  " + m.status() + " P=" + m.trainSize() + " seed " + m.seed() + " (" + m.id() + "): " + m.result().error());
        }
        out.println(pStarLine(pStar, h, r.spec().architecture()));
    }

    private static void printMeasurements(PrintWriter out, LearningCurveResult r, double sT, double dT) {
        for (Observable name : r.measured()) {
            String sym = name.symbol();
            SortedMap<Long, double[][]> tables = r.medianTable(name);
            if (tables.isEmpty()) continue;
            double[][] any = tables.values().iterator().next();
            int layers = any.length, levels = any[0].length;
            String[] header = new String[1 + layers * levels];
            header[0] = "P";
            int c = 1;
            for (int k = 1; k <= layers; k++)
                for (int l = 1; l <= levels; l++) {
                    String layer = k == layers ? "out" : String.valueOf(k);
                    header[c++] = sym + "_{" + layer + (name.levelled() ? "," + l : "") + "}";
                }
            Table t = new Table(header);
            for (var e : tables.entrySet()) {
                Object[] row = new Object[header.length];
                row[0] = e.getKey();
                c = 1;
                for (int k = 0; k < layers; k++) for (int l = 0; l < levels; l++) row[c++] = String.format("%.3f", e.getValue()[k][l]);
                t.row(row);
            }
            out.println();
            out.println(!name.levelled()
                    ? "median G_k over seeds (k = hidden layer, out = output; Gaussian noise on the input):"
                    : "median " + sym + "_{k,l} over seeds (k = hidden layer, out = output; l = level):");
            t.print(out);
            // the papers give no threshold for G: no P* for it
            if (name.levelled()) out.println(r.observableComplexity(name, 2, 1, name == Observable.SYNONYMS ? sT : dT));
        }
        printDuringTraining(out, r);
    }

    /** Per run measured during training: epoch ↦ the headline values (S_{2,1}, D_{2,1}, G_2). */
    private static void printDuringTraining(PrintWriter out, LearningCurveResult r) {
        if (r.members().stream().allMatch(m -> m.checkpoints().isEmpty())) return;
        java.util.List<Observable> names = r.measured().stream().toList();
        String[] header = new String[3 + names.size()];
        header[0] = "P";
        header[1] = "seed";
        header[2] = "epoch";
        for (int i = 0; i < names.size(); i++) {
            header[3 + i] = names.get(i).levelled() ? names.get(i).at(2, 1) : names.get(i).symbol() + "_2";
        }
        Table t = new Table(header);
        for (CurveMember m : r.members()) {
            for (var c : m.checkpoints()) {
                Object[] row = new Object[header.length];
                row[0] = m.trainSize();
                row[1] = m.seed();
                row[2] = c.epoch();
                for (int i = 0; i < names.size(); i++) row[3 + i] = String.format("%.3f", c.value(names.get(i), 2, 1));
                t.row(row);
            }
        }
        out.println();
        out.println("during training (every " + r.spec().measuresOrNone().everyEpochs() + " epochs):");
        t.print(out);
    }

    private static void addMeasurements(ObjectNode root, LearningCurveResult r, double sT, double dT) {
        Hierarchy h = r.spec().hierarchy();
        Scales sc = r.scales();
        ObjectNode scales = root.putObject("scales");
        scales.put("ncMtoL", sc.sampleComplexity());
        scales.put("pMax", sc.maxSamples());
        scales.put("lcn", sc.lcn());
        scales.put("cnn", sc.cnn());
        root.put("learner", r.spec().learnerOrSgd().label());
        ObjectNode sens = root.putObject("sensitivities");
        for (Observable name : r.measured()) {
            ObjectNode o = sens.putObject(name.storeName());
            ObjectNode perP = o.putObject("medianByP");
            for (var e : r.medianTable(name).entrySet()) perP.set(String.valueOf(e.getKey()), Json.mapper().valueToTree(e.getValue()));
            if (!name.levelled()) continue;   // no reference threshold for G, hence no P*
            ObservableComplexity oc = r.observableComplexity(name, 2, 1, name == Observable.SYNONYMS ? sT : dT);
            ObjectNode p = o.putObject("pStar");
            p.put("layer", 2).put("level", 1).put("threshold", oc.threshold());
            putPStar(p, oc.median(), oc.interval(), h);
        }
    }

    /**
     * The reading's command-line text ({@link PStarReading#commandLine}) in units of the network's theory scale, the
     * one the curve's figures divide by ({@link Scales#theoryScale}): n_c·m^L on the dense RHM, the table's unit.
     */
    static String pStarLine(PStarReading e, Hierarchy h, Architecture a) {
        return e.commandLine(Scales.theoryScale(h, a).doubleValue(), Scales.theoryScaleName(h, a));
    }

    private static ObjectNode toJson(LearningCurveResult r, PStarReading e) {
        Hierarchy h = r.spec().hierarchy();
        ObjectNode root = Json.mapper().createObjectNode();
        root.set("spec", Json.mapper().valueToTree(r.spec()));
        root.put("sampleComplexityScale", h.sampleComplexityScale());
        ArrayNode points = root.putArray("points");
        SortedMap<Long, Double> median = r.medianTestError();
        for (long p : r.sizes()) {
            ObjectNode point = points.addObject();
            point.put("P", p);
            point.put("ratio", Ratio.value(p, h));
            finite(point, "medianTestError", median.get(p));
            ArrayNode members = point.putArray("members");
            for (CurveMember m : r.members()) {
                if (m.trainSize() != p) continue;
                ObjectNode member = members.addObject().put("seed", m.seed()).put("id", m.id())
                        .put("status", m.status().name()).put("epochs", m.epochs()).put("reused", m.reused());
                finite(member, "testError", m.testError());
                finite(member, "testErrorBest", m.testErrorBest());
                if (m.excluded()) member.put("excluded", true).put("error", m.result().error());
                if (!m.checkpoints().isEmpty()) {
                    // the series measured during training: per entry the epoch and the full tables
                    ArrayNode series = member.putArray("duringTraining");
                    for (var c : m.checkpoints()) {
                        ObjectNode entry = series.addObject().put("epoch", c.epoch());
                        c.tables().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey(java.util.Comparator.comparing(Observable::storeName)))
                                .forEach(t -> entry.set(t.getKey().storeName(), Json.mapper().valueToTree(t.getValue())));
                    }
                }
            }
        }
        root.put("diverged", r.divergences().size());
        root.put("failed", r.failures().size());
        ObjectNode pStar = root.putObject("pStar");
        pStar.put("threshold", e.threshold());
        pStar.put("metric", e.metric().name().toLowerCase());
        pStar.put("definition", "median over realisations of each realisation's own crossing");
        putPStar(pStar, e.median(), e.interval(), h);
        ArrayNode perSeed = pStar.putArray("perSeed");
        for (int i = 0; i < e.seeds().size(); i++) {
            ObjectNode one = perSeed.addObject().put("seed", e.seeds().get(i)).put("outcome", e.perSeed().get(i).outcome().name());
            finite(one, "samples", e.perSeed().get(i).samples());
        }
        ObjectNode secondary = pStar.putObject("ofMedianCurve");
        secondary.put("outcome", e.ofMedianCurve().outcome().name());
        finite(secondary, "samples", e.ofMedianCurve().samples());
        return root;
    }

    /** A number, or null where there is none (NaN, or an interval open towards ∞). */
    /** A median P* with its interval, in samples and in units of n_c·m^L: the test error's and a sensitivity's alike. */
    private static void putPStar(ObjectNode node, PStar median, SampleComplexity.Interval interval, Hierarchy h) {
        node.put("outcome", median.outcome().name());
        finite(node, "samples", median.samples());
        finite(node, "ratio", median.samples() / h.sampleComplexityScale().doubleValue());
        finite(node, "lower", interval.lower());
        finite(node, "upper", interval.upper());
        node.put("interval", interval.kind() == SampleComplexity.Interval.Kind.RANGE ? "min-max" : "bootstrap");
        node.put("reason", median.reason());
    }

    private static void finite(ObjectNode node, String field, double x) {
        if (Double.isFinite(x)) node.put(field, x);
        else node.putNull(field);
    }
}
