package io.rhmlab.engine.run;

import io.rhmlab.dsl.experiment.RunSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Lanes report their own epochs; the progress hears the slowest lane, all members training, their mean loss. */
class SerialListenerTest {

    private record Epoch(int epoch, int active, double loss) {
    }

    @Test
    void epochsOfLanesAreMergedAndAFinishedLaneLeaves() throws Exception {
        List<Epoch> heard = Collections.synchronizedList(new ArrayList<>());
        Sweep.SerialListener merged = new Sweep.SerialListener(new SweepListener() {
            @Override
            public void onEpoch(int epoch, int active, double meanLoss) {
                heard.add(new Epoch(epoch, active, meanLoss));
            }
        });
        ExecutorService laneA = Executors.newSingleThreadExecutor();
        ExecutorService laneB = Executors.newSingleThreadExecutor();
        try {
            laneA.submit(() -> {
                merged.onEnsembleStart(1, 2, members(3));
                merged.onEpoch(40, 3, 1.0);
            }).get();
            laneB.submit(() -> {
                merged.onEnsembleStart(2, 2, members(1));
                merged.onEpoch(10, 1, 2.0);
            }).get();
            assertThat(heard.get(heard.size() - 1)).isEqualTo(new Epoch(10, 4, (3 * 1.0 + 2.0) / 4));
            // lane B's only member is done: lane B leaves, lane A's next epoch is heard as it is
            laneB.submit(() -> merged.onMemberDone(0, null)).get();
            laneA.submit(() -> merged.onEpoch(50, 3, 0.5)).get();
            assertThat(heard.get(heard.size() - 1)).isEqualTo(new Epoch(50, 3, 0.5));
            // a new ensemble on lane B starts at epoch 0 without a loss: the slowest epoch is 0, the loss lane A's
            laneB.submit(() -> merged.onEnsembleStart(3, 3, members(2))).get();
            laneA.submit(() -> merged.onEpoch(51, 3, 0.4)).get();
            Epoch last = heard.get(heard.size() - 1);
            assertThat(last.epoch()).isZero();
            assertThat(last.active()).isEqualTo(5);
            assertThat(last.loss()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
        } finally {
            laneA.shutdownNow();
            laneB.shutdownNow();
        }
    }

    private static List<RunSpec> members(int n) {
        return Collections.nCopies(n, null);
    }
}
