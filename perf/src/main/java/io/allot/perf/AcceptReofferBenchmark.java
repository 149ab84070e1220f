/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.perf;

import io.allot.codecs.sbe.TaskState;
import io.allot.engine.Engine;
import io.allot.engine.EngineContext;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The engine's share of the offer round trip. A few frameworks each hold the offers of their own agents (every
 * other framework declined those agents for a year during setup, as a framework with placement constraints
 * would). One operation, for the next framework in turn: it accepts one offer launching one task that uses part of
 * it (the unused rest is filtered with the default refusal), the agent reports TASK_RUNNING and then TASK_FINISHED
 * with non-zero uuids, the framework acknowledges both, and the engine recovers the task's resources and offers the
 * whole agent again to that framework. The operation fails unless that re-offer arrived.
 * <p>
 * Five messages through {@link Engine#onMessage} per operation: Accept, StatusUpdate, Acknowledge, StatusUpdate,
 * Acknowledge, each validated and decoded. The clock does not move, so no periodic pass runs.
 */
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED" })
@State(Scope.Thread)
public class AcceptReofferBenchmark // not final: JMH generates subclasses of benchmark and state classes
{
    /** Frameworks, each with its own agents. */
    public static final int FRAMEWORKS = 4;

    /** Agents per framework. */
    public static final int AGENTS_PER_FRAMEWORK = 2;

    /** Resources of the launched task: part of an agent. */
    public static final String TASK_RESOURCES = "cpus:1;mem:128;ports:[31000-31000]";

    private static final long ONE_YEAR_MS = 365L * 24 * 3600 * 1000;
    private static final long UUID_MSB = 0x5EED_0000_0000_0001L;

    private final UnsafeBuffer taskName = new UnsafeBuffer("web-server".getBytes(StandardCharsets.UTF_8));
    private final UnsafeBuffer taskCommand = new UnsafeBuffer("./serve --port 31000".getBytes(StandardCharsets.UTF_8));
    private Engine engine;
    private BenchmarkOutput output;
    private EngineProxy proxy;
    private Resources taskResources;
    private int[] agentOwner;
    private int nextFramework;
    private long nextTaskId = 1;
    private long nextUuid = 1;

    /**
     * Subscribe the frameworks, register the agents and let every framework decline the agents of the others
     * until each holds exactly the offers of its own agents.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final ResourceNames names = new ResourceNames();
        final EngineContext ctx = new EngineContext().resourceNames(names).agentPingTimeoutMs(ONE_YEAR_MS);
        output = new BenchmarkOutput(FRAMEWORKS, 16);
        engine = new Engine(ctx, output);
        proxy = new EngineProxy(engine);
        taskResources = ResourcesParser.parse(TASK_RESOURCES, names);

        long correlationId = 1;
        for (int f = 0; f < FRAMEWORKS; f++)
        {
            proxy.subscribe(BenchmarkOutput.frameworkSession(f), correlationId++, "framework-" + f, "*");
        }
        final Resources agentResources = ResourcesParser.parse(AllocationPassBenchmark.AGENT_RESOURCES, names);
        final int agents = FRAMEWORKS * AGENTS_PER_FRAMEWORK;
        agentOwner = new int[agents + 1];
        for (int i = 0; i < agents; i++)
        {
            proxy.registerAgent(BenchmarkOutput.AGENT_SESSION, correlationId++, agentResources, "host-" + i, "");
            agentOwner[(int)output.lastAgentId()] = i % FRAMEWORKS;
        }
        declineAgentsOfOthers();
    }

    /**
     * Every framework declines every agent of the others for a year. An owner that gets its own agent before all
     * others have declined it declines it until the next periodic pass; after that pass it gets it back.
     */
    private void declineAgentsOfOthers()
    {
        final int agents = FRAMEWORKS * AGENTS_PER_FRAMEWORK;
        final boolean[][] hasDeclined = new boolean[agents + 1][FRAMEWORKS];
        final LongArrayList one = new LongArrayList();
        for (int round = 0; round < 2 * FRAMEWORKS + 2 && !(eachHoldsItsOwn() && allDeclined(hasDeclined)); round++)
        {
            boolean declined = true;
            while (declined)
            {
                declined = false;
                for (int f = 0; f < FRAMEWORKS; f++)
                {
                    final LongArrayList ids = output.offerIds(f);
                    final LongArrayList agentIds = output.offerAgentIds(f);
                    for (int i = ids.size() - 1; i >= 0; i--)
                    {
                        final int agent = (int)agentIds.getLong(i);
                        final boolean isOwner = agentOwner[agent] == f;
                        if (!isOwner || !allOthersDeclined(hasDeclined[agent], f))
                        {
                            one.clear();
                            one.addLong(ids.getLong(i));
                            output.forgetOffer(f, i);
                            proxy.decline(BenchmarkOutput.frameworkSession(f), output.frameworkId(f), isOwner ? 0 : ONE_YEAR_MS,
                                one, 0, 1);
                            hasDeclined[agent][f] = !isOwner;
                            declined = true;
                        }
                    }
                }
            }
            final long deadline = engine.nextDeadlineMs();
            proxy.nowMs(deadline);
            engine.onTimer(deadline);
        }
        if (!eachHoldsItsOwn() || !allDeclined(hasDeclined))
        {
            throw new IllegalStateException("frameworks do not hold the offers of their own agents");
        }
        check();
    }

    private boolean allDeclined(final boolean[][] hasDeclined)
    {
        for (int agent = 1; agent < hasDeclined.length; agent++)
        {
            if (!allOthersDeclined(hasDeclined[agent], agentOwner[agent]))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean allOthersDeclined(final boolean[] declinedBy, final int owner)
    {
        for (int f = 0; f < declinedBy.length; f++)
        {
            if (f != owner && !declinedBy[f])
            {
                return false;
            }
        }
        return true;
    }

    private boolean eachHoldsItsOwn()
    {
        for (int f = 0; f < FRAMEWORKS; f++)
        {
            final LongArrayList agentIds = output.offerAgentIds(f);
            if (agentIds.size() != AGENTS_PER_FRAMEWORK)
            {
                return false;
            }
            for (int i = 0; i < agentIds.size(); i++)
            {
                if (agentOwner[(int)agentIds.getLong(i)] != f)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * No input may have been refused.
     */
    @TearDown(Level.Iteration)
    public void check()
    {
        if (engine.errorCount() > 0)
        {
            throw new IllegalStateException(engine.errorCount() + " errors, last: " + output.lastError());
        }
    }

    /**
     * Accept, launch, run, finish, acknowledge and get the agent offered again.
     *
     * @return id of the re-offer.
     */
    @Benchmark
    public long acceptRunFinishReoffer()
    {
        final int f = nextFramework;
        nextFramework = f + 1 == FRAMEWORKS ? 0 : f + 1;
        final long session = BenchmarkOutput.frameworkSession(f);
        final long frameworkId = output.frameworkId(f);
        final long offerId = output.offerIds(f).getLong(0);
        final long agentId = output.offerAgentIds(f).getLong(0);
        output.forgetOffer(f, 0);
        final long taskId = nextTaskId++;

        proxy.accept(session, frameworkId, -1, offerId, taskId, taskResources, taskName, taskCommand);
        final long running = nextUuid++;
        proxy.statusUpdate(BenchmarkOutput.AGENT_SESSION, agentId, frameworkId, taskId, TaskState.TASK_RUNNING, UUID_MSB, running);
        proxy.acknowledge(session, frameworkId, agentId, taskId, UUID_MSB, running);
        final long finished = nextUuid++;
        proxy.statusUpdate(BenchmarkOutput.AGENT_SESSION, agentId, frameworkId, taskId, TaskState.TASK_FINISHED, UUID_MSB, finished);
        proxy.acknowledge(session, frameworkId, agentId, taskId, UUID_MSB, finished);

        final long reofferId = output.lastOfferId();
        if (reofferId <= offerId || output.lastOfferFramework() != f || output.lastOfferAgentId() != agentId)
        {
            throw new IllegalStateException("no re-offer of agent " + agentId + " to framework " + f + ": " + output.lastError());
        }
        return reofferId;
    }
}
