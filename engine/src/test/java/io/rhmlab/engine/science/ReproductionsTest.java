package io.rhmlab.engine.science;

import io.rhmlab.engine.store.RunStore;
import io.rhmlab.engine.train.TrainerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast reproductions, on their reduced grids (the full set is not part of CI). */
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
                        "rhm-cnn-m", "rhm-cnn-nc", "rhm-cnn-depth", "rhm-fcn-pmax", "srhm-s0", "srhm-invariance");
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
}
