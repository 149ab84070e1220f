/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import java.util.Arrays;

import io.allot.codecs.TaskStates;
import io.allot.codecs.sbe.AgentState;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.FrameworkState;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;

/**
 * Agent lifecycle: registration, re-registration, health checks through pings kept as timer data (Mesos's
 * {@code agent_ping_timeout} and {@code max_agent_ping_timeouts}), operator deactivation and removal, and the
 * loss of an agent, whose offers are rescinded and whose tasks become TASK_LOST (TASK_UNREACHABLE for
 * partition-aware frameworks) with a Failure event to every framework.
 */
final class Agents
{
    private final EngineState s;
    private final Allocator allocator;
    private final Tasks tasks;
    private final Resources used;
    private long[] scratchIds = new long[16];

    Agents(final EngineState state, final Allocator allocator, final Tasks tasks)
    {
        this.s = state;
        this.allocator = allocator;
        this.tasks = tasks;
        this.used = new Resources(state.names);
    }

    void onRegister(
        final long sessionId,
        final long correlationId,
        final Resources total,
        final String hostname,
        final String attributes,
        final int templateId)
    {
        if (!validate(sessionId, correlationId, 0, total, attributes, templateId))
        {
            return;
        }
        final long agentId = s.nextAgentId++;
        final AgentTable agents = s.agents;
        final int agent = agents.add(agentId);
        agents.sessionId[agent] = sessionId;
        agents.state[agent] = AgentState.ACTIVE;
        agents.registeredAtMs[agent] = s.nowMs;
        agents.nextPingMs[agent] = s.nowMs + s.ctx.agentPingTimeoutMs();
        agents.hostname[agent] = hostname;
        agents.attributes[agent] = attributes;
        agents.setTotal(agent, total);
        agents.readTotal(agent, s.scratch);
        agents.addFree(agent, s.scratch);
        addToClusterTotal(total, +1);
        s.output.agentRegistered(sessionId, correlationId, agentId, s.ctx.agentPingTimeoutMs());
        allocator.markDirty(agent);
    }

    /**
     * A known agent registers again, e.g. on a new session after a disconnection. Tasks it no longer runs are
     * lost; tasks it runs that the master does not know are killed.
     */
    void onReregister(
        final long sessionId,
        final long agentId,
        final long correlationId,
        final Resources total,
        final long[] reportedFrameworkIds,
        final long[] reportedTaskIds,
        final int reportedCount,
        final String hostname,
        final String attributes,
        final int templateId)
    {
        final AgentTable agents = s.agents;
        final int agent = agents.slot(agentId);
        if (IdSlots.NONE == agent)
        {
            s.output.shutdownAgent(sessionId, agentId, TaskReason.AGENT_REMOVED);
            s.error(sessionId, correlationId, 0, agentId, ErrorCode.UNKNOWN_AGENT, templateId,
                s.text().append("agent ").append(agentId).append(" is unknown or was removed: register as a new agent"));
            return;
        }
        if (!validate(sessionId, correlationId, agentId, total, attributes, templateId) ||
            !updateTotal(sessionId, correlationId, agent, total, templateId))
        {
            return;
        }
        agents.sessionId[agent] = sessionId;
        if (AgentState.DISCONNECTED == agents.state[agent])
        {
            agents.state[agent] = AgentState.ACTIVE;
        }
        agents.hostname[agent] = hostname;
        agents.attributes[agent] = attributes;
        agents.missedPings[agent] = 0;
        agents.pongSequence[agent] = agents.pingSequence[agent];

        for (int i = 0; i < reportedCount; i++)
        {
            final int framework = s.frameworks.slot(reportedFrameworkIds[i]);
            final int task = IdSlots.NONE == framework ? IdSlots.NONE : s.frameworks.taskSlot(framework, reportedTaskIds[i]);
            if (IdSlots.NONE == task || s.tasks.agentSlot[task] != agent)
            {
                s.output.killTask(sessionId, agentId, reportedFrameworkIds[i], reportedTaskIds[i], -1);
            }
        }
        int missing = 0;
        for (int task = agents.firstTask[agent]; IdSlots.NONE != task; task = s.tasks.nextOnAgent[task])
        {
            if (!TaskStates.isTerminal(s.tasks.state[task]) && !isReported(task, reportedFrameworkIds, reportedTaskIds, reportedCount))
            {
                missing = add(missing, s.tasks.sequence[task]);
            }
        }
        LongSort.sort(scratchIds, 0, missing);
        for (int i = 0; i < missing; i++)
        {
            final int task = s.tasks.slots.slot(scratchIds[i]);
            final boolean partitionAware = s.frameworks.partitionAware[s.tasks.frameworkSlot[task]];
            tasks.masterUpdate(task, partitionAware ? TaskState.TASK_DROPPED : TaskState.TASK_LOST, TaskReason.AGENT_RESTARTED,
                "the agent re-registered without this task");
        }
        s.output.agentReregistered(sessionId, correlationId, agentId);
        allocator.markDirty(agent);
    }

    private boolean isReported(final int task, final long[] frameworkIds, final long[] taskIds, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (frameworkIds[i] == s.tasks.frameworkId[task] && taskIds[i] == s.tasks.taskId[task])
            {
                return true;
            }
        }
        return false;
    }

    void onPong(final int agent, final long sequence)
    {
        if (sequence == s.agents.pingSequence[agent])
        {
            s.agents.pongSequence[agent] = sequence;
            s.agents.missedPings[agent] = 0;
        }
    }

    /**
     * Look up an agent named by a message from an agent and check the session speaks for it.
     *
     * @return the slot or {@link IdSlots#NONE} after an error was sent.
     */
    int require(final long sessionId, final long agentId, final int templateId)
    {
        final int agent = s.agents.slot(agentId);
        if (IdSlots.NONE == agent)
        {
            s.error(sessionId, 0, 0, agentId, ErrorCode.UNKNOWN_AGENT, templateId,
                s.text().append("agent ").append(agentId).append(" is unknown or was removed"));
            return IdSlots.NONE;
        }
        if (s.agents.sessionId[agent] != sessionId)
        {
            s.error(sessionId, 0, 0, agentId, ErrorCode.AGENT_OF_ANOTHER_SESSION, templateId,
                s.text().append("agent ").append(agentId).append(" is registered on another session"));
            return IdSlots.NONE;
        }
        return agent;
    }

    /**
     * Operator lookup: any session may name any agent.
     */
    int requireKnown(final long sessionId, final long correlationId, final long agentId, final int templateId)
    {
        final int agent = s.agents.slot(agentId);
        if (IdSlots.NONE == agent)
        {
            s.error(sessionId, correlationId, 0, agentId, ErrorCode.UNKNOWN_AGENT, templateId,
                s.text().append("agent ").append(agentId).append(" is unknown or was removed"));
        }
        return agent;
    }

    void deactivate(final int agent)
    {
        s.agents.state[agent] = AgentState.DEACTIVATED;
        allocator.rescindOffersOfAgent(agent);
    }

    void reactivate(final int agent)
    {
        s.agents.state[agent] = AgentState.ACTIVE;
        allocator.markDirty(agent);
    }

    void onSessionClosed(final long sessionId)
    {
        final IdSlots slots = s.agents.slots;
        for (int i = 0; i < slots.orderCount(); i++)
        {
            final int agent = slots.orderSlot(i);
            if (IdSlots.NONE != agent && s.agents.sessionId[agent] == sessionId && AgentState.ACTIVE == s.agents.state[agent])
            {
                s.agents.state[agent] = AgentState.DISCONNECTED;
                allocator.rescindOffersOfAgent(agent);
            }
        }
    }

    /**
     * Change an agent's total. Refused when the new total cannot hold what its tasks use.
     */
    boolean updateTotal(
        final long sessionId, final long correlationId, final int agent, final Resources total, final int templateId)
    {
        final AgentTable agents = s.agents;
        agents.readTotal(agent, s.scratch);
        if (s.scratch.equals(total))
        {
            return true;
        }
        used.clear();
        for (int task = agents.firstTask[agent]; IdSlots.NONE != task; task = s.tasks.nextOnAgent[task])
        {
            if (s.tasks.holdsResources[task])
            {
                s.tasks.read(task, s.scratch2);
                used.add(s.scratch2);
            }
        }
        if (!total.contains(used))
        {
            final StringBuilder text = s.text().append("agent ").append(agents.id[agent]).append(": tasks use ");
            used.appendTo(text).append(", more than the new total ");
            total.appendTo(text);
            s.error(sessionId, correlationId, 0, agents.id[agent], ErrorCode.INSUFFICIENT_RESOURCES, templateId, text);
            return false;
        }
        allocator.rescindOffersOfAgent(agent);
        addToClusterTotal(s.scratch, -1);
        agents.setTotal(agent, total);
        addToClusterTotal(total, +1);
        agents.readFree(agent, s.scratch);
        agents.subtractFree(agent, s.scratch);
        agents.addFree(agent, total);
        agents.subtractFree(agent, used);
        allocator.markDirty(agent);
        return true;
    }

    /**
     * Periodic pass: ping every agent whose ping is due, counting the pings left unanswered; an agent that misses
     * {@code max_agent_ping_timeouts} in a row is lost.
     */
    void onPeriodicPass()
    {
        final AgentTable agents = s.agents;
        final IdSlots slots = agents.slots;
        for (int i = 0; i < slots.orderCount(); i++)
        {
            final int agent = slots.orderSlot(i);
            if (IdSlots.NONE == agent || s.nowMs < agents.nextPingMs[agent])
            {
                continue;
            }
            if (agents.pingSequence[agent] > agents.pongSequence[agent])
            {
                agents.missedPings[agent]++;
                if (agents.missedPings[agent] >= s.ctx.maxAgentPingTimeouts())
                {
                    remove(agent, TaskState.TASK_UNREACHABLE, TaskReason.AGENT_UNREACHABLE, "agent unreachable: health checks failed");
                    continue;
                }
            }
            agents.pingSequence[agent]++;
            agents.nextPingMs[agent] = s.nowMs + s.ctx.agentPingTimeoutMs();
            s.output.agentPing(agents.sessionId[agent], agents.id[agent], agents.pingSequence[agent]);
        }
    }

    /**
     * Remove an agent: rescind its offers, drop filters on it, move its tasks to TASK_LOST (or the given state for
     * partition-aware frameworks), and tell every framework with a Failure event.
     */
    void remove(final int agent, final TaskState partitionAwareState, final TaskReason reason, final String message)
    {
        final AgentTable agents = s.agents;
        final long agentId = agents.id[agent];
        allocator.rescindOffersOfAgent(agent);
        final FilterTable filters = s.filters;
        for (int i = 0; i < filters.slots.orderCount(); i++)
        {
            final int filter = filters.slots.orderSlot(i);
            if (IdSlots.NONE != filter && filters.agentSlot[filter] == agent)
            {
                filters.remove(filter);
            }
        }

        int count = 0;
        for (int task = agents.firstTask[agent]; IdSlots.NONE != task; task = s.tasks.nextOnAgent[task])
        {
            count = add(count, s.tasks.sequence[task]);
        }
        LongSort.sort(scratchIds, 0, count);
        for (int i = 0; i < count; i++)
        {
            final int task = s.tasks.slots.slot(scratchIds[i]);
            tasks.detachFromAgent(task);
            if (!TaskStates.isTerminal(s.tasks.state[task]))
            {
                final boolean partitionAware = s.frameworks.partitionAware[s.tasks.frameworkSlot[task]];
                tasks.masterUpdate(task, partitionAware ? partitionAwareState : TaskState.TASK_LOST, reason, message);
            }
        }

        agents.readTotal(agent, s.scratch);
        addToClusterTotal(s.scratch, -1);
        agents.remove(agent);

        final IdSlots frameworkSlots = s.frameworks.slots;
        for (int i = 0; i < frameworkSlots.orderCount(); i++)
        {
            final int framework = frameworkSlots.orderSlot(i);
            if (IdSlots.NONE != framework && FrameworkState.ACTIVE == s.frameworks.state[framework])
            {
                s.output.failure(s.frameworks.sessionId[framework], s.frameworks.id[framework], agentId, 0, 0);
            }
        }
    }

    private void addToClusterTotal(final Resources resources, final int sign)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            s.clusterTotal[d] += sign * resources.scalar(d);
        }
        allocator.totalChanged();
    }

    private boolean validate(
        final long sessionId,
        final long correlationId,
        final long agentId,
        final Resources total,
        final String attributes,
        final int templateId)
    {
        if (total.isEmpty() || total.hasNegative())
        {
            s.error(sessionId, correlationId, 0, agentId, ErrorCode.INVALID_RESOURCES, templateId,
                "an agent must register some resources, none negative");
            return false;
        }
        final String attributeError = Attributes.validate(attributes);
        if (null != attributeError)
        {
            s.error(sessionId, correlationId, 0, agentId, ErrorCode.INVALID_ARGUMENT, templateId, attributeError);
            return false;
        }
        return true;
    }

    private int add(final int count, final long value)
    {
        if (count == scratchIds.length)
        {
            scratchIds = Arrays.copyOf(scratchIds, count * 2);
        }
        scratchIds[count] = value;
        return count + 1;
    }
}
