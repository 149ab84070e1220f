/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.SplittableRandom;

/**
 * The scripted side of a simulated cluster: what the scripted frameworks and agents share to reach the engine, the
 * agenda and the recorder, and to find each other by the ids the engine assigned.
 */
final class SimCluster
{
    /** The one session all scripted agents speak on. */
    static final long AGENT_SESSION = 1;
    /** The session of the scripted operator. */
    static final long OPERATOR_SESSION = 2;
    /** First session of the scripted frameworks, each of which gets its own. */
    static final long FIRST_FRAMEWORK_SESSION = 100;

    final EngineProxy proxy;
    final EventQueue events;
    final SimRecorder recorder;
    private final SplittableRandom random;
    private final Long2ObjectHashMap<ScriptedFramework> frameworksBySession = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<ScriptedFramework> frameworksById = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<ScriptedAgent> agentsById = new Long2ObjectHashMap<>();
    private final LongHashSet frameworksShutDown = new LongHashSet();
    private long nextSessionId = FIRST_FRAMEWORK_SESSION;
    private long nextCorrelationId = 1;

    SimCluster(final EngineProxy proxy, final EventQueue events, final SimRecorder recorder, final long seed)
    {
        this.proxy = proxy;
        this.events = events;
        this.recorder = recorder;
        this.random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    }

    long nowMs()
    {
        return proxy.nowMs();
    }

    long nextSessionId()
    {
        return nextSessionId++;
    }

    long nextCorrelationId()
    {
        return nextCorrelationId++;
    }

    /**
     * @return a random 64-bit value, never 0, for uuids of status updates.
     */
    long nextUuidHalf()
    {
        long value;
        do
        {
            value = random.nextLong();
        }
        while (0 == value);

        return value;
    }

    void bindSession(final long sessionId, final ScriptedFramework framework)
    {
        frameworksBySession.put(sessionId, framework);
    }

    void unbindSession(final long sessionId)
    {
        frameworksBySession.remove(sessionId);
    }

    ScriptedFramework frameworkBySession(final long sessionId)
    {
        return frameworksBySession.get(sessionId);
    }

    void bindFramework(final long frameworkId, final ScriptedFramework framework)
    {
        frameworksById.put(frameworkId, framework);
    }

    ScriptedFramework frameworkById(final long frameworkId)
    {
        return frameworksById.get(frameworkId);
    }

    void frameworkShutDown(final long frameworkId)
    {
        frameworksShutDown.add(frameworkId);
    }

    /**
     * @param frameworkId assigned by the engine.
     * @return whether the master told an agent to shut the framework down, so it no longer knows its tasks.
     */
    boolean isShutDown(final long frameworkId)
    {
        return frameworksShutDown.contains(frameworkId);
    }

    void bindAgent(final long agentId, final ScriptedAgent agent)
    {
        agentsById.put(agentId, agent);
    }

    ScriptedAgent agentById(final long agentId)
    {
        return agentsById.get(agentId);
    }

    /**
     * @param agentId assigned by the engine.
     * @return the scenario id of the agent, or the number if it is not known.
     */
    String agentName(final long agentId)
    {
        final ScriptedAgent agent = agentsById.get(agentId);
        return null == agent ? Long.toString(agentId) : agent.spec.id();
    }

    /**
     * @param frameworkId assigned by the engine.
     * @return how long the framework's tasks run, {@link Durations#INFINITE} if unknown.
     */
    long taskDurationMs(final long frameworkId)
    {
        final ScriptedFramework framework = frameworksById.get(frameworkId);
        return null == framework ? Durations.INFINITE : framework.spec.durationMs();
    }
}
