package io.rhmlab.engine.train;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.correlation.LastTokenEntropies;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.net.Kind;
import io.rhmlab.dsl.train.Training;
import io.rhmlab.engine.net.TaskData;
import io.rhmlab.engine.net.TokenData;
import io.rhmlab.engine.store.RunKey;
import io.rhmlab.engine.store.SpecJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The last-token task end to end: its data, its spec, and networks that learn it (docs/last-token.md §1–2). */
@Tag("slow")
class LastTokenTrainingTest {

    /** v = n_c = 8, m = 2, s = 2, L = 3: T = 8 positions, P_max = 8·2^7 = 1024. */
    private static final Hierarchy RHM = Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(2).branching(2).depth(3)
            .seed(4).sampleSeed(5).build();

    @Test
    void theLastTokenBecomesTheLabelAndIsHiddenOrDropped() {
        Dataset ds = Dataset.sample(RHM, 20, 0);
        TokenData full = TokenData.of(ds.train());
        TokenData masked = TaskData.of(full, RHM, Task.lastToken(), Kind.CNN);
        TokenData dropped = TaskData.of(full, RHM, Task.lastToken(), Kind.FCN);
        TokenData window = TaskData.of(full, RHM, Task.lastToken(4), Kind.TRANSFORMER);
        assertThat(masked.d()).isEqualTo(8);
        assertThat(dropped.d()).isEqualTo(7);
        assertThat(window.d()).isEqualTo(4);
        for (int i = 0; i < full.n(); i++) {
            int last = full.token(i, 7);
            assertThat(masked.labels()[i]).isEqualTo(last).isEqualTo(dropped.labels()[i]).isEqualTo(window.labels()[i]);
            assertThat(masked.token(i, 7)).as("the mask is token v").isEqualTo(8);
            assertThat(window.token(i, 3)).isEqualTo(8);
            for (int j = 0; j < 7; j++) {
                assertThat(masked.token(i, j)).isEqualTo(full.token(i, j));
                assertThat(dropped.token(i, j)).isEqualTo(full.token(i, j));
            }
            for (int j = 0; j < 3; j++) assertThat(window.token(i, j)).as("the last positions are kept").isEqualTo(full.token(i, 4 + j));
        }
        assertThat(TaskData.of(full, RHM, Task.classify(), Kind.CNN)).isSameAs(full);
    }

    @Test
    void classificationKeepsItsKeysAndTheTaskIsPartOfTheKeyOtherwise() {
        Architecture cnn = Architecture.cnn().width(8).build();
        Training t = Training.sgd(0.1).build();
        RunSpec plain = new RunSpec(RHM, cnn, t, 64, 64, 1);
        RunSpec classify = new RunSpec(RHM, cnn, t, 64, 64, 1, null, null, Task.classify());
        RunSpec last = plain.withTask(Task.lastToken());
        RunSpec window = plain.withTask(Task.lastToken(4));
        assertThat(classify).isEqualTo(plain);
        assertThat(SpecJson.write(plain)).doesNotContain("task");
        assertThat(RunKey.of(classify)).isEqualTo(RunKey.of(plain));
        assertThat(RunKey.of(last)).isNotEqualTo(RunKey.of(plain)).isNotEqualTo(RunKey.of(window));
        assertThat(SpecJson.read(SpecJson.write(window), RunSpec.class)).isEqualTo(window);
        RunSpec mla = new RunSpec(RHM, Architecture.transformer().build(), t, 64, 64, 1, null, null, Task.lastToken());
        assertThat(SpecJson.read(SpecJson.write(mla), RunSpec.class)).isEqualTo(mla);
        // data drawn with replacement: another key, distinct data (the default) keep theirs
        RunSpec replaced = new RunSpec(RHM.withReplacement(true), cnn, t, 64, 64, 1);
        assertThat(SpecJson.write(replaced)).contains("\"replacement\":true");
        assertThat(RunKey.of(replaced)).isNotEqualTo(RunKey.of(plain));
        assertThat(SpecJson.read(SpecJson.write(replaced), RunSpec.class)).isEqualTo(replaced);
    }

    @Test
    void badTaskSettingsAreRefusedBeforeAnyWork() {
        Training t = Training.sgd(0.1).build();
        assertThatThrownBy(() -> new RunSpec(RHM, Architecture.cnn().build(), t, 64, 64, 1, null, null, Task.lastToken(3)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("context");
        assertThatThrownBy(() -> new RunSpec(RHM, Architecture.cnn().build(), t, 64, 64, 1, null, null, Task.lastToken(16)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("context");
        assertThatThrownBy(() -> new RunSpec(RHM, Architecture.transformer().build(), t, 64, 64, 1))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("last-token");
        assertThatThrownBy(() -> new RunSpec(RHM, Architecture.cnn().build(), t, 64, 64, 1, Learner.layerwiseTraining(), null,
                Task.lastToken())).isInstanceOf(InvalidSpecException.class).hasMessageContaining("learner");
        Hierarchy sparse = Hierarchy.srhm().vocabulary(4).classes(4).multiplicity(2).branching(2).depth(2).sparsity(1).seed(1).build();
        assertThatThrownBy(() -> new RunSpec(sparse, Architecture.cnn().build(), t, 64, 64, 1, null, null, Task.lastToken()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("s0");
        assertThatThrownBy(() -> Task.parse("next-token", 0)).isInstanceOf(InvalidSpecException.class).hasMessageContaining("task");
    }

    /**
     * Two transformers and two CNNs trained on 512 data: each ends with a test cross-entropy below the entropy of
     * the last token given nothing (H_0, the loss of predicting its marginal), i.e. they read the context.
     */
    @Test
    void transformersAndCnnsLearnToPredictTheLastToken() {
        double h0 = LastTokenEntropies.of(io.rhmlab.dsl.grammar.Rules.draw(RHM)).entropy(0);
        Dataset ds = Dataset.sample(RHM, 512, 256);
        record Net(Architecture arch, Training training) {
        }
        for (Net n : List.of(
                new Net(Architecture.transformer().embedding(16).heads(2).build(),
                        Training.adam(0.01).batch(32).lossThreshold(1e-3).checkEvery(10).maxEpochs(40).build()),
                new Net(Architecture.cnn().width(32).build(),
                        Training.sgd(0.2).batch(32).lossThreshold(1e-3).checkEvery(10).maxEpochs(40).build()))) {
            Task task = Task.lastToken();
            MemberData data = new MemberData(TaskData.of(TokenData.of(ds.train()), RHM, task, n.arch().kind()),
                    TaskData.of(TokenData.of(ds.test()), RHM, task, n.arch().kind()));
            List<RunSpec> members = new ArrayList<>();
            for (long seed = 1; seed <= 2; seed++) members.add(new RunSpec(RHM, n.arch(), n.training(), 512, 256, seed, null, null, task));
            List<MemberResult> results = TrainerFixtures.cpu().train(members, TrainerFixtures.repeat(data, 2), null);
            for (MemberResult r : results) {
                assertThat(r.isMeasured()).as(n.arch().label() + ": " + r.error()).isTrue();
                assertThat(r.testLoss()).as(n.arch().label() + " test loss against H_0 = " + h0).isLessThan(h0 - 0.2);
                assertThat(r.testLossBest()).isLessThanOrEqualTo(r.testLoss());
                assertThat(r.history()).allSatisfy(c -> assertThat(c.testLoss()).isFinite());
            }
        }
    }
}
