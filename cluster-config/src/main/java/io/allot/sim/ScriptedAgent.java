/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;
import java.util.Iterator;

/**
 * A scripted agent: it reports {@code TASK_RUNNING} as soon as a task arrives and {@code TASK_FINISHED} after its
 * framework's task duration, {@code TASK_KILLED} for a kill or a framework shutdown; it keeps every update until it is
 * acknowledged and resends it every 10 s of virtual time; it answers pings unless silenced, and forgets everything
 * when the master shuts it down. A silenced agent is cut off: it neither hears nor says anything again.
 */
final class ScriptedAgent
{
    /** How often an unacknowledged update is sent again. */
    static final long RESEND_INTERVAL_MS = 10_000;

    final AgentSpec spec;
    private final SimCluster cluster;
    private final Long2ObjectHashMap<Long2ObjectHashMap<SimTask>> tasksByFramework = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<PendingUpdate> pending = new Long2ObjectHashMap<>();
    private long agentId;
    private boolean silenced;
    private boolean shutdown;

    ScriptedAgent(final AgentSpec spec, final SimCluster cluster)
    {
        this.spec = spec;
        this.cluster = cluster;
    }

    long agentId()
    {
        return agentId;
    }

    /**
     * @return whether the agent hears and answers the master.
     */
    boolean isReachable()
    {
        return !silenced && !shutdown;
    }

    void register(final long correlationId)
    {
        cluster.proxy.registerAgent(SimCluster.AGENT_SESSION, correlationId, spec);
    }

    void onRegistered(final long agentId)
    {
        this.agentId = agentId;
        cluster.bindAgent(agentId, this);
    }

    void silence()
    {
        silenced = true;
    }

    void onRunTask(final long frameworkId, final long taskId)
    {
        Long2ObjectHashMap<SimTask> tasks = tasksByFramework.get(frameworkId);
        if (null == tasks)
        {
            tasks = new Long2ObjectHashMap<>();
            tasksByFramework.put(frameworkId, tasks);
        }
        if (tasks.containsKey(taskId))
        {
            return;
        }

        final SimTask task = new SimTask(this, frameworkId, taskId);
        tasks.put(taskId, task);
        report(frameworkId, taskId, TaskState.TASK_RUNNING, TaskReason.NONE);

        final long durationMs = cluster.taskDurationMs(frameworkId);
        if (Durations.INFINITE != durationMs)
        {
            cluster.events.schedule(cluster.nowMs() + durationMs, SimEvent.TASK_FINISH, task);
        }
    }

    void onKillTask(final long frameworkId, final long taskId)
    {
        final Long2ObjectHashMap<SimTask> tasks = tasksByFramework.get(frameworkId);
        final SimTask task = null == tasks ? null : tasks.remove(taskId);
        if (null != task)
        {
            task.live = false;
            report(frameworkId, taskId, TaskState.TASK_KILLED, TaskReason.KILLED_BY_SCHEDULER);
        }
    }

    /**
     * The master removed the framework: kill its tasks and report each {@code TASK_KILLED} once, without keeping the
     * updates, since nobody is left to acknowledge them (Mesos's agent cleans up the framework's update streams).
     */
    void onShutdownFramework(final long frameworkId)
    {
        final Iterator<PendingUpdate> updates = pending.values().iterator();
        while (updates.hasNext())
        {
            final PendingUpdate update = updates.next();
            if (update.frameworkId == frameworkId)
            {
                update.acknowledged = true;
                updates.remove();
            }
        }

        final Long2ObjectHashMap<SimTask> tasks = tasksByFramework.remove(frameworkId);
        if (null == tasks)
        {
            return;
        }

        final long[] taskIds = new long[tasks.size()];
        int count = 0;
        for (final SimTask task : tasks.values())
        {
            task.live = false;
            taskIds[count++] = task.taskId;
        }
        Arrays.sort(taskIds);
        cluster.frameworkShutDown(frameworkId);
        for (final long taskId : taskIds)
        {
            final PendingUpdate update = new PendingUpdate(this, frameworkId, taskId, TaskState.TASK_KILLED,
                TaskReason.FRAMEWORK_REMOVED, cluster.nextUuidHalf(), cluster.nextUuidHalf(), cluster.nowMs());
            cluster.proxy.statusUpdate(SimCluster.AGENT_SESSION, agentId, update);
        }
    }

    void onStatusUpdateAck(final long uuidMsb, final long uuidLsb)
    {
        final PendingUpdate update = pending.get(uuidMsb);
        if (null != update && update.uuidLsb == uuidLsb)
        {
            pending.remove(uuidMsb);
            update.acknowledged = true;
        }
    }

    void onPing(final long sequence)
    {
        cluster.proxy.agentPong(SimCluster.AGENT_SESSION, agentId, sequence);
    }

    void onShutdownAgent()
    {
        shutdown = true;
        for (final Long2ObjectHashMap<SimTask> tasks : tasksByFramework.values())
        {
            for (final SimTask task : tasks.values())
            {
                task.live = false;
            }
        }
        tasksByFramework.clear();
        for (final PendingUpdate update : pending.values())
        {
            update.acknowledged = true;
        }
        pending.clear();
    }

    void finish(final SimTask task)
    {
        if (!task.live || shutdown)
        {
            return;
        }

        task.live = false;
        final Long2ObjectHashMap<SimTask> tasks = tasksByFramework.get(task.frameworkId);
        if (null != tasks)
        {
            tasks.remove(task.taskId);
        }
        report(task.frameworkId, task.taskId, TaskState.TASK_FINISHED, TaskReason.NONE);
    }

    void resend(final PendingUpdate update)
    {
        if (update.acknowledged || !isReachable())
        {
            return;
        }

        cluster.proxy.statusUpdate(SimCluster.AGENT_SESSION, agentId, update);
        cluster.events.schedule(cluster.nowMs() + RESEND_INTERVAL_MS, SimEvent.RESEND, update);
    }

    private void report(final long frameworkId, final long taskId, final TaskState state, final TaskReason reason)
    {
        final long nowMs = cluster.nowMs();
        final PendingUpdate update = new PendingUpdate(
            this, frameworkId, taskId, state, reason, cluster.nextUuidHalf(), cluster.nextUuidHalf(), nowMs);
        pending.put(update.uuidMsb, update);
        if (isReachable())
        {
            cluster.proxy.statusUpdate(SimCluster.AGENT_SESSION, agentId, update);
            cluster.events.schedule(nowMs + RESEND_INTERVAL_MS, SimEvent.RESEND, update);
        }
    }
}
