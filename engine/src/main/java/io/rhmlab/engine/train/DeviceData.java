package io.rhmlab.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.rhmlab.engine.net.TokenData;

import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every member's training prefix and test set in one token tensor [N, d] (uint8) and one label tensor [N]
 * (int64) on the device, uploaded once; a batch is then an index gather. Pools shared by several members
 * (the same object) are uploaded once, up to the longest prefix any member uses.
 */
final class DeviceData implements AutoCloseable {
    final NDArray tokens;
    final NDArray labels;
    final long[] trainOffset;
    final long[] testOffset;
    /** Per member, the rows of its training set (its prefix of the pool) and of its test set. */
    final int[] trainRows;
    final int[] testRows;

    DeviceData(NDManager manager, List<TokenData> trainPools, int[] trainRows, List<TokenData> tests, int[] testRows) {
        Map<TokenData, Integer> needed = new IdentityHashMap<>();
        for (int k = 0; k < trainPools.size(); k++) needed.merge(trainPools.get(k), trainRows[k], Math::max);
        for (int k = 0; k < tests.size(); k++) needed.merge(tests.get(k), testRows[k], Math::max);
        int d = trainPools.get(0).d();
        long total = 0;
        for (int rows : needed.values()) total += rows;
        int n = Math.toIntExact(total);
        byte[] allTokens = new byte[Math.multiplyExact(n, d)];
        long[] allLabels = new long[n];
        Map<TokenData, Long> offsets = new IdentityHashMap<>();
        int at = 0;
        for (Map.Entry<TokenData, Integer> e : needed.entrySet()) {
            TokenData data = e.getKey();
            int rows = e.getValue();
            System.arraycopy(data.tokens(), 0, allTokens, at * d, rows * d);
            for (int i = 0; i < rows; i++) allLabels[at + i] = data.labels()[i];
            offsets.put(data, (long) at);
            at += rows;
        }
        this.tokens = manager.create(ByteBuffer.wrap(allTokens), new Shape(n, d), DataType.UINT8);
        this.labels = manager.create(allLabels, new Shape(n));
        this.trainOffset = trainPools.stream().mapToLong(offsets::get).toArray();
        this.testOffset = tests.stream().mapToLong(offsets::get).toArray();
        this.trainRows = trainRows.clone();
        this.testRows = testRows.clone();
    }

    @Override
    public void close() {
        tokens.close();
        labels.close();
    }
}
