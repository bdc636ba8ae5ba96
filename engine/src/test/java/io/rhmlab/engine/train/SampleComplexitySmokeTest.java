package io.rhmlab.engine.train;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.NetLayout;
import io.rhmlab.engine.net.TokenData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The science in one test (docs/science.md §2.E.1–2, §6): on RHM v = n_c = m = 4, s = 2, L = 3 (n_c·m^L = 256,
 * P_max = 65 536), a deep CNN generalises at P = 2048 ≈ 8·n_c·m^L, while a fully connected net of similar size
 * stays far from it.
 */
@Tag("slow")
class SampleComplexitySmokeTest {

    @Test
    void aHierarchicalCnnLearnsWhereAnFcnOfTheSameSizeDoesNot() {
        Hierarchy h = Hierarchy.rhm().vocabulary(4).classes(4).multiplicity(4).branching(2).depth(3).seed(3).sampleSeed(4).build();
        Dataset ds = Dataset.sample(h, 2048, 2048);
        MemberData data = new MemberData(TokenData.of(ds.train()), TokenData.of(ds.test()));
        Training t = Training.sgd(0.1).batch(128).lossThreshold(1e-3).checkEvery(10).maxEpochs(150).build();
        Architecture cnn = Architecture.cnn().width(64).build();
        Architecture fcn = Architecture.fcn().width(112).depth(2).build();
        long cnnParams = NetLayout.of(h, cnn).parameterCount();
        long fcnParams = NetLayout.of(h, fcn).parameterCount();
        assertThat((double) fcnParams / cnnParams).isBetween(0.7, 1.5);

        EnsembleTrainer trainer = TrainerFixtures.cpu();
        MemberResult c = trainer.train(List.of(new RunSpec(h, cnn, t, 2048, 2048, 1)), List.of(data), null).get(0);
        MemberResult f = trainer.train(List.of(new RunSpec(h, fcn, t, 2048, 2048, 1)), List.of(data), null).get(0);
        System.out.printf("CNN (%d params): %s, test error %.3f after %d epochs; FCN (%d params): %s, test error %.3f after %d epochs%n",
                cnnParams, c.status(), c.testError(), c.epochs(), fcnParams, f.status(), f.testError(), f.epochs());
        assertThat(c.testError()).isLessThan(0.10);
        assertThat(f.testError()).isGreaterThan(0.30);
    }
}
