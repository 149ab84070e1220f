/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.perf;

import io.allot.engine.Engine;
import io.allot.engine.EngineContext;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.collections.LongArrayList;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Allot's analogue of Mesos's {@code HierarchicalAllocator_BENCHMARK_Test.DeclineOffers}: every agent is offered,
 * and one operation re-allocates every agent. Each framework in turn declines all the offers it holds with
 * {@code refuse_seconds = 0} in one Decline message (split at {@link EngineProxy#MAX_GROUP_COUNT} ids); the
 * event-driven allocator re-offers each returned agent at once to the next framework in DRF order that does not
 * filter it (the decliner does, until the next periodic pass).
 * <p>
 * An agent can travel through every framework within one operation (DRF breaks ties on the lower framework id,
 * which is also the order of the declines); it is then filtered by all of them and waits for the periodic pass,
 * which expires the filters and offers it again. So the periodic pass follows each operation, and after it every
 * agent is offered: {@link #declineAll} measures the declines and their re-offers only, with the pass run
 * unmeasured after each invocation; {@link #declineAllThenPeriodicPass} measures both.
 * <p>
 * Agents are {@code cpus:2;mem:1024;disk:4096;ports:[31000-32000]} as in Mesos's benchmark. With
 * {@code quotaRoles = 0} the frameworks share the role {@code *}; otherwise they are spread round robin over that
 * many roles ({@code role-0}, ...), each with a guarantee of half its even share of the cluster (so the guarantees
 * add up to half the cluster's total), set by the operator once every agent is offered. A framework that declines
 * all its offers then leaves its role below its guarantee until the periodic pass: the allocator serves that role
 * first and sets free resources aside for it, which is the quota stage this case measures. Agent health checks
 * are pushed beyond the run (an agent_ping_timeout of a year) since no agent answers pings here, as none does in
 * Mesos's allocator benchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = { "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED" })
public class AllocationPassBenchmark // not final: JMH generates subclasses of benchmark and state classes
{
    /** Resources of every agent, as in Mesos's allocator benchmarks. */
    public static final String AGENT_RESOURCES = "cpus:2;mem:1024;disk:4096;ports:[31000-32000]";

    private static final long ONE_YEAR_MS = 365L * 24 * 3600 * 1000;

    /**
     * An engine with every agent offered, and the frameworks' outstanding offer ids.
     */
    @State(Scope.Thread)
    public static class Cluster
    {
        /**
         * Number of agents.
         */
        @Param({ "10000", "100000" })
        public int agents;

        /**
         * Number of frameworks.
         */
        @Param({ "100" })
        public int frameworks;

        /**
         * Number of roles with a guarantee, over which the frameworks are spread; 0 for all in role {@code *}.
         */
        @Param({ "0", "100" })
        public int quotaRoles;

        /** False to spread the frameworks over {@link #quotaRoles} roles without setting guarantees (for comparison). */
        boolean guarantees = true;

        private Engine engine;
        private BenchmarkOutput output;
        private EngineProxy proxy;
        private long operations;
        private long declined;
        private long offersInOperations;
        private long passes;
        private long offersInPasses;

        /**
         * Register the agents and subscribe the frameworks until every agent is offered.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            final ResourceNames names = new ResourceNames();
            final EngineContext ctx = new EngineContext()
                .resourceNames(names)
                .agentPingTimeoutMs(ONE_YEAR_MS)
                .initialCapacity(agents, frameworks, 1024);
            output = new BenchmarkOutput(frameworks, Math.max(16, 4 * agents / frameworks));
            engine = new Engine(ctx, output);
            proxy = new EngineProxy(engine);

            long correlationId = 1;
            for (int i = 0; i < frameworks; i++)
            {
                proxy.subscribe(BenchmarkOutput.frameworkSession(i), correlationId++, "framework-" + i, role(i));
            }
            final Resources resources = ResourcesParser.parse(AGENT_RESOURCES, names);
            for (int i = 0; i < agents; i++)
            {
                proxy.registerAgent(BenchmarkOutput.AGENT_SESSION, correlationId++, resources, "host-" + i, "rack:r" + (i % 16));
            }
            setQuotas(names, resources, correlationId);
            check("setup");
        }

        private String role(final int framework)
        {
            return 0 == quotaRoles ? "*" : "role-" + (framework % quotaRoles);
        }

        /**
         * Guarantee each role half of its even share of every scalar of the cluster.
         */
        private void setQuotas(final ResourceNames names, final Resources agentResources, final long firstCorrelationId)
        {
            final Resources guarantee = new Resources(names);
            for (int dim = 0; dim < names.size(); dim++)
            {
                guarantee.setScalar(dim, agentResources.scalar(dim) * agents / (2L * Math.max(1, quotaRoles)));
            }
            for (int r = 0; guarantees && r < quotaRoles; r++)
            {
                proxy.updateQuota(BenchmarkOutput.OPERATOR_SESSION, firstCorrelationId + r, "role-" + r, guarantee);
            }
        }

        /**
         * Every agent must be offered after every operation, without an error.
         */
        @TearDown(Level.Iteration)
        public void checkIteration()
        {
            check("iteration");
        }

        /**
         * What the operations did so far, for {@link AllocationPassStats}: printing from a JMH fixture would count
         * its allocation against the measured iteration.
         *
         * @return one line of averages.
         */
        String summary()
        {
            return String.format("agents=%d frameworks=%d roles=%d guarantees=%b operations=%d declined/op=%.1f " +
                "offers made/op=%.1f offers made by the periodic pass/op=%.1f rescinds=%d",
                agents, frameworks, quotaRoles, guarantees && quotaRoles > 0, operations, (double)declined / operations,
                (double)offersInOperations / operations, passes > 0 ? (double)offersInPasses / passes : 0.0, output.rescinds());
        }

        /**
         * Move the clock to the next periodic pass and run it: it expires every filter of the last operation and
         * offers the agents that every framework had declined.
         */
        void periodicPass()
        {
            final long offersBefore = output.offers();
            final long deadline = engine.nextDeadlineMs();
            proxy.nowMs(deadline);
            engine.onTimer(deadline);
            offersInPasses += output.offers() - offersBefore;
            passes++;
        }

        /**
         * Each framework in turn declines every offer it holds.
         *
         * @return offers declined.
         */
        long declineEveryOffer()
        {
            final long offersBefore = output.offers();
            long count = 0;
            for (int f = 0; f < frameworks; f++)
            {
                final LongArrayList ids = output.offerIds(f);
                final int held = ids.size();
                if (held > 0)
                {
                    proxy.decline(BenchmarkOutput.frameworkSession(f), output.frameworkId(f), 0, ids, 0, held);
                    output.forgetFirstOffers(f, held);
                    count += held;
                }
            }
            declined += count;
            offersInOperations += output.offers() - offersBefore;
            operations++;
            return count;
        }

        void check(final String when)
        {
            final int offered = engine.offerCount();
            if (engine.errorCount() > 0 || offered != agents || output.heldOfferCount() != agents)
            {
                throw new IllegalStateException("after " + when + ": " + offered + " offers outstanding, " +
                    output.heldOfferCount() + " held, for " + agents + " agents; " + engine.errorCount() + " errors, last: " +
                    output.lastError());
            }
        }
    }

    /**
     * A {@link Cluster} that runs the periodic pass after each invocation, outside the measured time.
     */
    @State(Scope.Thread)
    public static class ClusterWithUnmeasuredPass extends Cluster
    {
        /**
         * Expire the filters of the operation and offer the agents every framework declined.
         */
        @TearDown(Level.Invocation)
        public void passAfterInvocation()
        {
            periodicPass();
        }
    }

    /**
     * One re-allocation of every agent: each framework declines all its offers, which are re-offered at once. The
     * periodic pass that follows runs unmeasured.
     *
     * @param cluster the engine, which runs the periodic pass after each invocation.
     * @return offers declined, to keep the work observable.
     */
    @Benchmark
    public long declineAll(final ClusterWithUnmeasuredPass cluster)
    {
        return cluster.declineEveryOffer();
    }

    /**
     * The same re-allocation as {@link #declineAll}, then the periodic pass, both measured.
     *
     * @param cluster the engine.
     * @return offers declined.
     */
    @Benchmark
    public long declineAllThenPeriodicPass(final Cluster cluster)
    {
        final long declined = cluster.declineEveryOffer();
        cluster.periodicPass();
        return declined;
    }
}
