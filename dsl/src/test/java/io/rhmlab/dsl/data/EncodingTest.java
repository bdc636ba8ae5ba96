package io.rhmlab.dsl.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EncodingTest {
    private static final int V = 5;
    /** Two data of d = 3: (0, 4, blank) and (2, blank, 1). */
    private static final Tokens DATA = Tokens.wrap(new byte[]{0, 4, 5, 2, 5, 1}, new int[]{0, 1}, 3);

    private static float at(float[] x, int i, int c, int p) {
        return x[(i * V + c) * 3 + p];
    }

    @Test
    void plainOneHotIsChannelsFirstWithZeroBlankColumns() {
        float[] x = Encoding.ONE_HOT.encode(DATA, V);
        assertThat(x).hasSize(2 * V * 3);
        for (int c = 0; c < V; c++) {
            assertThat(at(x, 0, c, 0)).isEqualTo(c == 0 ? 1f : 0f);
            assertThat(at(x, 0, c, 1)).isEqualTo(c == 4 ? 1f : 0f);
            assertThat(at(x, 0, c, 2)).isZero();
            assertThat(at(x, 1, c, 0)).isEqualTo(c == 2 ? 1f : 0f);
            assertThat(at(x, 1, c, 2)).isEqualTo(c == 1 ? 1f : 0f);
        }
    }

    @Test
    void centredColumnsHaveZeroMeanAndUnitNorm() {
        float[] x = Encoding.CENTRED.encode(DATA, V);
        double sum = 0, norm = 0;
        for (int c = 0; c < V; c++) {
            sum += at(x, 1, c, 2);
            norm += at(x, 1, c, 2) * at(x, 1, c, 2);
            assertThat(at(x, 1, c, 1)).isZero();
        }
        assertThat(sum).isCloseTo(0, within(1e-6));
        assertThat(norm).isCloseTo(1, within(1e-6));
    }

    @Test
    void referenceSrhmEncodingWhitensAndFillsBlanksWithMinusA() {
        float a = (float) (1 / Math.sqrt(V - 1));
        float[] x = Encoding.REFERENCE_SRHM.encode(DATA, V);
        for (int c = 0; c < V; c++) {
            assertThat(at(x, 0, c, 0)).isCloseTo(c == 0 ? 1f : -a, within(1e-6f));
            assertThat(at(x, 0, c, 2)).isCloseTo(-a, within(1e-6f));
        }
        assertThat(new Encoding(Encoding.Style.WHITENED, Encoding.Blank.ZERO).blankValue(V)).isZero();
    }

    @Test
    void blocksMatchTheWholeTensor() {
        float[] whole = Encoding.CENTRED.encode(DATA, V);
        float[] block = new float[V * 3 + 7];
        Encoding.CENTRED.encode(DATA, V, 1, 2, block, 7);
        for (int k = 0; k < V * 3; k++) assertThat(block[7 + k]).isEqualTo(whole[V * 3 + k]);
    }
}
