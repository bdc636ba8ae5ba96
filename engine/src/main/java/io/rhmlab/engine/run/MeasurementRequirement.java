package io.rhmlab.engine.run;

import io.rhmlab.engine.observe.CheckpointMeasurement;
import io.rhmlab.engine.store.RunMeasurements;
import io.rhmlab.dsl.experiment.Observable;
import io.rhmlab.engine.store.StoredRun;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a stored run must carry to be reused by a curve that measures (otherwise it is trained again,
 * deterministically, and measured): the end-of-training tables of {@code tables} and, when {@code everyEpochs}
 * = N > 0, a series holding those tables at epochs 0, N, 2N, … up to the run's last epoch.
 */
public record MeasurementRequirement(Set<Observable> tables, int everyEpochs) {

    /** Nothing to carry: any finished run is reused. */
    public static final MeasurementRequirement NONE = new MeasurementRequirement(Set.of(), 0);

    public MeasurementRequirement {
        Set<Observable> s = EnumSet.noneOf(Observable.class);
        s.addAll(tables);
        tables = Collections.unmodifiableSet(s);
        if (everyEpochs < 0) throw new IllegalArgumentException("everyEpochs = " + everyEpochs + " must be ≥ 0");
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }

    /** Whether {@code run}'s measurements meet the requirement. */
    public boolean metBy(StoredRun run) {
        if (isEmpty()) return true;
        if (!RunMeasurements.of(run).keySet().containsAll(tables)) return false;
        if (everyEpochs == 0) return true;
        Map<Integer, Set<Observable>> measured = new HashMap<>();
        for (CheckpointMeasurement c : RunMeasurements.checkpoints(run)) measured.put(c.epoch(), c.tables().keySet());
        for (int e = 0; e <= run.epochs(); e += everyEpochs) {
            Set<Observable> at = measured.get(e);
            if (at == null || !at.containsAll(tables)) return false;
        }
        return true;
    }
}
