package io.rhmlab.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.NoGrad;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The fused SGD update takes the same steps as the written-out one, up to float rounding. */
class UpdateRuleTest {

    @Test
    void theFoldedUpdateIsRefusedWhereItDoesNotApply() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.zeros(new Shape(2, 3));
            p.setRequiresGradient(true);
            assertThat(new UpdateRule(Training.sgd(0.1).momentum(0.9).build(), List.of(p), m, true).foldsRate()).isTrue();
            assertThat(new UpdateRule(Training.sgd(0.1).momentum(0.9).build(), List.of(p), m, false).foldsRate()).isFalse();
            assertThatThrownBy(() -> new UpdateRule(Training.adam(0.01).build(), List.of(p), m, true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SGD with momentum");
        }
    }

    @Test
    void fusedAndWrittenOutMomentumStepsAgree() {
        Training t = Training.sgd(0.01).momentum(0.9).weightDecay(1e-3).build();
        float[] fused = descend(t, true);
        float[] plain = descend(t, false);
        float[] start = initial();
        for (int i = 0; i < plain.length; i++) {
            assertThat(fused[i]).isCloseTo(plain[i], within(1e-5f * (1 + Math.abs(plain[i]))));
            assertThat(plain[i]).isNotCloseTo(start[i], within(1e-4f)); // it really moved
        }
    }

    /** 20 steps on Σ(p − 1)⁴/4 (a gradient that changes with p) for K = 3 members. */
    private static float[] descend(Training t, boolean fused) {
        try (NoGrad off = NoGrad.on(); NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(initial(), new Shape(3, 4));
            p.setRequiresGradient(true);
            try (UpdateRule rule = new UpdateRule(t, List.of(p), m, fused)) {
                float rate = (float) t.learningRate();
                for (int step = 0; step < 20; step++) {
                    try (NDManager sm = m.newSubManager()) {
                        JniUtils.setGradMode(true);
                        NDArray loss;
                        try {
                            NDArray d = p.sub(1f);
                            loss = d.mul(d).mul(d).mul(d).sum().mul(0.25f);
                            loss.attach(sm);
                            // the fused rule takes η·g: the rate seeds the backward pass
                            NDArray seed = sm.full(loss.getShape(), rule.foldsRate() ? rate : 1f);
                            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
                        } finally {
                            JniUtils.setGradMode(false);
                        }
                        rule.apply(sm, List.of(p), new float[] {rate, rate, rate});
                        JniUtils.zeroGrad((PtNDArray) p); // the rule reads gradients, never clears them
                    }
                }
            }
            return p.toFloatArray();
        }
    }

    private static float[] initial() {
        float[] x = new float[12];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i + 1) * 2;
        return x;
    }
}
