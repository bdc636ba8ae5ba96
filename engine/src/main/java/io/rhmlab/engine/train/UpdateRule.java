package io.rhmlab.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.rhmlab.dsl.train.Optimizer;
import io.rhmlab.dsl.train.Training;

import java.util.ArrayList;
import java.util.List;

/**
 * SGD with momentum (PyTorch's form: buf ← μ·buf + g, p ← p − η·buf) and Adam, written as in-place updates of
 * ensemble tensors with a per-member learning rate and a per-member mask. A frozen member's rate is 0, so its
 * weights stay bit-identical (p − 0·buf = p) although its momentum buffer would otherwise keep moving it; a
 * diverged member is {@link #clear cleared} so that no NaN or ∞ is ever multiplied by that 0. Masking by rate
 * costs nothing per step, where an element-wise {@code where} over every tensor did.
 *
 * <p>Tensors that require no gradient (frozen layers, {@code EnsembleNet#freeze}) are skipped: no state, no
 * decay, no update, so they stay bit-identical.
 *
 * <p>Weight decay enters as the gradient of λ·mean(p²) per member and tensor: 2λ·p / (elements per member).
 */
final class UpdateRule implements AutoCloseable {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final Training training;
    private final List<NDArray> params;
    private final NDManager state;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private final long[] adamSteps;
    /** Tensors that require a gradient; the others (frozen layers) are neither updated nor given state. */
    private final boolean[] trainable;

    UpdateRule(Training training, List<NDArray> params, NDManager parent) {
        this.training = training;
        this.params = params;
        this.state = parent.newSubManager();
        int k = Math.toIntExact(params.get(0).getShape().get(0));
        this.adamSteps = new long[k];
        boolean momentum = training.optimizer() == Optimizer.SGD && training.momentum() > 0;
        boolean adam = training.optimizer() == Optimizer.ADAM;
        this.trainable = new boolean[params.size()];
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            trainable[i] = p.hasGradient();
            // a frozen tensor gets a 1-element placeholder so that indices stay aligned
            Shape s = trainable[i] ? p.getShape() : new Shape(p.getShape().get(0));
            if (momentum || adam) first.add(state.zeros(s, p.getDataType()));
            if (adam) second.add(state.zeros(s, p.getDataType()));
        }
    }

    /**
     * One step. {@code lr[k]} is member k's rate (ignored when frozen); {@code active[k]} false freezes it.
     * Temporaries go to {@code step}, which the caller closes. Must run outside gradient recording.
     */
    void apply(NDManager step, float[] lr, boolean[] active) {
        int k = lr.length;
        float[] rate = new float[k];
        for (int m = 0; m < k; m++) rate[m] = active[m] ? lr[m] : 0f;
        if (training.optimizer() == Optimizer.ADAM) {
            for (int m = 0; m < k; m++) {
                if (!active[m]) continue;
                adamSteps[m]++;
                // bias corrections folded into the rate; the √(1−β2^t) moves the second moment's correction
                rate[m] = (float) (lr[m] * Math.sqrt(1 - Math.pow(BETA2, adamSteps[m])) / (1 - Math.pow(BETA1, adamSteps[m])));
            }
        }
        NDArray rateK = step.create(rate);
        java.util.Map<Shape, NDArray> rates = new java.util.HashMap<>();
        for (int i = 0; i < params.size(); i++) {
            if (!trainable[i]) continue;
            NDArray p = params.get(i);
            Shape shape = p.getShape();
            Shape perMember = broadcastShape(shape);
            NDArray g = p.getGradient();
            g.attach(step);
            if (training.weightDecay() > 0) {
                double perMemberCount = shape.size() / (double) shape.get(0);
                NDArray decay = p.mul(2 * training.weightDecay() / perMemberCount);
                decay.attach(step);
                g = g.add(decay);
            }
            NDArray direction;
            switch (training.optimizer()) {
                case SGD -> {
                    if (training.momentum() > 0) {
                        NDArray buf = first.get(i);
                        buf.muli(training.momentum()).addi(g);
                        direction = buf;
                    } else {
                        direction = g;
                    }
                }
                case ADAM -> {
                    NDArray m1 = first.get(i);
                    NDArray m2 = second.get(i);
                    m1.muli(BETA1).addi(g.mul(1 - BETA1));
                    m2.muli(BETA2).addi(g.square().mul(1 - BETA2));
                    direction = m1.div(m2.sqrt().add(EPS));
                    direction.attach(step);
                }
                default -> throw new IllegalStateException("optimizer " + training.optimizer());
            }
            NDArray delta = direction.mul(rates.computeIfAbsent(perMember, rateK::reshape));
            delta.attach(step);
            p.subi(delta);
            // gradients accumulate in PyTorch: clear them for the next step
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    /**
     * Zeroes member k's optimiser state once it stopped. A stopped member takes no rows, so its gradient is 0
     * and a kept momentum buffer would decay geometrically into subnormal floats, which x86 handles ~100×
     * slower: the whole ensemble's step slowed from milliseconds to a tenth of a second.
     */
    void clearState(int k) {
        // set(index, value) makes a scalar array on the tensor's manager: the scope closes it
        try (NDScope scope = new NDScope()) {
            NDIndex slice = new NDIndex("{}", k);
            for (NDArray s : first) s.set(slice, 0);
            for (NDArray s : second) s.set(slice, 0);
        }
    }

    /**
     * Zeroes member k's parameters and state once it diverged: its step is already scaled by a zero rate, and
     * zero weights keep its forward pass, gradients and buffers finite, so that 0·NaN never reaches the tensors
     * it shares with the other members. (Diverged weights carry no information worth keeping.)
     */
    void clear(int k) {
        try (NDScope scope = new NDScope()) {
            NDIndex slice = new NDIndex("{}", k);
            for (NDArray p : params) p.set(slice, 0);
        }
        clearState(k);
    }

    /** [K, 1, 1, …] for a tensor of shape [K, …]: per-member scalars broadcast over the member's slice. */
    private static Shape broadcastShape(Shape shape) {
        long[] dims = new long[shape.dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = shape.get(0);
        return new Shape(dims);
    }

    @Override
    public void close() {
        state.close();
    }
}
