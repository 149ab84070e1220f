/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.allot.agent.checkpoint.AgentCheckpoint;
import io.allot.agent.checkpoint.CheckpointException;
import io.allot.agent.isolation.IsolationException;
import io.allot.agent.isolation.Isolator;
import io.allot.agent.isolation.Isolators;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.HdrHistogram.Recorder;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * Configuration of an {@link AllotAgent}: fluent setters, defaults and validation in {@link #conclude()}.
 */
public final class AgentContext implements AutoCloseable
{
    /** Default first resend interval of registrations and status updates. */
    public static final long DEFAULT_INITIAL_BACKOFF_MS = 1_000;
    /** Default cap of the resend interval. */
    public static final long DEFAULT_MAX_BACKOFF_MS = 10_000;
    /** Default grace between SIGTERM and SIGKILL when a task has none of its own. */
    public static final long DEFAULT_KILL_GRACE_MS = 3_000;
    /** Default capacity of the ring buffer carrying process exits to the duty cycle. */
    public static final int DEFAULT_EXIT_RING_CAPACITY = 64 * 1024;

    private static final int ERROR_LOG_LENGTH = 1024 * 1024;
    /**
     * Isolation where usable: cgroups, else posix with a warning.
     */
    public static final String ISOLATION_AUTO = Isolators.AUTO;

    /**
     * Tasks the checkpoint holds at most.
     */
    public static final int DEFAULT_MAX_TASKS = AgentCheckpoint.DEFAULT_MAX_TASKS;

    private static final int COUNTER_COUNT = 16;

    private boolean isConcluded;
    private AgentTransport transport;
    private File workDir;
    private String resources;
    private String hostname;
    private String attributes = "";
    private long registrationCorrelationId;
    private long initialBackoffMs = DEFAULT_INITIAL_BACKOFF_MS;
    private long maxBackoffMs = DEFAULT_MAX_BACKOFF_MS;
    private long defaultKillGraceMs = DEFAULT_KILL_GRACE_MS;
    private int exitRingCapacity = DEFAULT_EXIT_RING_CAPACITY;
    private EpochClock epochClock;
    private IdleStrategy idleStrategy;
    private ErrorHandler errorHandler;
    private ResourceNames resourceNames;
    private Resources totalResources;
    private DistinctErrorLog errorLog;
    private CountersManager countersManager;
    private AtomicCounter errorCounter;
    private AtomicCounter refusedCounter;
    private AtomicCounter tasksLaunchedCounter;
    private String isolation = ISOLATION_AUTO;
    private Path cgroupRoot = Isolators.DEFAULT_CGROUP_ROOT;
    private String cgroupHierarchy = Isolators.DEFAULT_HIERARCHY;
    private int maxTasks = DEFAULT_MAX_TASKS;
    private boolean killTasksOnClose = true;
    private Isolator isolator;
    private AgentCheckpoint checkpoint;
    private Recorder launchLatency;
    private Recorder reportLatency;

    /**
     * Fill defaults and validate; a context concludes once.
     *
     * @return this for a fluent API.
     * @throws IllegalStateException when called twice or a required setting is missing or invalid.
     */
    public AgentContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("AgentContext already concluded");
        }
        isConcluded = true;
        if (null == workDir)
        {
            throw new IllegalStateException("an agent needs a work dir");
        }
        if (!workDir.isDirectory() && !workDir.mkdirs())
        {
            throw new IllegalStateException("cannot create the work dir " + workDir);
        }
        if (null == resources || resources.isBlank())
        {
            throw new IllegalStateException("an agent needs its resources, e.g. cpus:2;mem:1024;ports:[31000-32000]");
        }
        if (initialBackoffMs <= 0 || maxBackoffMs < initialBackoffMs)
        {
            throw new IllegalStateException("need 0 < initialBackoffMs <= maxBackoffMs, got " + initialBackoffMs + " and " + maxBackoffMs);
        }
        if (defaultKillGraceMs < 0)
        {
            throw new IllegalStateException("defaultKillGraceMs must not be negative: " + defaultKillGraceMs);
        }
        resourceNames = new ResourceNames();
        totalResources = ResourcesParser.parse(resources, resourceNames);
        if (maxTasks < 1)
        {
            throw new IllegalStateException("maxTasks must be at least 1: " + maxTasks);
        }
        try
        {
            isolator = Isolators.create(isolation, cgroupRoot, cgroupHierarchy);
        }
        catch (final IsolationException ex)
        {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
        try
        {
            checkpoint = AgentCheckpoint.open(workDir, maxTasks, resourceNames);
        }
        catch (final CheckpointException ex)
        {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
        launchLatency = new Recorder(3);
        reportLatency = new Recorder(3);
        if (null == hostname)
        {
            hostname = localHostname();
        }
        if (0 == registrationCorrelationId)
        {
            registrationCorrelationId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        }
        if (null == epochClock)
        {
            epochClock = SystemEpochClock.INSTANCE;
        }
        if (null == idleStrategy)
        {
            idleStrategy = new BackoffIdleStrategy(1, 1, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
        }
        exitRingCapacity = org.agrona.BitUtil.findNextPositivePowerOfTwo(exitRingCapacity);
        countersManager = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(COUNTER_COUNT * CountersManager.METADATA_LENGTH)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(COUNTER_COUNT * CountersManager.COUNTER_LENGTH)));
        errorCounter = countersManager.newCounter("agent errors");
        refusedCounter = countersManager.newCounter("agent refused inputs");
        tasksLaunchedCounter = countersManager.newCounter("agent tasks launched");
        errorLog = new DistinctErrorLog(new UnsafeBuffer(ByteBuffer.allocateDirect(ERROR_LOG_LENGTH)), epochClock);
        final ErrorHandler userHandler = errorHandler;
        errorHandler = (throwable) ->
        {
            errorCounter.increment();
            errorLog.record(throwable);
            if (null != userHandler)
            {
                userHandler.onError(throwable);
            }
        };
        return this;
    }

    /**
     * @return the ring buffer length for process exits, trailer included.
     */
    int exitRingLength()
    {
        return exitRingCapacity + RingBufferDescriptor.TRAILER_LENGTH;
    }

    private static String localHostname()
    {
        try
        {
            return java.net.InetAddress.getLocalHost().getHostName();
        }
        catch (final java.net.UnknownHostException ex)
        {
            return "localhost";
        }
    }

    /**
     * @return true once {@link #conclude()} ran.
     */
    public boolean isConcluded()
    {
        return isConcluded;
    }

    /**
     * @param transport connection to the master.
     * @return this for a fluent API.
     */
    public AgentContext transport(final AgentTransport transport)
    {
        this.transport = transport;
        return this;
    }

    /**
     * @return connection to the master.
     */
    public AgentTransport transport()
    {
        return transport;
    }

    /**
     * @param workDir where task sandboxes live; created when missing.
     * @return this for a fluent API.
     */
    public AgentContext workDir(final File workDir)
    {
        this.workDir = workDir;
        return this;
    }

    /**
     * @return where task sandboxes live.
     */
    public File workDir()
    {
        return workDir;
    }

    /**
     * @param resources the agent's total resources in Mesos syntax.
     * @return this for a fluent API.
     */
    public AgentContext resources(final String resources)
    {
        this.resources = resources;
        return this;
    }

    /**
     * @return the agent's total resources, parsed by {@link #conclude()}.
     */
    public Resources totalResources()
    {
        return totalResources;
    }

    /**
     * @return the resource names the agent's resources are interned in.
     */
    public ResourceNames resourceNames()
    {
        return resourceNames;
    }

    /**
     * @param hostname reported to the master; the local host name by default.
     * @return this for a fluent API.
     */
    public AgentContext hostname(final String hostname)
    {
        this.hostname = hostname;
        return this;
    }

    /**
     * @return hostname reported to the master.
     */
    public String hostname()
    {
        return hostname;
    }

    /**
     * @param attributes in Mesos syntax ({@code rack:r1;zone:a}).
     * @return this for a fluent API.
     */
    public AgentContext attributes(final String attributes)
    {
        this.attributes = attributes;
        return this;
    }

    /**
     * @return attributes in Mesos syntax.
     */
    public String attributes()
    {
        return attributes;
    }

    /**
     * @param correlationId of the registration; random when 0.
     * @return this for a fluent API.
     */
    public AgentContext registrationCorrelationId(final long correlationId)
    {
        this.registrationCorrelationId = correlationId;
        return this;
    }

    /**
     * @return correlation id of the registration.
     */
    public long registrationCorrelationId()
    {
        return registrationCorrelationId;
    }

    /**
     * @param ms first resend interval of registrations and status updates; doubles up to {@link #maxBackoffMs()}.
     * @return this for a fluent API.
     */
    public AgentContext initialBackoffMs(final long ms)
    {
        this.initialBackoffMs = ms;
        return this;
    }

    /**
     * @return first resend interval.
     */
    public long initialBackoffMs()
    {
        return initialBackoffMs;
    }

    /**
     * @param ms cap of the resend interval.
     * @return this for a fluent API.
     */
    public AgentContext maxBackoffMs(final long ms)
    {
        this.maxBackoffMs = ms;
        return this;
    }

    /**
     * @return cap of the resend interval.
     */
    public long maxBackoffMs()
    {
        return maxBackoffMs;
    }

    /**
     * @param ms grace between SIGTERM and SIGKILL for tasks without their own.
     * @return this for a fluent API.
     */
    public AgentContext defaultKillGraceMs(final long ms)
    {
        this.defaultKillGraceMs = ms;
        return this;
    }

    /**
     * @return grace between SIGTERM and SIGKILL for tasks without their own.
     */
    public long defaultKillGraceMs()
    {
        return defaultKillGraceMs;
    }

    /**
     * @param capacity of the ring buffer carrying process exits, rounded up to a power of two.
     * @return this for a fluent API.
     */
    public AgentContext exitRingCapacity(final int capacity)
    {
        this.exitRingCapacity = capacity;
        return this;
    }

    /**
     * @param clock wall clock of the agent.
     * @return this for a fluent API.
     */
    public AgentContext epochClock(final EpochClock clock)
    {
        this.epochClock = clock;
        return this;
    }

    /**
     * @return wall clock of the agent.
     */
    public EpochClock epochClock()
    {
        return epochClock;
    }

    /**
     * @param idleStrategy of the duty-cycle thread.
     * @return this for a fluent API.
     */
    public AgentContext idleStrategy(final IdleStrategy idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    /**
     * @return idle strategy of the duty-cycle thread.
     */
    public IdleStrategy idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * @param errorHandler also told of every error, after it is counted and logged.
     * @return this for a fluent API.
     */
    public AgentContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /**
     * @return the handler that counts, logs and passes on errors.
     */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * @return distinct log of the agent's errors.
     */
    public DistinctErrorLog errorLog()
    {
        return errorLog;
    }

    /**
     * @return count of errors (exceptions) the agent met.
     */
    public AtomicCounter errorCounter()
    {
        return errorCounter;
    }

    /**
     * @return count of inputs refused as invalid (duplicate launch, launch over free resources, unknown task).
     */
    public AtomicCounter refusedCounter()
    {
        return refusedCounter;
    }

    /**
     * @return count of task processes started.
     */
    public AtomicCounter tasksLaunchedCounter()
    {
        return tasksLaunchedCounter;
    }

    /**
     * @param isolation cgroups, posix, or auto (cgroups where usable, else posix with a warning).
     * @return this for a fluent API.
     */
    public AgentContext isolation(final String isolation)
    {
        this.isolation = isolation;
        return this;
    }

    /**
     * @param root where the cgroup file systems are mounted (default /sys/fs/cgroup).
     * @return this for a fluent API.
     */
    public AgentContext cgroupRoot(final Path root)
    {
        this.cgroupRoot = root;
        return this;
    }

    /**
     * @param hierarchy name of this agent's cgroup hierarchy (default allot). Agents sharing a machine need one each:
     *                  an agent sweeps the containers of its hierarchy that belong to none of its tasks.
     * @return this for a fluent API.
     */
    public AgentContext cgroupHierarchy(final String hierarchy)
    {
        this.cgroupHierarchy = hierarchy;
        return this;
    }

    /**
     * @param maxTasks tasks the checkpoint can hold.
     * @return this for a fluent API.
     */
    public AgentContext maxTasks(final int maxTasks)
    {
        this.maxTasks = maxTasks;
        return this;
    }

    /**
     * @param kill true to kill the running tasks when the agent closes (in-process agents); false to leave them
     *             running for the next start with the same work dir to recover (the daemon).
     * @return this for a fluent API.
     */
    public AgentContext killTasksOnClose(final boolean kill)
    {
        this.killTasksOnClose = kill;
        return this;
    }

    /**
     * @return true when the running tasks are killed as the agent closes.
     */
    public boolean killTasksOnClose()
    {
        return killTasksOnClose;
    }

    /**
     * @return the isolator, after {@link #conclude()}.
     */
    public Isolator isolator()
    {
        return isolator;
    }

    /**
     * @return the isolation in use: cgroups-v2, cgroups-v1 or posix, after {@link #conclude()}.
     */
    public String isolationName()
    {
        return isolator.name();
    }

    /**
     * @return a warning to show at start (posix isolation), or null.
     */
    public String isolationWarning()
    {
        return isolator.warning();
    }

    /**
     * @return the checkpoint in the work dir, after {@link #conclude()}; closed by {@link #close()}.
     */
    public AgentCheckpoint checkpoint()
    {
        return checkpoint;
    }

    /**
     * @return nanoseconds from a RunTask received to its process started.
     */
    public Recorder launchLatency()
    {
        return launchLatency;
    }

    /**
     * @return nanoseconds from a process exit taken by the duty cycle to its status update sent.
     */
    public Recorder reportLatency()
    {
        return reportLatency;
    }

    /**
     * Close what {@link #conclude()} opened: the checkpoint.
     */
    public void close()
    {
        CloseHelper.close(checkpoint);
    }
}
