package io.rhmlab.engine.curve;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.net.TokenData;
import io.rhmlab.engine.train.EnsembleTrainer;
import io.rhmlab.engine.train.MemberData;
import io.rhmlab.engine.train.MemberResult;
import io.rhmlab.engine.train.TrainerSettings;
import io.rhmlab.engine.train.TrainingListener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link EnsembleRunner} of the DJL {@link EnsembleTrainer}. Knowing every run it will be asked for, it
 * samples each realisation's data pool once, at the largest P any of those runs needs plus the test set (smaller
 * training sets are prefixes of it), shares the pool between members, and drops it once no later run needs it.
 */
public final class TrainerRunner implements EnsembleRunner {

    /** A realisation's data: its hierarchy (with the rule and sample seeds) and test size fix the sample order. */
    private record PoolKey(Hierarchy hierarchy, int testSize) {
        static PoolKey of(RunSpec r) {
            return new PoolKey(r.hierarchy(), r.testSize());
        }
    }

    private record Pool(TokenData train, TokenData test) {
    }

    private final EnsembleTrainer trainer;
    private final Map<PoolKey, Long> largest = new HashMap<>();
    private final Map<PoolKey, Integer> remaining = new HashMap<>();
    private final Map<PoolKey, Pool> pools = new HashMap<>();

    /** @param planned every run this runner will train, so that each pool is sampled once at its largest size */
    public TrainerRunner(TrainerSettings settings, List<RunSpec> planned) {
        this.trainer = new EnsembleTrainer(settings);
        for (RunSpec r : planned) {
            largest.merge(PoolKey.of(r), r.trainSize(), Math::max);
            remaining.merge(PoolKey.of(r), 1, Integer::sum);
        }
    }

    @Override
    public synchronized List<MemberResult> run(List<RunSpec> members, TrainingListener listener) {
        List<MemberData> data = new ArrayList<>(members.size());
        for (RunSpec r : members) data.add(data(r));
        try {
            return trainer.train(members, data, listener);
        } finally {
            for (RunSpec r : members) {
                PoolKey key = PoolKey.of(r);
                if (remaining.merge(key, -1, Integer::sum) <= 0) {
                    remaining.remove(key);
                    pools.remove(key);
                }
            }
        }
    }

    /** The member's data: its realisation's pool, sampled on first use at the largest planned P. */
    MemberData data(RunSpec r) {
        Pool pool = pool(r);
        return new MemberData(pool.train(), pool.test());
    }

    private Pool pool(RunSpec r) {
        PoolKey key = PoolKey.of(r);
        Pool pool = pools.get(key);
        if (pool != null && pool.train().n() >= r.trainSize()) return pool;
        long size = Math.max(r.trainSize(), largest.getOrDefault(key, r.trainSize()));
        Dataset ds = Dataset.sample(r.hierarchy(), Math.toIntExact(size), r.testSize());
        pool = new Pool(tokens(ds.train()), tokens(ds.test()));
        pools.put(key, pool);
        return pool;
    }

    private static TokenData tokens(Tokens t) {
        return new TokenData(t.toByteArray(), t.labels(), t.size(), t.length());
    }
}
