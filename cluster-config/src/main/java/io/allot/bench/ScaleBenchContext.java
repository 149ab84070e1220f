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
 * Configuration of {@link ScaleBench}: how many agents and frameworks, their shapes, the load, and the master's JVM.
 * {@link #conclude()} validates it with a one-line message per mistake.
 */
public final class ScaleBenchContext
{
    /** Mesos's allocator benchmarks use this agent (hierarchical_allocator_tests.cpp). */
    public static final String DEFAULT_AGENT_RESOURCES = "cpus:2;mem:1024;disk:4096;ports:[31000-32000]";
    /** A small task: many fit on an agent. */
    public static final String DEFAULT_TASK_RESOURCES = "cpus:0.1;mem:32";
    /** Most agents a run accepts. */
    public static final int MAX_AGENTS = 10_000_000;
    /** Most frameworks a run accepts. */
    public static final int MAX_FRAMEWORKS = 100_000;
    static final long DEFAULT_DURATION_MS = 10_000;
    static final int DEFAULT_IN_FLIGHT = 1_000;
    static final int DEFAULT_AGENT_SESSIONS = 4;
    static final int DEFAULT_MAX_FRAMEWORK_SESSIONS = 4;
    /**
     * Sessions the emulator may open: Aeron Cluster refuses more than 10 concurrent sessions by default
     * ({@code aeron.cluster.max.sessions}); one is the holder framework's, one is left for an operator.
     */
    static final int MAX_SESSIONS = 8;
    static final String DEFAULT_MASTER_HEAP = "4g";
    /** Above this many agents the bench keeps the master's pings out of the run ({@link #LARGE_PING_TIMEOUT}). */
    static final int LARGE_AGENTS = 150_000;
    /**
     * The master's {@code agent_ping_timeout} above {@value #LARGE_AGENTS} agents: longer than a run. Agents that
     * registered within seconds come due for a ping together, and every pong is an entry of the replicated log; a
     * million pongs within a second or two, while the master works through inputs that visit every agent (each
     * Subscribe), fill the log, and the cluster closes every session that cannot get a message in for its session
     * timeout (measured: at 1,000,000 agents the run failed this way with a 15 s and with a 100 s ping timeout).
     */
    static final String LARGE_PING_TIMEOUT = "30m";

    private boolean isConcluded;
    private int agents = -1;
    private int frameworks = -1;
    private File outDir;
    private long durationMs = DEFAULT_DURATION_MS;
    private int inFlight = DEFAULT_IN_FLIGHT;
    private String agentResources = DEFAULT_AGENT_RESOURCES;
    private String taskResources = DEFAULT_TASK_RESOURCES;
    private int agentSessions = DEFAULT_AGENT_SESSIONS;
    private int frameworkSessions;
    private String masterHeap = DEFAULT_MASTER_HEAP;
    private List<String> masterJvmOptions = List.of();
    private List<String> masterArgs = List.of();
    private List<String> effectiveMasterArgs;
    private int basePort;
    private boolean keepDirs;
    private boolean profile;
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
    public ScaleBenchContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("ScaleBenchContext already concluded");
        }
        isConcluded = true;
        if (agents < 1 || agents > MAX_AGENTS)
        {
            throw new IllegalArgumentException("--agents must be between 1 and " + MAX_AGENTS + ", got " + agents);
        }
        if (frameworks < 1 || frameworks > MAX_FRAMEWORKS)
        {
            throw new IllegalArgumentException("--frameworks must be between 1 and " + MAX_FRAMEWORKS + ", got " + frameworks);
        }
        if (durationMs < 0 || inFlight < 1 || agentSessions < 1 || agentSessions > agents || frameworkSessions < 0)
        {
            throw new IllegalArgumentException("--duration, --in-flight and the session counts must be positive, and there must be " +
                "no more agent sessions than agents");
        }
        if (0 == frameworkSessions)
        {
            frameworkSessions = Math.min(frameworks, DEFAULT_MAX_FRAMEWORK_SESSIONS);
        }
        frameworkSessions = Math.min(frameworkSessions, frameworks);
        if (agentSessions + frameworkSessions > MAX_SESSIONS)
        {
            throw new IllegalArgumentException("--agent-sessions and --framework-sessions may add up to " + MAX_SESSIONS +
                " (the master takes 10 concurrent sessions: one is the holder framework's, one is left for an operator), got " +
                agentSessions + " + " + frameworkSessions);
        }
        effectiveMasterArgs = MasterArgs.merge(agents > LARGE_AGENTS ? List.of("--agent-ping-timeout", LARGE_PING_TIMEOUT) :
            List.of(), masterArgs);
        parsedAgentResources = parse("--agent-resources", agentResources);
        parsedTaskResources = parse("--task-resources", taskResources);
        if (!parsedAgentResources.contains(parsedTaskResources))
        {
            throw new IllegalArgumentException("--task-resources " + taskResources + " do not fit on an agent of " + agentResources);
        }
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
     * @param agents agents to emulate.
     * @return this.
     */
    public ScaleBenchContext agents(final int agents)
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
    public ScaleBenchContext frameworks(final int frameworks)
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
    public ScaleBenchContext outDir(final File outDir)
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
     * @param durationMs how long the frameworks launch tasks.
     * @return this.
     */
    public ScaleBenchContext durationMs(final long durationMs)
    {
        this.durationMs = durationMs;
        return this;
    }

    /**
     * @return how long the frameworks launch tasks.
     */
    public long durationMs()
    {
        return durationMs;
    }

    /**
     * @param inFlight tasks in flight at most, over all frameworks (at least one per framework).
     * @return this.
     */
    public ScaleBenchContext inFlight(final int inFlight)
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
     * @param resources each agent's resources, Mesos syntax.
     * @return this.
     */
    public ScaleBenchContext agentResources(final String resources)
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
     * @param resources each task's resources, Mesos syntax.
     * @return this.
     */
    public ScaleBenchContext taskResources(final String resources)
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
     * @param sessions cluster sessions the agents share.
     * @return this.
     */
    public ScaleBenchContext agentSessions(final int sessions)
    {
        this.agentSessions = sessions;
        return this;
    }

    /**
     * @return cluster sessions the agents share.
     */
    public int agentSessions()
    {
        return agentSessions;
    }

    /**
     * @param sessions cluster sessions the frameworks share; 0 for one per framework up to four.
     * @return this.
     */
    public ScaleBenchContext frameworkSessions(final int sessions)
    {
        this.frameworkSessions = sessions;
        return this;
    }

    /**
     * @return cluster sessions the frameworks share.
     */
    public int frameworkSessions()
    {
        return frameworkSessions;
    }

    /**
     * @param heap the master's maximum heap, as for {@code -Xmx}.
     * @return this.
     */
    public ScaleBenchContext masterHeap(final String heap)
    {
        this.masterHeap = heap;
        return this;
    }

    /**
     * @return the master's maximum heap.
     */
    public String masterHeap()
    {
        return masterHeap;
    }

    /**
     * @param options more JVM options for the master, such as {@code -XX:+UseSerialGC}.
     * @return this.
     */
    public ScaleBenchContext masterJvmOptions(final List<String> options)
    {
        this.masterJvmOptions = List.copyOf(options);
        return this;
    }

    /**
     * @return more JVM options for the master.
     */
    public List<String> masterJvmOptions()
    {
        return masterJvmOptions;
    }

    /**
     * @param args more flags of {@code allot master}, such as {@code --agent-ping-timeout 30s}.
     * @return this.
     */
    public ScaleBenchContext masterArgs(final List<String> args)
    {
        this.masterArgs = List.copyOf(args);
        return this;
    }

    /**
     * @return the flags the master runs with, after {@link #conclude()}: above {@value #LARGE_AGENTS} agents
     *         {@code --agent-ping-timeout} {@value #LARGE_PING_TIMEOUT}, then the given ones.
     */
    public List<String> effectiveMasterArgs()
    {
        return effectiveMasterArgs;
    }

    /**
     * @param port the master's base port; 0 to find a free one.
     * @return this.
     */
    public ScaleBenchContext basePort(final int port)
    {
        this.basePort = port;
        return this;
    }

    /**
     * @return the master's base port; 0 to find a free one.
     */
    public int basePort()
    {
        return basePort;
    }

    /**
     * @param keep keep the master's directory (its recorded log) after the run.
     * @return this.
     */
    public ScaleBenchContext keepDirs(final boolean keep)
    {
        this.keepDirs = keep;
        return this;
    }

    /**
     * @return keep the master's directory after the run.
     */
    public boolean keepDirs()
    {
        return keepDirs;
    }

    /**
     * @param profile record the master with JDK Flight Recorder during the allocation pass and summarise the samples.
     * @return this.
     */
    public ScaleBenchContext profile(final boolean profile)
    {
        this.profile = profile;
        return this;
    }

    /**
     * @return record the master during the allocation pass.
     */
    public boolean profile()
    {
        return profile;
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
