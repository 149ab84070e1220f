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
 * Accept to launch, the first step of the offer round trip in the engine: a framework accepts one offer launching one
 * task (name, command, part of the agent, the unused rest refused for a year, as a latency-critical framework does),
 * and the engine validates and decodes the Accept, checks the task against the offer, records the task on its agent
 * and encodes the RunTask for the agent. Only that input is measured: before each invocation, unmeasured, the previous
 * task finishes (TASK_FINISHED and its acknowledgement), which frees the agent and brings its whole offer back.
 * <p>
 * One framework holds the offers of a few agents and uses them in turn. The per-invocation fixture costs JMH a pair
 * of timestamps per operation, a few tens of ns on top of the figure; the fixture itself allocates nothing, so
 * {@code gc.alloc.rate.norm} is the Accept's own.
 */
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED" })
@State(Scope.Thread)
public class AcceptLaunchBenchmark // not final: JMH generates subclasses of benchmark and state classes
{
    /** Agents whose offers the framework uses in turn. */
    public static final int AGENTS = 8;

    private static final long ONE_YEAR_MS = 365L * 24 * 3600 * 1000;
    private static final long UUID_MSB = 0x5EED_0000_0000_0002L;
    private static final long SESSION = BenchmarkOutput.frameworkSession(0);

    private final UnsafeBuffer taskName = new UnsafeBuffer("web-server".getBytes(StandardCharsets.UTF_8));
    private final UnsafeBuffer taskCommand = new UnsafeBuffer("./serve --port 31000".getBytes(StandardCharsets.UTF_8));
    private Engine engine;
    private BenchmarkOutput output;
    private EngineProxy proxy;
    private Resources taskResources;
    private long frameworkId;
    private long nextTaskId = 1;
    private long nextUuid = 1;
    private long runningTaskId;
    private long runningAgentId;

    /**
     * Subscribe the framework and register the agents: it holds an offer of each.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final ResourceNames names = new ResourceNames();
        output = new BenchmarkOutput(1, 4 * AGENTS);
        engine = new Engine(new EngineContext().resourceNames(names).agentPingTimeoutMs(ONE_YEAR_MS), output);
        proxy = new EngineProxy(engine);
        taskResources = ResourcesParser.parse(AcceptReofferBenchmark.TASK_RESOURCES, names);
        proxy.subscribe(SESSION, 1, "framework-0", "*");
        final Resources agentResources = ResourcesParser.parse(AllocationPassBenchmark.AGENT_RESOURCES, names);
        for (int i = 0; i < AGENTS; i++)
        {
            proxy.registerAgent(BenchmarkOutput.AGENT_SESSION, 2 + i, agentResources, "host-" + i, "");
        }
        frameworkId = output.frameworkId(0);
        if (AGENTS != output.offerIds(0).size())
        {
            throw new IllegalStateException("the framework holds " + output.offerIds(0).size() + " offers, not " + AGENTS);
        }
    }

    /**
     * Finish the task the last invocation launched, unmeasured: its agent is offered whole again.
     */
    @Setup(Level.Invocation)
    public void finishLastTask()
    {
        if (0 == runningTaskId)
        {
            return;
        }
        final long uuid = nextUuid++;
        proxy.statusUpdate(BenchmarkOutput.AGENT_SESSION, runningAgentId, frameworkId, runningTaskId, TaskState.TASK_FINISHED,
            UUID_MSB, uuid);
        proxy.acknowledge(SESSION, frameworkId, runningAgentId, runningTaskId, UUID_MSB, uuid);
        runningTaskId = 0;
    }

    /**
     * No input may have been refused, and every agent is offered once more.
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
     * Accept the oldest held offer launching one task: the engine sends the RunTask.
     *
     * @return RunTasks sent so far.
     */
    @Benchmark
    public long acceptToLaunch()
    {
        final LongArrayList ids = output.offerIds(0);
        final long offerId = ids.getLong(0);
        final long agentId = output.offerAgentIds(0).getLong(0);
        output.forgetFirstOffers(0, 1);
        final long taskId = nextTaskId++;
        final long runTasks = output.runTasks();
        proxy.accept(SESSION, frameworkId, ONE_YEAR_MS, offerId, taskId, taskResources, taskName, taskCommand);
        if (output.runTasks() != runTasks + 1)
        {
            throw new IllegalStateException("no RunTask for task " + taskId + ": " + output.lastError());
        }
        runningTaskId = taskId;
        runningAgentId = agentId;
        return output.runTasks();
    }
}
