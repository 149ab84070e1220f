/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.nio.ByteBuffer;

import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

/**
 * The node daemon: registers the node's resources with the master, runs the tasks the master sends as
 * {@code /bin/sh -c COMMAND} in a sandbox per task, and reports their states reliably. One duty-cycle thread
 * ({@link TaskAgent}) owns all of its state.
 * <pre>{@code
 * try (AllotAgent agent = AllotAgent.launch(new AgentContext().transport(t).workDir(dir).resources("cpus:2;mem:1024")))
 * {
 *     ...
 * }
 * }</pre>
 */
public final class AllotAgent implements AutoCloseable
{
    private final AgentContext ctx;
    private final TaskAgent taskAgent;
    private final AgentRunner runner;

    private AllotAgent(final AgentContext ctx)
    {
        this.ctx = ctx;
        final ManyToOneRingBuffer exits = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(ctx.exitRingLength())));
        taskAgent = new TaskAgent(ctx, exits);
        runner = new AgentRunner(ctx.idleStrategy(), ctx.errorHandler(), null, taskAgent);
    }

    /**
     * Conclude the context and start the agent's duty-cycle thread; it registers with the master at once.
     *
     * @param ctx configuration, concluded here.
     * @return the running agent, to be closed.
     */
    public static AllotAgent launch(final AgentContext ctx)
    {
        ctx.conclude();
        final AllotAgent agent = new AllotAgent(ctx);
        AgentRunner.startOnThread(agent.runner);
        return agent;
    }

    /**
     * @return the configuration the agent runs with.
     */
    public AgentContext context()
    {
        return ctx;
    }

    /**
     * Stop the duty cycle; the agent's running tasks are killed (recovery from a checkpoint comes later).
     */
    public void close()
    {
        CloseHelper.close(runner);
    }
}
