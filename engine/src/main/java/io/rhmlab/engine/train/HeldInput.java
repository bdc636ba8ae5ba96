package io.rhmlab.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.IValue;

import java.util.List;

/**
 * An input of a TorchScript method kept as one IValue from call to call, and made again only when the arrays behind
 * it change. An array is the same when it is the same Java object with the same native handle: the handle alone
 * would not do, since DJL's handle points at a small wrapper that is freed when the array closes, and the next
 * array may get the same address. A tensor updated in place keeps both, and the held IValue (which references
 * the tensor itself) sees the update. Not thread-safe: one per step and thread.
 */
final class HeldInput implements AutoCloseable {
    private NDArray[] arrays = new NDArray[0];
    private long[] handles = new long[0];
    private IValue value;
    private boolean list;

    /** The IValue of one tensor. */
    IValue of(NDArray array) {
        long h = handle(array);
        if (value == null || list || arrays[0] != array || handles[0] != h) {
            replace(IValue.from((PtNDArray) array), false, new NDArray[] {array}, new long[] {h});
        }
        return value;
    }

    /** The IValue of a list of tensors (a {@code List[Tensor]} argument). */
    IValue of(List<NDArray> arrays) {
        boolean same = value != null && list && this.arrays.length == arrays.size();
        for (int i = 0; same && i < handles.length; i++) {
            same = this.arrays[i] == arrays.get(i) && handles[i] == handle(arrays.get(i));
        }
        if (!same) {
            long[] now = new long[arrays.size()];
            PtNDArray[] pt = new PtNDArray[arrays.size()];
            for (int i = 0; i < now.length; i++) {
                now[i] = handle(arrays.get(i));
                pt[i] = (PtNDArray) arrays.get(i);
            }
            replace(IValue.listFrom(pt), true, pt, now);
        }
        return value;
    }

    private void replace(IValue next, boolean isList, NDArray[] nextArrays, long[] nextHandles) {
        close();
        value = next;
        list = isList;
        arrays = nextArrays;
        handles = nextHandles;
    }

    private static long handle(NDArray array) {
        return ((PtNDArray) array).getHandle();
    }

    @Override
    public void close() {
        if (value != null) value.close();
        value = null;
        arrays = new NDArray[0];
        handles = new long[0];
    }
}
