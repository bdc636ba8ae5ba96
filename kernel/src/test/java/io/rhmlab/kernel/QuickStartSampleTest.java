package io.rhmlab.kernel;

import io.rhmlab.dsl.experiment.LearningCurveSpec;
import io.rhmlab.samples.QuickStart;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** samples/java/src/main/java/io/rhmlab/samples/QuickStart.java: its task and its curves are valid, without training them. */
class QuickStartSampleTest {

    @Test
    void theSampleTaskIsTheQuickStartHierarchy() {
        var task = QuickStart.task();
        assertThat(task.summary()).isEqualTo("RHM(v=4, n_c=4, m=4, s=2, L=3) d=8 P_max=65536 n_c·m^L=256");
        assertThat(task.sampleComplexityScale()).isEqualTo(BigInteger.valueOf(256));
    }

    @Test
    void bothCurvesAreValidAndSpanTheScale() {
        var task = QuickStart.task();
        for (var net : QuickStart.networks().values()) {
            LearningCurveSpec spec = QuickStart.curve(task, net).spec();
            assertThat(spec.sizes()).first().isEqualTo(128L);
            assertThat(spec.maxSize()).isEqualTo(1024L);
            assertThat(spec.runs()).hasSize(8);
        }
    }
}
