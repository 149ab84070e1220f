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
 * Allocating one dirty agent in a large cluster, the step the offer round trip takes when a task ends: every agent is
 * offered, and one operation has the next framework in turn decline one offer it holds (a Decline of one id, with a
 * 1 ms filter); the engine marks that agent dirty, allocates it at once to the framework that DRF puts first among
 * those not filtering it, and encodes the offer. The clock moves 1 ms per operation, so each filter has expired by
 * the next operation and no periodic pass is needed: the cluster stays fully offered. The operation fails unless the
 * agent was offered again.
 * <p>
 * Per operation: one Decline validated and decoded, the offer removed, a filter added, the dirty agent allocated
 * (the DRF sorter asked for its first framework, O(log F)), and one Offers message encoded. Agents as in Mesos's
 * allocator benchmarks; pings pushed beyond the run.
 */
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED" })
@State(Scope.Thread)
public class AllocateOneAgentBenchmark // not final: JMH generates subclasses of benchmark and state classes
{
    private static final long ONE_YEAR_MS = 365L * 24 * 3600 * 1000;
    private static final long REFUSE_MS = 1;

    /**
     * Number of agents, all offered.
     */
    @Param({ "10000" })
    public int agents;

    /**
     * Number of frameworks, all in role {@code *}.
     */
    @Param({ "100" })
    public int frameworks;

    private final LongArrayList one = new LongArrayList(1, Long.MIN_VALUE);
    private Engine engine;
    private BenchmarkOutput output;
    private EngineProxy proxy;
    private int nextFramework;

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
        output = new BenchmarkOutput(frameworks, agents);
        engine = new Engine(ctx, output);
        proxy = new EngineProxy(engine);
        long correlationId = 1;
        for (int i = 0; i < frameworks; i++)
        {
            proxy.subscribe(BenchmarkOutput.frameworkSession(i), correlationId++, "framework-" + i, "*");
        }
        final Resources resources = ResourcesParser.parse(AllocationPassBenchmark.AGENT_RESOURCES, names);
        for (int i = 0; i < agents; i++)
        {
            proxy.registerAgent(BenchmarkOutput.AGENT_SESSION, correlationId++, resources, "host-" + i, "rack:r" + (i % 16));
        }
        check();
    }

    /**
     * Every agent offered, no input refused.
     */
    @TearDown(Level.Iteration)
    public void check()
    {
        if (engine.errorCount() > 0 || engine.offerCount() != agents || output.heldOfferCount() != agents)
        {
            throw new IllegalStateException(engine.offerCount() + " offers outstanding, " + output.heldOfferCount() + " held, for " +
                agents + " agents; " + engine.errorCount() + " errors, last: " + output.lastError());
        }
    }

    /**
     * The next framework in turn declines one offer; the engine allocates that agent again at once.
     *
     * @return id of the new offer.
     */
    @Benchmark
    public long declineOneReoffer()
    {
        int f = nextFramework;
        while (output.offerIds(f).isEmpty())
        {
            f = f + 1 == frameworks ? 0 : f + 1;
        }
        nextFramework = f + 1 == frameworks ? 0 : f + 1;
        final LongArrayList ids = output.offerIds(f);
        final int last = ids.size() - 1;
        final long offerId = ids.getLong(last);
        final long agentId = output.offerAgentIds(f).getLong(last);
        output.forgetOffer(f, last);
        one.clear();
        one.addLong(offerId);
        proxy.nowMs(proxy.nowMs() + 1);
        proxy.decline(BenchmarkOutput.frameworkSession(f), output.frameworkId(f), REFUSE_MS, one, 0, 1);

        final long reofferId = output.lastOfferId();
        if (reofferId <= offerId || output.lastOfferAgentId() != agentId)
        {
            throw new IllegalStateException("agent " + agentId + " was not offered again: " + output.lastError());
        }
        return reofferId;
    }
}
