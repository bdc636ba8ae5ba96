package io.rhmlab.engine.store;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.net.Architecture;
import io.rhmlab.dsl.train.Training;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.HashSet;

import static io.rhmlab.engine.store.TestRuns.cnn;
import static io.rhmlab.engine.store.TestRuns.sgd;
import static io.rhmlab.engine.store.TestRuns.task;
import static org.assertj.core.api.Assertions.assertThat;

class RunKeyTest {

    private static RunSpec base() {
        return new RunSpec(task(), cnn(), sgd(), 64, 100, 1);
    }

    @Test
    void equalSpecsBuiltSeparatelyHaveEqualKeys() {
        RunSpec again = new RunSpec(
                Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(4).branching(2).depth(2).seed(1).build(),
                Architecture.cnn().width(16).build(), Training.sgd(0.1).batch(32).maxEpochs(20).build(), 64, 100, 1);
        assertThat(RunKey.of(again)).isEqualTo(RunKey.of(base()));
    }

    @Test
    void everyFieldChangesTheKey() {
        Hierarchy h = task();
        List<RunSpec> variants = List.of(base(),
                new RunSpec(h.withSeeds(2, 1), cnn(), sgd(), 64, 100, 1),
                new RunSpec(h.withSeeds(1, 2), cnn(), sgd(), 64, 100, 1),
                new RunSpec(Hierarchy.rhm().vocabulary(8).classes(4).multiplicity(4).depth(2).seed(1).build(), cnn(), sgd(), 64, 100, 1),
                new RunSpec(Hierarchy.rhm().vocabulary(8).classes(8).multiplicity(3).depth(2).seed(1).build(), cnn(), sgd(), 64, 100, 1),
                new RunSpec(h, Architecture.cnn().width(17).build(), sgd(), 64, 100, 1),
                new RunSpec(h, Architecture.lcn().width(16).build(), sgd(), 64, 100, 1),
                new RunSpec(h, Architecture.cnn().width(16).referenceOld().build(), sgd(), 64, 100, 1),
                new RunSpec(h, cnn(), Training.sgd(0.2).batch(32).maxEpochs(20).build(), 64, 100, 1),
                new RunSpec(h, cnn(), Training.sgd(0.1).batch(16).maxEpochs(20).build(), 64, 100, 1),
                new RunSpec(h, cnn(), Training.sgd(0.1).batch(32).maxEpochs(21).build(), 64, 100, 1),
                new RunSpec(h, cnn(), Training.sgd(0.1).batch(32).maxEpochs(20).lossThreshold(1e-2).build(), 64, 100, 1),
                new RunSpec(h, cnn(), Training.sgd(0.1).batch(32).maxEpochs(20).cosine().build(), 64, 100, 1),
                new RunSpec(h, cnn(), sgd(), 65, 100, 1),
                new RunSpec(h, cnn(), sgd(), 64, 101, 1),
                new RunSpec(h, cnn(), sgd(), 64, 100, 2));
        Set<String> keys = new HashSet<>();
        for (RunSpec s : variants) keys.add(RunKey.of(s));
        assertThat(keys).hasSize(variants.size());
    }

    @Test
    void theSemanticsVersionIsPartOfTheKeyAndSoftwareVersionsAreNot() {
        assertThat(RunKey.of(base())).isEqualTo(RunKey.of(base(), RunKey.semanticsOf(base())));
        assertThat(RunKey.of(base(), RunKey.semanticsOf(base()) - 1)).isNotEqualTo(RunKey.of(base()));
        // the key does not read the versions of rhmlab, DJL or PyTorch: RunKey.of takes none, only the legacy key did
        RunVersions now = RunVersions.current();
        assertThat(RunKey.legacyOf(base(), new RunVersions(now.rhmlab(), now.djl(), "2.8.0")))
                .isNotEqualTo(RunKey.legacyOf(base(), now));
    }

    @Test
    void canonicalJsonHasSortedRecordComponentsOnly() {
        String json = SpecJson.runSpec(base());
        assertThat(json).startsWith("{\"architecture\":{\"bias\":").doesNotContain("sparse", "treeMatched", " ");
        assertThat(SpecJson.read(json, RunSpec.class)).isEqualTo(base());
    }

    /**
     * Version 4 fixed runs trained through autograd only: they are current under 4, the others (scripted step, the
     * clustering learner) stay current under 3, and a stored run is current exactly under its spec's version.
     */
    @Test
    void semanticsFollowTheTrainingPath() {
        Hierarchy h = task();
        assertThat(RunKey.semanticsOf(base())).isEqualTo(3);
        assertThat(RunKey.semanticsOf(new RunSpec(h, Architecture.transformer().width(16).heads(2).build(), sgd(), 64, 100, 1,
                null, null, io.rhmlab.dsl.experiment.Task.lastToken()))).isEqualTo(4);
        assertThat(RunKey.semanticsOf(new RunSpec(h, cnn(), Training.adam(0.01).batch(32).maxEpochs(20).build(), 64, 100, 1))).isEqualTo(4);
        assertThat(RunKey.semanticsOf(new RunSpec(h, cnn(), Training.sgd(0.1).batch(32).maxEpochs(20).cosine().build(), 64, 100, 1))).isEqualTo(4);
        assertThat(RunKey.semanticsOf(base().withLearner(io.rhmlab.dsl.experiment.Learner.layerwiseTraining()))).isEqualTo(4);
        assertThat(RunKey.semanticsOf(base().withLearner(io.rhmlab.dsl.experiment.Learner.oneStepClustering()))).isEqualTo(3);

        RunSpec adam = new RunSpec(h, cnn(), Training.adam(0.01).batch(32).maxEpochs(20).build(), 64, 100, 1);
        assertThat(stored(adam, 3).isCurrent()).as("an autograd run stored under 3").isFalse();
        assertThat(stored(adam, 4).isCurrent()).isTrue();
        assertThat(stored(base(), 3).isCurrent()).as("a scripted-step run stored under 3").isTrue();
        assertThat(stored(base(), 2).isCurrent()).isFalse();
    }

    private static StoredRun stored(RunSpec spec, int semantics) {
        return new StoredRun(RunKey.of(spec, semantics), SpecJson.runSpec(spec), io.rhmlab.engine.train.Status.CONVERGED,
                0.1, 0.1, 1e-3, 0, 10, 100, 1.0, "cpu()", "[]", null, RunVersions.current(), java.time.Instant.EPOCH, "{}", semantics);
    }
}
