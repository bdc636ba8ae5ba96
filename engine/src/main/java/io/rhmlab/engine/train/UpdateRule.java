package io.rhmlab.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rhmlab.dsl.train.Optimizer;
import io.rhmlab.dsl.train.Training;

import java.util.ArrayList;
import java.util.List;

/**
 * SGD with momentum (PyTorch's form: buf ← μ·buf + g, p ← p − η·buf) and Adam, written as in-place updates of
 * ensemble tensors with a per-member learning rate. The trainer keeps only members that still train in its
 * tensors ({@link #retain}), so every member updated here is active: no mask, and a shared rate is a scalar.
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
    private final NDManager state;
    private List<NDArray> first = new ArrayList<>();
    private List<NDArray> second = new ArrayList<>();
    private long[] adamSteps;
    /** Tensors that require a gradient; the others (frozen layers) are neither updated nor given state. */
    private final boolean[] trainable;
    /**
     * SGD with momentum at constant rates: each member's rate η_m is folded into its gradient (the trainer seeds
     * the backward pass with η_m, {@link #foldsRate()}, so the gradient arrives as η_m·g) and the buffer holds
     * η_m·buf (buf ← μ·buf + η_m·g, p ← p − buf): the same steps as PyTorch's form when η never changes, up to
     * float rounding, in three in-place passes over each tensor instead of the dozen of a general update. The
     * {@link TrainingPlan} chooses it.
     */
    private final boolean fused;

    UpdateRule(Training training, List<NDArray> params, NDManager parent) {
        this(training, params, parent, false);
    }

    /** @param folded the plan's decision ({@link TrainingPlan#folded()}): the rates are folded into the gradients */
    UpdateRule(Training training, List<NDArray> params, NDManager parent, boolean folded) {
        if (folded && !TrainingPlan.foldsRate(training)) {
            throw new IllegalArgumentException("the folded update is SGD with momentum at constant rates, not " + training);
        }
        this.training = training;
        this.fused = folded;
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
     * One step of the members in {@code params} (each [K', …], the trainer's current tensors); {@code lr[j]} is
     * the rate of the member at position j. Temporaries go to {@code step}, which the caller closes. Must run
     * outside gradient recording. The gradients are read, not cleared: the caller drops them before the next
     * backward pass ({@code EnsembleNet#dropGradients}), so that they are written fresh instead of accumulated.
     */
    void apply(NDManager step, List<NDArray> params, float[] lr) {
        int k = lr.length;
        float[] rate = lr.clone();
        if (training.optimizer() == Optimizer.ADAM) {
            for (int m = 0; m < k; m++) {
                adamSteps[m]++;
                // bias corrections folded into the rate; the √(1−β2^t) moves the second moment's correction
                rate[m] = (float) (lr[m] * Math.sqrt(1 - Math.pow(BETA2, adamSteps[m])) / (1 - Math.pow(BETA1, adamSteps[m])));
            }
        }
        if (fused) {
            applyFused(step, params, lr);
            return;
        }
        boolean shared = true;
        for (int m = 1; m < k; m++) shared &= Float.floatToRawIntBits(rate[m]) == Float.floatToRawIntBits(rate[0]);
        // one rate for all (the usual case): a scalar, no per-member tensor to build and broadcast
        NDArray rateK = shared ? null : step.create(rate);
        java.util.Map<Shape, NDArray> rates = new java.util.HashMap<>();
        for (int i = 0; i < params.size(); i++) {
            if (!trainable[i]) continue;
            NDArray p = params.get(i);
            Shape shape = p.getShape();
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
            NDArray delta = shared ? direction.mul(rate[0]) : direction.mul(rates.computeIfAbsent(broadcastShape(shape), rateK::reshape));
            delta.attach(step);
            p.subi(delta);
        }
    }

    /** The fused path: the gradients arrive as η_m·g ({@link #foldsRate()}). */
    private void applyFused(NDManager step, List<NDArray> params, float[] rate) {
        boolean shared = true;
        for (float r : rate) shared &= Float.floatToRawIntBits(r) == Float.floatToRawIntBits(rate[0]);
        for (int i = 0; i < params.size(); i++) {
            if (!trainable[i]) continue;
            NDArray p = params.get(i);
            NDArray g = p.getGradient();
            g.attach(step);
            if (training.weightDecay() > 0) {
                Shape shape = p.getShape();
                double perMember = shape.size() / (double) shape.get(0);
                NDArray decay;
                if (shared) {
                    decay = p.mul(rate[0] * 2 * training.weightDecay() / perMember);
                } else {
                    // each member's factor rounded to a float once, as the shared scalar is
                    float[] f = new float[rate.length];
                    for (int m = 0; m < f.length; m++) f[m] = (float) (rate[m] * 2 * training.weightDecay() / perMember);
                    decay = p.mul(step.create(f).reshape(broadcastShape(shape)));
                }
                decay.attach(step);
                g.addi(decay);
            }
            first.get(i).muli(training.momentum()).addi(g);
            p.subi(first.get(i));
        }
    }

    /**
     * Whether the rate is folded into the gradient (the fused path): the trainer then seeds the backward pass with
     * the members' shared rate η instead of 1, so that the gradient arrives as η·g.
     */
    boolean foldsRate() {
        return fused;
    }

    /** The momentum buffers, one per parameter tensor (a 1-element placeholder for a frozen one). */
    List<NDArray> momentum() {
        return first;
    }

    /** Keeps the optimiser state of the members at {@code positions} only, as {@code EnsembleNet#retain}. */
    void retain(int[] positions) {
        try (NDArray index = state.create(longs(positions))) {
            first = gather(first, index);
            second = gather(second, index);
        }
        long[] steps = new long[positions.length];
        for (int j = 0; j < positions.length; j++) steps[j] = adamSteps[positions[j]];
        adamSteps = steps;
    }

    private static List<NDArray> gather(List<NDArray> tensors, NDArray index) {
        List<NDArray> out = new ArrayList<>(tensors.size());
        for (NDArray t : tensors) {
            out.add(t.get(new NDIndex("{}", index)));
            t.close();
        }
        return out;
    }

    private static long[] longs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
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
