package io.rhmlab.engine.store;

import io.rhmlab.dsl.experiment.GradientPatches;
import io.rhmlab.dsl.experiment.Learner;
import io.rhmlab.dsl.experiment.RunSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON of each kind of learner: the form run keys hash and stores hold, written the same since the learner
 * was a record of a kind and two nullable settings, and read back into the same learner.
 */
class LearnerJsonTest {

    @Test
    void sgd() {
        roundTrip(Learner.sgd(), "{\"clustering\":null,\"kind\":\"SGD\",\"layerwise\":null}");
    }

    @Test
    void oneStepClustering() {
        roundTrip(Learner.oneStepClustering(), "{\"clustering\":{\"clusters\":0,\"majorityTop\":false,\"maxIterations\":300,"
                + "\"patches\":\"FIRST\",\"restarts\":10,\"stepSize\":1000.0,\"width\":512},\"kind\":\"CLUSTERING\",\"layerwise\":null}");
        roundTrip(Learner.oneStepClustering(Learner.Clustering.defaults().withPatches(GradientPatches.LOCAL).withWidth(64)),
                "{\"clustering\":{\"clusters\":0,\"majorityTop\":false,\"maxIterations\":300,"
                        + "\"patches\":\"LOCAL\",\"restarts\":10,\"stepSize\":1000.0,\"width\":64},\"kind\":\"CLUSTERING\",\"layerwise\":null}");
    }

    @Test
    void layerwiseTraining() {
        roundTrip(Learner.layerwiseTraining(), "{\"clustering\":null,\"kind\":\"LAYERWISE\","
                + "\"layerwise\":{\"epochsPerLayer\":0,\"freshSamples\":false,\"perPositionReadout\":true}}");
        roundTrip(Learner.layerwiseTraining(new Learner.Layerwise(5, true, false)), "{\"clustering\":null,\"kind\":\"LAYERWISE\","
                + "\"layerwise\":{\"epochsPerLayer\":5,\"freshSamples\":true,\"perPositionReadout\":false}}");
    }

    /** A stored run spec reads back with its learner, and an SGD run still has none in its JSON. */
    @Test
    void storedSpecsReadBackWithTheirLearner() {
        for (Learner l : new Learner[] {Learner.oneStepClustering(), Learner.layerwiseTraining()}) {
            RunSpec spec = GoldenKeyTest.layerwiseCnn().withLearner(l);
            assertThat(SpecJson.read(SpecJson.runSpec(spec), RunSpec.class)).isEqualTo(spec);
        }
        RunSpec sgd = GoldenKeyTest.denseCnn().withLearner(Learner.sgd());
        assertThat(SpecJson.runSpec(sgd)).doesNotContain("learner");
        assertThat(SpecJson.read(SpecJson.runSpec(sgd), RunSpec.class).learnerOrSgd()).isEqualTo(Learner.sgd());
    }

    private static void roundTrip(Learner learner, String json) {
        assertThat(SpecJson.write(learner)).isEqualTo(json);
        assertThat(SpecJson.read(json, Learner.class)).isEqualTo(learner);
    }
}
