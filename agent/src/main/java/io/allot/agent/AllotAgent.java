/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.nio.ByteBuffer;

import org.HdrHistogram.Histogram;
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
    private static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";

    private final AgentContext ctx;
    private final TaskAgent taskAgent;
    private final AgentRunner runner;
    private final Histogram launchHistogram = new Histogram(3);
    private final Histogram reportHistogram = new Histogram(3);

    private AllotAgent(final AgentContext ctx)
    {
        this.ctx = ctx;
        final ManyToOneRingBuffer exits = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(ctx.exitRingLength())));
        taskAgent = new TaskAgent(ctx, exits);
        runner = new AgentRunner(ctx.idleStrategy(), ctx.errorHandler(), null, taskAgent);
    }

    /**
     * Conclude the context (unless the caller did, to see its errors first) and start the agent's duty-cycle thread;
     * it recovers its checkpointed tasks and registers with the master at once.
     *
     * @param ctx configuration, concluded here.
     * @return the running agent, to be closed.
     */
    public static AllotAgent launch(final AgentContext ctx)
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }
        chooseLaunchMechanism();
        if (null == ctx.transport())
        {
            throw new IllegalStateException("an agent needs a transport to the master");
        }
        final AllotAgent agent = new AllotAgent(ctx);
        AgentRunner.startOnThread(agent.runner);
        return agent;
    }

    /**
     * Task processes start with vfork where the JDK still offers it (17 to 20): on a small VM it halves the time to
     * start a process against the default posix_spawn through jspawnhelper (perf/RESULTS.md). A launch mechanism set
     * on the command line is left alone; it must be chosen before the JVM starts its first process.
     */
    private static void chooseLaunchMechanism()
    {
        if (null == System.getProperty(LAUNCH_MECHANISM) && Runtime.version().feature() < 21)
        {
            System.setProperty(LAUNCH_MECHANISM, "VFORK");
        }
    }

    /**
     * @return the configuration the agent runs with.
     */
    public AgentContext context()
    {
        return ctx;
    }

    /**
     * @return the agent id the master gave, 0 while not registered (a recovered agent has its old id at once).
     */
    public long agentId()
    {
        return taskAgent.agentId();
    }

    /**
     * @return tasks found in the checkpoint at start.
     */
    public int recoveredTaskCount()
    {
        return taskAgent.recoveredTaskCount();
    }

    /**
     * The launch overhead so far, as HdrHistogram percentiles in microseconds: RunTask received to the task's process
     * started, and process exit to its status update sent.
     *
     * @return e.g. {@code launch (RunTask to process started) n=36 p50=812 p99=2100 max=2300 us; report (exit to
     *         update sent) n=36 p50=40 p99=95 max=120 us}.
     */
    public String launchOverhead()
    {
        synchronized (this)
        {
            launchHistogram.add(ctx.launchLatency().getIntervalHistogram());
            reportHistogram.add(ctx.reportLatency().getIntervalHistogram());
            return "launch (RunTask to process started) " + percentiles(launchHistogram) +
                "; report (exit to update sent) " + percentiles(reportHistogram);
        }
    }

    private static String percentiles(final Histogram histogram)
    {
        return "n=" + histogram.getTotalCount() + " p50=" + histogram.getValueAtPercentile(50) / 1000 +
            " p99=" + histogram.getValueAtPercentile(99) / 1000 + " max=" + histogram.getMaxValue() / 1000 + " us";
    }

    /**
     * @return true once the duty cycle stopped.
     */
    public boolean isClosed()
    {
        return runner.isClosed();
    }

    /**
     * Stop the duty cycle and close the checkpoint. The running tasks keep running for the next start with the same
     * work dir to recover, unless {@link AgentContext#killTasksOnClose(boolean)} asks for them to be killed.
     */
    public void close()
    {
        CloseHelper.closeAll(runner, ctx);
    }
}
