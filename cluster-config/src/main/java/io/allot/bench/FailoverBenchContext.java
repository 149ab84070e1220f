/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.resources.ResourceNames;
import io.allot.resources.ResourceParseException;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;

import java.io.File;
import java.util.List;

/**
 * Configuration of {@link FailoverBench}: the masters and their timeouts, the load, and how long to run it before
 * and after the kill. {@link #conclude()} validates it with a one-line message per mistake.
 */
public final class FailoverBenchContext
{
    /** The masters' timeouts of the failover test: a new leader in under a second on a 2-core machine. */
    public static final List<String> DEFAULT_MASTER_ARGS = List.of(
        "--leader-heartbeat-timeout", "500ms", "--leader-heartbeat-interval", "50ms", "--election-timeout", "250ms",
        "--allocation-interval", "100ms");
    /** Three JVMs share the machine with the emulator: a small heap and the serial collector. */
    public static final List<String> DEFAULT_MASTER_JVM_OPTIONS = List.of("-XX:+UseSerialGC");
    static final int DEFAULT_AGENTS = 100;
    static final int DEFAULT_FRAMEWORKS = 2;
    static final int DEFAULT_IN_FLIGHT = 20;
    static final long DEFAULT_WARMUP_MS = 2_000;
    static final long DEFAULT_AFTER_MS = 3_000;
    static final String DEFAULT_MASTER_HEAP = "512m";
    static final int MAX_AGENTS = 100_000;
    static final int MAX_FRAMEWORKS = 1_000;

    private boolean isConcluded;
    private int members = 3;
    private int agents = DEFAULT_AGENTS;
    private int frameworks = DEFAULT_FRAMEWORKS;
    private File outDir;
    private long warmupMs = DEFAULT_WARMUP_MS;
    private long afterMs = DEFAULT_AFTER_MS;
    private int inFlight = DEFAULT_IN_FLIGHT;
    private String agentResources = ScaleBenchContext.DEFAULT_AGENT_RESOURCES;
    private String taskResources = ScaleBenchContext.DEFAULT_TASK_RESOURCES;
    private String masterHeap = DEFAULT_MASTER_HEAP;
    private List<String> masterJvmOptions = DEFAULT_MASTER_JVM_OPTIONS;
    private List<String> masterArgs = List.of();
    private List<String> effectiveMasterArgs;
    private int basePort;
    private boolean keepDirs;
    private final ResourceNames names = new ResourceNames();
    private Resources parsedAgentResources;
    private Resources parsedTaskResources;

    /**
     * Validate and fill in defaults.
     *
     * @return this.
     * @throws IllegalArgumentException naming the bad setting.
     * @throws IllegalStateException    when called twice.
     */
    public FailoverBenchContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("FailoverBenchContext already concluded");
        }
        isConcluded = true;
        if (3 != members && 5 != members)
        {
            throw new IllegalArgumentException("--members must be 3 or 5, got " + members);
        }
        if (agents < 1 || agents > MAX_AGENTS)
        {
            throw new IllegalArgumentException("--agents must be between 1 and " + MAX_AGENTS + ", got " + agents);
        }
        if (frameworks < 1 || frameworks > MAX_FRAMEWORKS)
        {
            throw new IllegalArgumentException("--frameworks must be between 1 and " + MAX_FRAMEWORKS + ", got " + frameworks);
        }
        if (warmupMs <= 0 || afterMs < 0 || inFlight < 1)
        {
            throw new IllegalArgumentException("--warmup and --in-flight must be positive, --after at least 0");
        }
        parsedAgentResources = parse("--agent-resources", agentResources);
        parsedTaskResources = parse("--task-resources", taskResources);
        if (!parsedAgentResources.contains(parsedTaskResources))
        {
            throw new IllegalArgumentException("--task-resources " + taskResources + " do not fit on an agent of " + agentResources);
        }
        effectiveMasterArgs = MasterArgs.merge(DEFAULT_MASTER_ARGS, masterArgs);
        return this;
    }

    private Resources parse(final String flag, final String text)
    {
        try
        {
            return ResourcesParser.parse(text, names);
        }
        catch (final ResourceParseException ex)
        {
            throw new IllegalArgumentException(flag + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param members masters to run, 3 or 5.
     * @return this.
     */
    public FailoverBenchContext members(final int members)
    {
        this.members = members;
        return this;
    }

    /**
     * @return masters to run.
     */
    public int members()
    {
        return members;
    }

    /**
     * @param agents agents to emulate.
     * @return this.
     */
    public FailoverBenchContext agents(final int agents)
    {
        this.agents = agents;
        return this;
    }

    /**
     * @return agents to emulate.
     */
    public int agents()
    {
        return agents;
    }

    /**
     * @param frameworks frameworks to emulate.
     * @return this.
     */
    public FailoverBenchContext frameworks(final int frameworks)
    {
        this.frameworks = frameworks;
        return this;
    }

    /**
     * @return frameworks to emulate.
     */
    public int frameworks()
    {
        return frameworks;
    }

    /**
     * @param outDir where results go; null for a new temporary directory.
     * @return this.
     */
    public FailoverBenchContext outDir(final File outDir)
    {
        this.outDir = outDir;
        return this;
    }

    /**
     * @return where results go; null for a new temporary directory.
     */
    public File outDir()
    {
        return outDir;
    }

    /**
     * @param warmupMs how long tasks launch before the kill.
     * @return this.
     */
    public FailoverBenchContext warmupMs(final long warmupMs)
    {
        this.warmupMs = warmupMs;
        return this;
    }

    /**
     * @return how long tasks launch before the kill.
     */
    public long warmupMs()
    {
        return warmupMs;
    }

    /**
     * @param afterMs how long tasks launch after the first offer from the new leader.
     * @return this.
     */
    public FailoverBenchContext afterMs(final long afterMs)
    {
        this.afterMs = afterMs;
        return this;
    }

    /**
     * @return how long tasks launch after the first offer from the new leader.
     */
    public long afterMs()
    {
        return afterMs;
    }

    /**
     * @param inFlight tasks in flight at most, over all frameworks (at least one per framework).
     * @return this.
     */
    public FailoverBenchContext inFlight(final int inFlight)
    {
        this.inFlight = inFlight;
        return this;
    }

    /**
     * @return tasks in flight at most.
     */
    public int inFlight()
    {
        return inFlight;
    }

    /**
     * @param resources each agent's resources.
     * @return this.
     */
    public FailoverBenchContext agentResources(final String resources)
    {
        this.agentResources = resources;
        return this;
    }

    /**
     * @return each agent's resources.
     */
    public String agentResources()
    {
        return agentResources;
    }

    /**
     * @param resources each task's resources.
     * @return this.
     */
    public FailoverBenchContext taskResources(final String resources)
    {
        this.taskResources = resources;
        return this;
    }

    /**
     * @return each task's resources.
     */
    public String taskResources()
    {
        return taskResources;
    }

    /**
     * @param heap each master's maximum heap, as for {@code -Xmx}.
     * @return this.
     */
    public FailoverBenchContext masterHeap(final String heap)
    {
        this.masterHeap = heap;
        return this;
    }

    /**
     * @return each master's maximum heap.
     */
    public String masterHeap()
    {
        return masterHeap;
    }

    /**
     * @param options JVM options for the masters besides the heap, replacing {@link #DEFAULT_MASTER_JVM_OPTIONS}.
     * @return this.
     */
    public FailoverBenchContext masterJvmOptions(final List<String> options)
    {
        this.masterJvmOptions = List.copyOf(options);
        return this;
    }

    /**
     * @return JVM options for the masters besides the heap.
     */
    public List<String> masterJvmOptions()
    {
        return masterJvmOptions;
    }

    /**
     * @param args flags of {@code allot master} that replace or add to {@link #DEFAULT_MASTER_ARGS}.
     * @return this.
     */
    public FailoverBenchContext masterArgs(final List<String> args)
    {
        this.masterArgs = List.copyOf(args);
        return this;
    }

    /**
     * @return the flags the masters run with, after {@link #conclude()}: the defaults with the given ones merged in.
     */
    public List<String> effectiveMasterArgs()
    {
        return effectiveMasterArgs;
    }

    /**
     * @param port the first master's base port (the others follow 10 apart); 0 to find free ones.
     * @return this.
     */
    public FailoverBenchContext basePort(final int port)
    {
        this.basePort = port;
        return this;
    }

    /**
     * @return the first master's base port; 0 to find free ones.
     */
    public int basePort()
    {
        return basePort;
    }

    /**
     * @param keep keep the masters' directories after the run.
     * @return this.
     */
    public FailoverBenchContext keepDirs(final boolean keep)
    {
        this.keepDirs = keep;
        return this;
    }

    /**
     * @return keep the masters' directories after the run.
     */
    public boolean keepDirs()
    {
        return keepDirs;
    }

    Resources parsedAgentResources()
    {
        return parsedAgentResources;
    }

    Resources parsedTaskResources()
    {
        return parsedTaskResources;
    }
}
