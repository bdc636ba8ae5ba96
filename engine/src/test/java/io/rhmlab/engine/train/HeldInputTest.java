package io.rhmlab.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A held step input follows its arrays: kept while they live, made again when they are replaced. */
class HeldInputTest {

    private static float[] read(IValue v, NDManager m) {
        try (NDArray t = v.toTensor((PtNDManager) m)) {
            return t.toFloatArray();
        }
    }

    @Test
    void keepsTheValueOfTheSameArrayAndSeesItsInPlaceUpdates() {
        Devices.resolve(DeviceChoice.CPU);
        try (NDManager m = NDManager.newBaseManager(); HeldInput held = new HeldInput()) {
            NDArray a = m.create(new float[] {1, 2});
            IValue first = held.of(a);
            a.addi(1f);
            assertSame(first, held.of(a));
            assertArrayEquals(new float[] {2, 3}, read(held.of(a), m));
        }
    }

    @Test
    void aNewArrayGetsANewValueEvenWhereItsHandleRepeatsTheOldOne() {
        Devices.resolve(DeviceChoice.CPU);
        try (NDManager m = NDManager.newBaseManager(); HeldInput held = new HeldInput()) {
            // the step's loss sum is closed and made again at every epoch: DJL's handle of the new array is often the
            // freed address of the old one, which must not bring back the old tensor
            for (int i = 0; i < 50; i++) {
                NDArray a = m.full(new ai.djl.ndarray.types.Shape(3), (float) i);
                assertArrayEquals(new float[] {i, i, i}, read(held.of(a), m), "array " + i);
                a.close();
            }
        }
    }

    @Test
    void aListIsMadeAgainWhenOneOfItsArraysIsReplaced() {
        Devices.resolve(DeviceChoice.CPU);
        try (NDManager m = NDManager.newBaseManager(); HeldInput held = new HeldInput()) {
            NDArray a = m.create(new float[] {1});
            NDArray b = m.create(new float[] {2});
            IValue first = held.of(List.of(a, b));
            assertSame(first, held.of(List.of(a, b)));
            b.close();
            NDArray c = m.create(new float[] {3});
            IValue second = held.of(List.of(a, c));
            assertNotSame(first, second);
            IValue[] items = second.toIValueArray();
            assertArrayEquals(new float[] {3}, read(items[1], m));
            for (IValue item : items) item.close();
        }
    }
}
