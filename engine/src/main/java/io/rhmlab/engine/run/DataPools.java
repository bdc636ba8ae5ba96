package io.rhmlab.engine.run;

import io.rhmlab.dsl.Hierarchy;
import io.rhmlab.dsl.data.Dataset;
import io.rhmlab.dsl.data.Tokens;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.dsl.experiment.Task;
import io.rhmlab.dsl.net.Kind;
import io.rhmlab.engine.net.TaskData;
import io.rhmlab.engine.net.TokenData;
import io.rhmlab.engine.train.MemberData;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of the runs a runner will be asked for. Knowing them all, it samples each realisation's data pool
 * once, at the largest P any of those runs needs plus the test set (smaller training sets are prefixes of it),
 * shares the pool between members, and drops it once no later run needs it. Safe for several lanes at once.
 */
final class DataPools {

    /**
     * A realisation's data: its hierarchy (with the rule and sample seeds) and test size fix the sample order; the
     * task and the network's kind fix what the network reads of it ({@link TaskData}).
     */
    record Key(Hierarchy hierarchy, int testSize, Task task, Kind kind) {
        static Key of(RunSpec r) {
            Task t = r.taskOrClassify();
            return new Key(r.hierarchy(), r.testSize(), t, t instanceof Task.Classify ? null : r.architecture().kind());
        }
    }

    private record Pool(Dataset dataset, TokenData train, TokenData test) {
    }

    private final Map<Key, Long> largest = new HashMap<>();
    private final Map<Key, Integer> remaining = new HashMap<>();
    private final Map<Key, Pool> pools = new HashMap<>();

    /** @param planned every run that will ask for its data, so that each pool is sampled once at its largest size */
    DataPools(List<RunSpec> planned) {
        for (RunSpec r : planned) {
            largest.merge(Key.of(r), r.trainSize(), Math::max);
            remaining.merge(Key.of(r), 1, Integer::sum);
        }
    }

    /** The member's data as token tensors: its realisation's pool, sampled on first use at the largest planned P. */
    MemberData data(RunSpec r) {
        Pool pool = pool(r);
        return new MemberData(pool.train(), pool.test());
    }

    /** The realisation's data set (training set: a prefix of its {@code train()}; test set: its {@code test()}). */
    Dataset dataset(RunSpec r) {
        return pool(r).dataset();
    }

    /** Drops the pools that no later run needs. */
    synchronized void release(List<RunSpec> members) {
        for (RunSpec r : members) {
            Key key = Key.of(r);
            if (remaining.merge(key, -1, Integer::sum) <= 0) {
                remaining.remove(key);
                pools.remove(key);
            }
        }
    }

    private synchronized Pool pool(RunSpec r) {
        Key key = Key.of(r);
        Pool pool = pools.get(key);
        if (pool != null && pool.train().n() >= r.trainSize()) return pool;
        long size = Math.max(r.trainSize(), largest.getOrDefault(key, r.trainSize()));
        Dataset ds = Dataset.sample(r.hierarchy(), Math.toIntExact(size), r.testSize());
        pool = new Pool(ds, TaskData.of(tokens(ds.train()), key.hierarchy(), key.task(), key.kind()),
                TaskData.of(tokens(ds.test()), key.hierarchy(), key.task(), key.kind()));
        pools.put(key, pool);
        return pool;
    }

    private static TokenData tokens(Tokens t) {
        return new TokenData(t.toByteArray(), t.labels(), t.size(), t.length());
    }
}
