package io.rhmlab.engine.train;

import ai.djl.Device;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.NetLayout;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The plan decides once, from each member's own spec, the network and the device. */
class TrainingPlanTest {

    private static final Architecture CNN = Architecture.cnn().width(8).build();
    private static final NetLayout LAYOUT = NetLayout.of(TrainerFixtures.RHM, CNN);

    private static RunSpec member(Training t, long seed) {
        return new RunSpec(TrainerFixtures.RHM, CNN, t, 64, 32, seed);
    }

    private static TrainingPlan plan(Device device, boolean everyTensorTrains, boolean allowed, Training... trainings) {
        List<RunSpec> members = new java.util.ArrayList<>();
        for (int i = 0; i < trainings.length; i++) members.add(member(trainings[i], i + 1));
        return TrainingPlan.of(members, LAYOUT, device, everyTensorTrains, allowed);
    }

    @Test
    void theFoldedUpdateIsSgdWithMomentumAtConstantRates() {
        assertThat(TrainingPlan.foldsRate(Training.sgd(0.1).momentum(0.9).build())).isTrue();
        assertThat(TrainingPlan.foldsRate(Training.sgd(0.1).momentum(0).build())).isFalse();
        assertThat(TrainingPlan.foldsRate(Training.sgd(0.1).momentum(0.9).cosine().build())).isFalse();
        assertThat(TrainingPlan.foldsRate(Training.adam(0.01).build())).isFalse();
    }

    @Test
    void membersAtOtherRatesTakeTheStepTheyTakeAlone() {
        Training a = Training.sgd(0.1).momentum(0.9).build(), b = Training.sgd(0.3).momentum(0.9).build();
        TrainingPlan alone = plan(Device.cpu(), true, true, a), grid = plan(Device.cpu(), true, true, a, b);
        assertThat(alone.folded()).isTrue();
        assertThat(alone.scripted()).isTrue();
        assertThat(grid.folded()).isEqualTo(alone.folded());
        assertThat(grid.scripted()).isEqualTo(alone.scripted());
    }

    @Test
    void theScriptedStepNeedsTheCpuTrainableTensorsAndTheSettingsConsent() {
        Training a = Training.sgd(0.1).momentum(0.9).build();
        assertThat(plan(Device.gpu(), true, true, a).scripted()).isFalse();
        assertThat(plan(Device.cpu(), false, true, a).scripted()).isFalse();
        assertThat(plan(Device.cpu(), true, false, a).scripted()).isFalse();
        assertThat(plan(Device.cpu(), true, true, Training.adam(0.01).build()).scripted()).isFalse();
    }

    @Test
    void ratesScaleWithTheWidthAndFollowTheSchedule() {
        TrainingPlan constant = plan(Device.cpu(), true, true, Training.sgd(0.1).momentum(0.9).build(),
                Training.sgd(0.2).momentum(0.9).build());
        // the mean-field scaling multiplies the base rate by H = 8
        assertThat(constant.rate(0, 0)).isCloseTo(0.8, within(1e-12));
        assertThat(constant.rate(1, 50)).isCloseTo(1.6, within(1e-12));
        TrainingPlan cosine = plan(Device.cpu(), true, true, Training.sgd(0.1).momentum(0.9).cosine().maxEpochs(100).build());
        assertThat(cosine.rate(0, 0)).isCloseTo(0.8, within(1e-12));
        assertThat(cosine.rate(0, 40)).isCloseTo(0.4, within(1e-12));   // half way to T_max = 80
        assertThat(cosine.rate(0, 90)).isCloseTo(0.0, within(1e-12));   // held at 0 after T_max
    }
}
