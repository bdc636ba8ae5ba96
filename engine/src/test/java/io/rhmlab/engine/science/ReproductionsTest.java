package io.rhmlab.engine.science;

import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.curve.ErrorMetric;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast reproductions, on their reduced grids (the full set is not part of CI). */
@Tag("slow")
class ReproductionsTest {

    @TempDir
    Path dir;

    private ReproductionContext ctx(RunStore s) {
        return new ReproductionContext(s, TrainerSettings.defaults(), null, false, true);
    }

    @Test
    void catalogueHasTheNamedReproductions() {
        assertThat(Reproductions.all()).extracting(Reproduction::name)
                .containsExactly("rhm-cnn-collapse", "rhm-sensitivity", "srhm-lcn-cnn", "correlations", "learners",
                        "rhm-cnn-m", "rhm-cnn-nc", "rhm-cnn-depth", "rhm-fcn-pmax", "srhm-s0", "srhm-invariance",
                        "last-token-steps");
        assertThatThrownBy(() -> Reproductions.byName("nope")).hasMessageContaining("correlations");
    }

    /** docs/science.md §10.8 / §2.E.4: signal = noise at P_c ≈ n_c·m^L; the exact signal ≈ v/(n_c²·m^(L−1)). */
    @Test
    void correlationSignalAndNoiseCrossNearNcMtoL() {
        try (RunStore s = RunStore.open(dir.resolve("r.sqlite"))) {
            ReproductionReport r = Reproductions.run("correlations", ctx(s));
            assertThat(r.rows()).isNotEmpty();
            assertThat(r.allAgree()).as(r.toString()).isTrue();
        }
    }

    /** The learners on a tiny instance (v = n_c = m = 8, L = 2): stored, and a second run trains nothing. */
    @Test
    void learnersOnATinyInstanceAndTheReRunIsServedFromTheStore() {
        try (RunStore s = RunStore.open(dir.resolve("r.sqlite"))) {
            ReproductionReport r = Reproductions.run("learners", ctx(s));
            assertThat(r.rows()).extracting(ReproductionReport.Row::quantity)
                    .anyMatch(q -> q.startsWith("clustering")).anyMatch(q -> q.startsWith("layerwise"));
            assertThat(r.rows().get(0).measured()).as(r.toString()).isNotEmpty();
            ReproductionReport again = Reproductions.run("learners", ctx(s));
            assertThat(again.rows()).isEqualTo(r.rows());
            assertThat(again.seconds()).isLessThan(r.seconds());
        }
    }

    /**
     * The cheapest law sweep (an FCN at L = 2, two values of m) on its reduced grid: the exponent of m is fitted over
     * 2 realisations, and every member followed the stopping rule.
     */
    @Test
    void fcnSweepFitsAnExponentOnItsQuickGrid() {
        try (RunStore s = RunStore.open(dir.resolve("r.sqlite"))) {
            ReproductionReport r = Reproductions.run("rhm-fcn-pmax", ctx(s));
            ReproductionReport.Row fit = r.rows().stream().filter(x -> x.quantity().startsWith("exponent of m")).findFirst().orElseThrow();
            assertThat(fit.measured()).as(r.toString()).contains("min–max over 2 realisations");
            assertThat(r.rows().stream().filter(x -> x.quantity().contains("trained to loss")).findFirst().orElseThrow().measured())
                    .as(r.toString()).startsWith("0 of ");
            // its curves come with it, read at the sweep's own 30 %, so a figure of them shows the P* of its rows
            assertThat(r.curves()).hasSize(2).allSatisfy(c -> assertThat(c.criterion().threshold()).isEqualTo(0.3));
            assertThat(r.curves()).extracting(c -> c.label()).containsExactly("FCN m=4", "FCN m=8");
        }
    }

    /**
     * The last-token steps on their quick grid (v = 8, m = 2, L = 3): the exact plateaus come first and decrease, every
     * step has a reading, the window curve is read at its own plateau, and the curves come with the report.
     */
    @Test
    void lastTokenStepsOnTheQuickGrid() {
        try (RunStore s = RunStore.open(dir.resolve("r.sqlite"))) {
            ReproductionReport r = Reproductions.run("last-token-steps", ctx(s));
            List<ReproductionReport.Row> plateaus = r.rows().stream().filter(x -> x.quantity().startsWith("H_")).toList();
            assertThat(plateaus).hasSize(4);
            double[] h = plateaus.stream().mapToDouble(x -> Double.parseDouble(x.measured())).toArray();
            assertThat(h[0]).as(r.toString()).isGreaterThan(h[1]);
            assertThat(h[1]).isGreaterThan(h[2]);
            assertThat(h[2]).isGreaterThan(h[3]);
            assertThat(r.rows()).filteredOn(x -> x.quantity().startsWith("step ")).hasSize(3);
            assertThat(r.rows()).filteredOn(x -> x.quantity().startsWith("context 2 ") || x.quantity().startsWith("context 4 ")).hasSize(2);
            assertThat(r.rows()).filteredOn(x -> x.quantity().startsWith("CNN step ")).hasSize(2);
            assertThat(r.curves()).hasSize(4).allSatisfy(c -> assertThat(c.criterion().metric()).isEqualTo(ErrorMetric.BEST_LOSS));
            assertThat(r.curves().get(0).members()).allSatisfy(m -> assertThat(m.result().testLossBest()).isFinite());
        }
    }
}
