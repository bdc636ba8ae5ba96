package io.rhmlab.engine.bench;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.curve.CurveMember;
import io.rhmlab.engine.curve.ErrorMetric;
import io.rhmlab.engine.curve.LearningCurve;
import io.rhmlab.engine.curve.LearningCurveResult;
import io.rhmlab.engine.curve.PStar;
import io.rhmlab.engine.curve.SampleComplexitySearch;
import io.rhmlab.engine.curve.SampleComplexitySearchResult;
import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.train.TrainerSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The P* search against a 9-point grid on three CPU-sized settings (RHM CNN, RHM LCN, SRHM-A CNN), each from
 * empty stores: the grid's P* and the search's, whether they agree within the grid's resolution (its spacing
 * ratio), and what each trained (members, member-epochs, wall time). Prints a table; not a test.
 * Args: [tolerances, comma-separated (default 0.15): one search each, against the same grid] [threads (default 2)]
 * [settings, comma-separated names (default all)].
 */
public final class PStarBenchmark {

    /** One comparison: the task, the network and training, the grid, the test size and the error read. */
    public record Setting(String name, Hierarchy task, Architecture architecture, Training training, long[] grid,
                          int testSize, ErrorMetric metric) {
    }

    /** The comparison's numbers. */
    public record Comparison(Setting setting, PStar gridPStar, double gridResolution, long gridMembers, long gridEpochs,
                             double gridSeconds, SampleComplexitySearchResult search, LearningCurveResult grid) {
        /** |ln(P*_search / P*_grid)| ≤ ln(grid spacing): the same P* within the grid's resolution. */
        public boolean agrees() {
            PStar found = search.pStar().median();
            if (gridPStar.outcome() != found.outcome()) return false;
            if (gridPStar.value().isEmpty()) return true;
            return Math.abs(Math.log(found.samples() / gridPStar.samples())) <= Math.log(gridResolution) + 1e-12;
        }

        public double epochRatio() {
            return search.memberEpochs() == 0 ? Double.POSITIVE_INFINITY : (double) gridEpochs / search.memberEpochs();
        }
    }

    public static final int SEEDS = 2;

    private PStarBenchmark() {
    }

    /** The three settings. */
    public static List<Setting> settings() {
        Hierarchy rhm43 = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3).seed(1).build();
        Hierarchy rhm62 = Hierarchy.rhm().vocabulary(6).classes(6).multiplicity(6).branching(2).depth(2).seed(1).build();
        Hierarchy srhm = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(2).sparsity(1).seed(1).build();
        return List.of(
                new Setting("rhm-cnn", rhm43, Architecture.cnn().width(128).build(),
                        Training.sgd(0.1).momentum(0.9).batch(128).lossThreshold(1e-3).maxEpochs(1000).build(),
                        rhm43.sizesAround(0.25, 16, 9), 2000, ErrorMetric.FINAL),
                // P_max = 1296: the grid stops at 4 n_c·m^L to leave 432 test points
                new Setting("rhm-lcn", rhm62, Architecture.lcn().width(64).build(),
                        Training.sgd(0.1).momentum(0.9).batch(32).lossThreshold(1e-3).maxEpochs(1000).build(),
                        rhm62.sizesAround(0.5, 4, 9), 400, ErrorMetric.FINAL),
                // the srhm-lcn-cnn reproduction's CNN arm; members do not converge at the cap: best test error
                new Setting("srhm-cnn", srhm, Architecture.cnn().width(128).referenceOld().build(),
                        Training.sgd(0.1).momentum(0.9).batch(16).lossThreshold(1e-3).checkEvery(10).maxEpochs(100).build(),
                        srhm.sizesAround(2, 32, 9), 2000, ErrorMetric.BEST));
    }

    public static Comparison compare(Setting s, double tolerance, TrainerSettings machine, Path dir) {
        return compare(s, List.of(tolerance), machine, dir).get(0);
    }

    /** The grid once, then one search per tolerance, each from its own empty store. */
    public static List<Comparison> compare(Setting s, List<Double> tolerances, TrainerSettings machine, Path dir) {
        LearningCurveResult grid;
        long t0 = System.nanoTime();
        try (RunStore store = RunStore.open(dir.resolve(s.name() + "-grid.sqlite"))) {
            grid = curve(s, machine, store).sizes(s.grid()).run();
        }
        double gridSeconds = (System.nanoTime() - t0) / 1e9;
        long epochs = grid.members().stream().filter(m -> !m.reused()).mapToLong(CurveMember::epochs).sum();
        double resolution = Math.pow((double) s.grid()[s.grid().length - 1] / s.grid()[0], 1.0 / (s.grid().length - 1));
        PStar gridPStar = grid.sampleComplexity(0.10, s.metric()).median();
        List<Comparison> out = new ArrayList<>();
        for (double tolerance : tolerances) {
            SampleComplexitySearchResult search;
            try (RunStore store = RunStore.open(dir.resolve(s.name() + "-search-" + tolerance + ".sqlite"))) {
                search = curve(s, machine, store).findSampleComplexity(SampleComplexitySearch.defaults()
                        .withTolerance(tolerance).withMetric(s.metric()));
            }
            out.add(new Comparison(s, gridPStar, resolution, grid.trained(), epochs, gridSeconds, search, grid));
        }
        return out;
    }

    private static LearningCurve curve(Setting s, TrainerSettings machine, RunStore store) {
        return LearningCurve.of(s.task()).model(s.architecture()).training(s.training()).seeds(SEEDS)
                .testSize(s.testSize()).settings(machine).store(store).progress(false);
    }

    public static void print(List<Comparison> rows, PrintStream out) {
        out.printf("%-9s %9s %10s %7s %9s %7s | %5s %9s %-13s %7s %9s %7s %6s | %6s %s%n", "setting", "grid P*", "resolution",
                "members", "mem-ep", "wall s", "tol", "search P*", "bracket", "members", "mem-ep", "wall s", "rounds", "fewer", "agree");
        for (Comparison c : rows) {
            SampleComplexitySearchResult r = c.search();
            out.printf("%-9s %9s %9.2fx %7d %9d %7.0f | %5.2f %9s %-13s %7d %9d %7.0f %6d | %5.1fx %s%n", c.setting().name(),
                    fmt(c.gridPStar()), c.gridResolution(), c.gridMembers(), c.gridEpochs(), c.gridSeconds(),
                    r.search().tolerance(), fmt(r.pStar().median()), "[" + r.lower() + ", " + r.upper() + "]", r.trained(),
                    r.memberEpochs(), r.wallSeconds(), r.rounds().size(), c.epochRatio(), c.agrees() ? "yes" : "NO");
        }
        for (Comparison c : rows) {
            out.println(c.setting().name() + " (tolerance " + c.search().search().tolerance() + "): " + c.setting().task().summary() + " · " + c.setting().architecture().label()
                    + " · " + c.setting().metric().name().toLowerCase() + " error · grid " + java.util.Arrays.toString(c.setting().grid()));
            out.println("  search: " + c.search().toString().replace("\n", "\n  search: "));
            StringBuilder path = new StringBuilder();
            for (SampleComplexitySearchResult.Round round : c.search().rounds()) path.append(" ").append(round.sizes());
            out.println("  rounds:" + path + " · median ε " + c.search().curve().medianTestError(c.setting().metric()));
            out.println("  epochs per seed: grid " + epochsBySize(c.grid()) + " · search " + epochsBySize(c.search().curve()));
        }
    }

    /** P ↦ the epochs each seed's member trained there, e.g. {@code 64: 150/150}: where the member-epochs went. */
    static String epochsBySize(LearningCurveResult curve) {
        java.util.TreeMap<Long, List<String>> by = new java.util.TreeMap<>();
        for (CurveMember m : curve.members()) {
            by.computeIfAbsent(m.trainSize(), p -> new ArrayList<>()).add(m.reused() ? "(" + m.epochs() + ")" : Long.toString(m.epochs()));
        }
        StringBuilder out = new StringBuilder();
        by.forEach((p, e) -> out.append(out.length() == 0 ? "" : ", ").append(p).append(": ").append(String.join("/", e)));
        return out.toString();
    }

    private static String fmt(PStar p) {
        return p.value().isPresent() ? String.format("%.0f", p.samples()) : p.outcome().name().toLowerCase();
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        List<Double> tolerances = args.length > 0 ? java.util.Arrays.stream(args[0].split(",")).map(Double::parseDouble).toList()
                : List.of(SampleComplexitySearch.DEFAULT_TOLERANCE);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<String> only = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        TrainerSettings machine = TrainerSettings.defaults().withThreads(threads);
        Path dir = Files.createTempDirectory("rhmlab-pstar-bench");
        List<Comparison> rows = new ArrayList<>();
        for (Setting s : settings()) {
            if (!only.isEmpty() && !only.contains(s.name())) continue;
            System.err.println("pstar bench: " + s.name() + " (grid, then search; tolerance " + tolerances + ")");
            rows.addAll(compare(s, tolerances, machine, dir));
        }
        print(rows, System.out);
    }
}
