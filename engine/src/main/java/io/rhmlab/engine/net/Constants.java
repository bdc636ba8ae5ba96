package io.rhmlab.engine.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Products with a constant inside a pass that autograd records.
 *
 * <p>DJL's {@code mul(Number)} wraps the constant in a tensor that borrows the memory of a Java direct buffer
 * ({@code from_blob}) and closes it right after the product. Autograd keeps that tensor for the backward pass
 * (∂(c·x)/∂x = c), and by then the JVM may have collected the buffer and freed its memory: a garbage collection
 * between forward and backward turned the gradients upstream of the product into zeros or garbage, at random from
 * run to run (seen on the transformer, docs/choices.md "Determinism"). A constant made by the native engine
 * ({@code full}) is libtorch's own memory, which the graph's reference keeps alive. The product is the same
 * kernel on the same float value, so the bits are those of {@code mul(Number)} whenever it was not corrupted.
 */
public final class Constants {
    private Constants() {
    }

    /** {@code a}·c, with c a native float32 scalar that belongs to {@code owner} (a step's manager). */
    public static NDArray times(NDArray a, double c, NDManager owner) {
        NDArray constant = owner.full(new Shape(), (float) c);
        return a.mul(constant);
    }
}
