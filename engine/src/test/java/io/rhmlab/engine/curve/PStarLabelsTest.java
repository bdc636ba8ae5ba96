package io.rhmlab.engine.curve;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The texts of P* that the command line, the figures, the notebooks and the report tables print, from the one
 * reading: the numbers of notebook 05's quick start (P* = 462 over two realisations at 440 and 486).
 */
class PStarLabelsTest {

    private static final DoubleFunction<String> THREE_DIGITS = x -> String.format("%.3g", x);

    private static PStarReading reading(List<Long> recrossings, PStar... perSeed) {
        List<PStar> values = List.of(perSeed);
        List<Integer> seeds = new ArrayList<>();
        for (int i = 0; i < perSeed.length; i++) seeds.add(i + 1);
        PStar median = SampleComplexity.median(values);
        return new PStarReading(PStarCriterion.DEFAULT, median, SampleComplexity.interval(values, 0.95), seeds, values, median,
                recrossings, 0);
    }

    private static PStar at(double p) {
        return new PStar(PStar.Outcome.CROSSED, p, "test");
    }

    private static final PStar NEVER = new PStar(PStar.Outcome.NOT_REACHED, Double.NaN, "> 1024: not reached");

    @Test
    void aCrossedReadingSaysItsValueItsIntervalAndItsRatio() {
        PStarReading r = reading(List.of(), at(440), at(486));
        assertThat(r.label(256, "n_c·m^L")).isEqualTo("P* = 462 = 1.81 n_c·m^L");
        assertThat(r.labelWithInterval(256, "n_c·m^L", THREE_DIGITS))
                .isEqualTo("P* = 462 [440, 486] (min–max over 2 realisations) = 1.81 n_c·m^L");
        assertThat(r.intervalRange(THREE_DIGITS)).isEqualTo("440–486 (min–max over 2 realisations)");
        assertThat(r.intervalKind()).isEqualTo("min–max over realisations");
        assertThat(r.commandLine(256, "n_c·m^L")).isEqualTo("P* = 462.4, min–max over 2 realisations [440.0, 486.0]; "
                + "P*/(n_c·m^L) = 1.81 at final test error 0.1, median of 2 realisations' own P*");
        assertThat(r).hasToString("P* = 462.4 [440.0, 486.0] (min–max over 2 realisations) at final test error 0.1");
        assertThat(r.nonMonotoneNote()).isEmpty();
    }

    @Test
    void aReadingThatIsNotReachedSaysWhy() {
        PStarReading r = reading(List.of(), at(500), NEVER);
        assertThat(r.label(256, "n_c·m^L")).isEqualTo("P* not reached in at least half of 2 realisations");
        assertThat(r.labelWithInterval(256, "n_c·m^L", THREE_DIGITS)).isEqualTo("P* not reached in at least half of 2 realisations");
        assertThat(r.commandLine(256, "n_c·m^L"))
                .isEqualTo("P* not reached in at least half of 2 realisations at final test error 0.1, median of 2 realisations' own P*");
    }

    @Test
    void theIntervalSaysWhatItIsOrThatThereIsNone() {
        PStarReading one = reading(List.of(), at(739));
        assertThat(one.intervalText(THREE_DIGITS)).isEqualTo("(one realisation)");
        assertThat(one.intervalRange(THREE_DIGITS)).isEqualTo("one realisation");
        assertThat(one.intervalKind()).isEmpty();
        assertThat(reading(List.of(), at(700), at(800), at(900), at(1000), at(1300)).intervalKind()).isEqualTo("95 % bootstrap interval");
    }

    @Test
    void aMedianCurveBackAboveTheThresholdIsNoted() {
        assertThat(reading(List.of(800L, 1600L), at(440), at(486)).nonMonotoneNote())
                .isEqualTo("; non-monotone: back above ε at P = 800, 1600 (P* = first crossing)");
    }

    @Test
    void aTableCellIsTheValueAndItsRatioOrTheSideOfTheGrid() {
        assertThat(at(604).cell(256, "n_c·m^L")).isEqualTo("604 (2.36 n_c·m^L)");
        assertThat(at(604).ratioCell(256)).isEqualTo("2.36");
        assertThat(NEVER.cell(256, "n_c·m^L")).isEqualTo("not reached");
        assertThat(NEVER.ratioCell(256)).isEqualTo("not reached");
        assertThat(new PStar(PStar.Outcome.BELOW_AT_SMALLEST, Double.NaN, "< 64").cell(256, "u")).isEqualTo("below the grid");
    }
}
