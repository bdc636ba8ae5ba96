package io.rhmlab.engine.store;

import io.rhmlab.engine.train.MemberResult;

import java.nio.file.Path;

/**
 * A child JVM for the durability test: puts runs P = 1..n into the store, announces each on stdout, then
 * waits to be killed with SIGKILL (no shutdown hook, no close).
 */
public final class StoreChild {
    public static void main(String[] args) throws Exception {
        RunStore store = RunStore.open(Path.of(args[0]));
        int n = Integer.parseInt(args[1]);
        for (int p = 1; p <= n; p++) {
            MemberResult r = TestRuns.result(TestRuns.run(p));
            store.put(r);
            System.out.println("PUT " + p);
            System.out.flush();
        }
        Thread.sleep(600_000);
    }
}
