package io.rhmlab.engine.train;

import ai.djl.Device;
import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.Placement;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.engine.net.NetLayout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows per evaluation pass: as asked, or (automatic) sized so that a pass's widest representation stays in cache. */
class EvaluatorPassTest {

    private static final NetLayout SRHM_LCN = NetLayout.of(Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(4)
            .branching(2).depth(2).sparsity(2).placement(Placement.A).seed(1).build(), Architecture.lcn().width(128).build());

    @Test
    void automaticPassesKeepTheWidestRepresentationWithinFourMebibytesOnACpu() {
        // layer 1 of this LCN: 6 positions × 128 channels = 768 floats per row
        assertThat(Evaluator.rowsPerPass(SRHM_LCN, TrainerSettings.AUTOMATIC_EVAL_BATCH, Device.cpu()))
                .isEqualTo((4 << 20) / (4 * 768));
        // a tiny net is capped at the GPU's pass; a huge one still gets a useful pass
        NetLayout tiny = NetLayout.of(TrainerFixtures.RHM, Architecture.cnn().width(2).build());
        assertThat(Evaluator.rowsPerPass(tiny, 0, Device.cpu())).isEqualTo(16384);
        NetLayout huge = NetLayout.of(TrainerFixtures.RHM, Architecture.fcn().width(1 << 16).hiddenLayers(1).build());
        assertThat(Evaluator.rowsPerPass(huge, 0, Device.cpu())).isEqualTo(256);
    }

    @Test
    void aGivenBatchOrAGpuGetsWhatIsAsked() {
        assertThat(Evaluator.rowsPerPass(SRHM_LCN, 512, Device.cpu())).isEqualTo(512);
        assertThat(Evaluator.rowsPerPass(SRHM_LCN, 0, Device.gpu())).isEqualTo(16384);
    }
}
