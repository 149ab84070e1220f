/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.perf;

import java.lang.management.ManagementFactory;

/**
 * Runs the operation of {@link AllocationPassBenchmark} (declines, then the periodic pass) outside JMH and prints
 * what it does per operation: offers declined, offers made at once, agents left for the periodic pass, and the
 * bytes the thread allocated per operation after as many warm-up operations, without JMH's own per-iteration
 * allocation. Usage: {@code java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp
 * perf/target/benchmarks.jar io.allot.perf.AllocationPassStats [agents] [frameworks] [operations] [quotaRoles]
 * [no-guarantees]}; {@code no-guarantees} spreads the frameworks over the roles without setting their guarantees.
 */
public final class AllocationPassStats
{
    private AllocationPassStats()
    {
    }

    /**
     * @param args agents (10000), frameworks (100), operations (100), roles with a guarantee (0: every framework in
     *             role {@code *}).
     */
    public static void main(final String[] args)
    {
        final AllocationPassBenchmark.Cluster cluster = new AllocationPassBenchmark.Cluster();
        cluster.agents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        cluster.frameworks = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        final int operations = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        cluster.quotaRoles = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        cluster.guarantees = !(args.length > 4 && "no-guarantees".equals(args[4]));
        cluster.setUp();
        run(cluster, operations);

        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long bytesBefore = threads.getCurrentThreadAllocatedBytes();
        final long start = System.nanoTime();
        run(cluster, operations);
        final long elapsedNs = System.nanoTime() - start;
        final long bytes = threads.getCurrentThreadAllocatedBytes() - bytesBefore;

        System.out.println(cluster.summary());
        System.out.printf("after %d warm-up operations: %.2f ms and %.1f B allocated per operation and pass%n",
            operations, elapsedNs / 1e6 / operations, (double)bytes / operations);
    }

    private static void run(final AllocationPassBenchmark.Cluster cluster, final int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            cluster.declineEveryOffer();
            cluster.periodicPass();
        }
        cluster.check("operations");
    }
}
