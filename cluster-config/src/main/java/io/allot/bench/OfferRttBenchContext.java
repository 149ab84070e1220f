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
 * Configuration of {@link OfferRttBench}: the masters, the agents (emulated or real), the frameworks, the request rate
 * and how long to measure. {@link #conclude()} validates it with a one-line message per mistake.
 */
public final class OfferRttBenchContext
{
    /** Each agent: one request's task takes the whole of it, so the agent's next offer is the re-offer. */
    public static final String DEFAULT_AGENT_RESOURCES = "cpus:1;mem:128";
    /** The idle strategies {@code --idle} accepts. */
    public static final List<String> IDLE_MODES = List.of(IdleMode.BACKOFF, IdleMode.SPIN, IdleMode.YIELD);
    static final int DEFAULT_EMULATED_AGENTS = 100;
    static final int DEFAULT_REAL_AGENTS = 4;
    static final int DEFAULT_FRAMEWORKS = 1;
    static final long DEFAULT_RATE = 1_000;
    static final long DEFAULT_DURATION_MS = 10_000;
    static final long DEFAULT_WARMUP_MS = 3_000;
    static final String DEFAULT_MASTER_HEAP = "1g";
    static final int MAX_EMULATED_AGENTS = 100_000;
    static final int MAX_REAL_AGENTS = 64;
    static final int MAX_FRAMEWORKS = 64;
    static final long MAX_RATE = 1_000_000;

    private boolean isConcluded;
    private int members = 1;
    private int agents;
    private int frameworks = DEFAULT_FRAMEWORKS;
    private long rate = DEFAULT_RATE;
    private long durationMs = DEFAULT_DURATION_MS;
    private long warmupMs = DEFAULT_WARMUP_MS;
    private boolean real;
    private File outDir;
    private String agentResources = DEFAULT_AGENT_RESOURCES;
    private String idle = IdleMode.BACKOFF;
    private String masterHeap = DEFAULT_MASTER_HEAP;
    private List<String> masterJvmOptions = List.of();
    private List<String> masterArgs = List.of();
    private int basePort;
    private boolean keepDirs;
    private Resources parsedAgentResources;

    /**
     * Validate and fill in defaults.
     *
     * @return this.
     * @throws IllegalArgumentException naming the bad setting.
     * @throws IllegalStateException    when called twice.
     */
    public OfferRttBenchContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("OfferRttBenchContext already concluded");
        }
        isConcluded = true;
        if (1 != members && 3 != members && 5 != members)
        {
            throw new IllegalArgumentException("--members must be 1, 3 or 5, got " + members);
        }
        if (0 == agents)
        {
            agents = real ? DEFAULT_REAL_AGENTS : DEFAULT_EMULATED_AGENTS;
        }
        final int maxAgents = real ? MAX_REAL_AGENTS : MAX_EMULATED_AGENTS;
        if (agents < 1 || agents > maxAgents)
        {
            throw new IllegalArgumentException("--agents must be between 1 and " + maxAgents + (real ? " with --real" : "") +
                ", got " + agents);
        }
        if (frameworks < 1 || frameworks > MAX_FRAMEWORKS)
        {
            throw new IllegalArgumentException("--frameworks must be between 1 and " + MAX_FRAMEWORKS + ", got " + frameworks);
        }
        if (rate < 1 || rate > MAX_RATE)
        {
            throw new IllegalArgumentException("--rate must be between 1 and " + MAX_RATE + " requests/s, got " + rate);
        }
        if (durationMs <= 0 || warmupMs < 0)
        {
            throw new IllegalArgumentException("--duration must be positive and --warmup at least 0");
        }
        if (!IDLE_MODES.contains(idle))
        {
            throw new IllegalArgumentException("--idle must be one of " + String.join(", ", IDLE_MODES) + ", got '" + idle + "'");
        }
        try
        {
            parsedAgentResources = ResourcesParser.parse(agentResources, new ResourceNames());
        }
        catch (final ResourceParseException ex)
        {
            throw new IllegalArgumentException("--agent-resources: " + ex.getMessage(), ex);
        }
        MasterArgs.merge(List.of(), masterArgs);
        return this;
    }

    /**
     * @param members masters to run: 1, 3 or 5.
     * @return this.
     */
    public OfferRttBenchContext members(final int members)
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
     * @param agents agents to emulate, or real agent processes with {@link #real(boolean)}; 0 for the default.
     * @return this.
     */
    public OfferRttBenchContext agents(final int agents)
    {
        this.agents = agents;
        return this;
    }

    /**
     * @return agents.
     */
    public int agents()
    {
        return agents;
    }

    /**
     * @param frameworks frameworks, each with its own driver.
     * @return this.
     */
    public OfferRttBenchContext frameworks(final int frameworks)
    {
        this.frameworks = frameworks;
        return this;
    }

    /**
     * @return frameworks.
     */
    public int frameworks()
    {
        return frameworks;
    }

    /**
     * @param rate requests per second over all frameworks, at a fixed rate.
     * @return this.
     */
    public OfferRttBenchContext rate(final long rate)
    {
        this.rate = rate;
        return this;
    }

    /**
     * @return requests per second.
     */
    public long rate()
    {
        return rate;
    }

    /**
     * @param durationMs how long requests are measured.
     * @return this.
     */
    public OfferRttBenchContext durationMs(final long durationMs)
    {
        this.durationMs = durationMs;
        return this;
    }

    /**
     * @return how long requests are measured.
     */
    public long durationMs()
    {
        return durationMs;
    }

    /**
     * @param warmupMs how long requests run at the same rate before the measurement, left out.
     * @return this.
     */
    public OfferRttBenchContext warmupMs(final long warmupMs)
    {
        this.warmupMs = warmupMs;
        return this;
    }

    /**
     * @return how long requests run before the measurement.
     */
    public long warmupMs()
    {
        return warmupMs;
    }

    /**
     * @param real true for {@code allot agent} processes running {@code true}, false for emulated agents.
     * @return this.
     */
    public OfferRttBenchContext real(final boolean real)
    {
        this.real = real;
        return this;
    }

    /**
     * @return whether the agents are real processes.
     */
    public boolean real()
    {
        return real;
    }

    /**
     * @param outDir where results go; null for a new temporary directory.
     * @return this.
     */
    public OfferRttBenchContext outDir(final File outDir)
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
     * @param agentResources each agent's resources, Mesos syntax; a request's task takes the whole offer.
     * @return this.
     */
    public OfferRttBenchContext agentResources(final String agentResources)
    {
        this.agentResources = agentResources;
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
     * @return each agent's resources, parsed by {@link #conclude()}.
     */
    Resources parsedAgentResources()
    {
        return parsedAgentResources;
    }

    /**
     * @param idle {@link IdleMode#BACKOFF} (Allot's default: every thread parks up to 1 ms when idle),
     *             {@link IdleMode#SPIN} (every thread of the masters and of this process busy-spins) or
     *             {@link IdleMode#YIELD} (they yield the core instead of parking).
     * @return this.
     */
    public OfferRttBenchContext idle(final String idle)
    {
        this.idle = idle;
        return this;
    }

    /**
     * @return the idle strategy of the masters and of this process.
     */
    public String idle()
    {
        return idle;
    }

    /**
     * @param masterHeap each master's {@code -Xmx}, e.g. {@code 1g}.
     * @return this.
     */
    public OfferRttBenchContext masterHeap(final String masterHeap)
    {
        this.masterHeap = masterHeap;
        return this;
    }

    /**
     * @return each master's {@code -Xmx}.
     */
    public String masterHeap()
    {
        return masterHeap;
    }

    /**
     * @param options more JVM options of the masters.
     * @return this.
     */
    public OfferRttBenchContext masterJvmOptions(final List<String> options)
    {
        this.masterJvmOptions = List.copyOf(options);
        return this;
    }

    /**
     * @return more JVM options of the masters.
     */
    public List<String> masterJvmOptions()
    {
        return masterJvmOptions;
    }

    /**
     * @param args flags of {@code allot master}.
     * @return this.
     */
    public OfferRttBenchContext masterArgs(final List<String> args)
    {
        this.masterArgs = List.copyOf(args);
        return this;
    }

    /**
     * @return flags of {@code allot master}.
     */
    public List<String> masterArgs()
    {
        return masterArgs;
    }

    /**
     * @param basePort the first master's base port, 0 for a free one.
     * @return this.
     */
    public OfferRttBenchContext basePort(final int basePort)
    {
        this.basePort = basePort;
        return this;
    }

    /**
     * @return the first master's base port, 0 for a free one.
     */
    public int basePort()
    {
        return basePort;
    }

    /**
     * @param keepDirs true to keep the masters' and the agents' directories.
     * @return this.
     */
    public OfferRttBenchContext keepDirs(final boolean keepDirs)
    {
        this.keepDirs = keepDirs;
        return this;
    }

    /**
     * @return whether the directories are kept.
     */
    public boolean keepDirs()
    {
        return keepDirs;
    }

    /**
     * @return whether {@link #conclude()} ran.
     */
    boolean isConcluded()
    {
        return isConcluded;
    }
}
