/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * A scripted framework: it launches up to {@code per_offer} tasks of one shape from each offer in one Accept with its
 * {@code refuse} filter, or declines with that filter when none fits or none is wanted; it acknowledges every update,
 * and a task that did not finish (lost, killed, failed, dropped, gone, unreachable) no longer counts, so it is
 * launched again. A revocation changes nothing: the revoked tasks run until the engine kills them at the deadline
 * ({@code TASK_KILLED} with reason {@code REVOKED}); the framework counts both.
 */
final class ScriptedFramework
{
    /** Most tasks in one Accept. */
    static final int MAX_TASKS_PER_ACCEPT = 4096;

    enum State
    {
        SUBSCRIBING, SUBSCRIBED, DISCONNECTED, REMOVED
    }

    /**
     * A task as the framework sees it.
     */
    static final class TaskView
    {
        final long agentId;
        TaskState state;

        TaskView(final long agentId, final TaskState state)
        {
            this.agentId = agentId;
            this.state = state;
        }
    }

    final FrameworkSpec spec;
    private final SimCluster cluster;
    private final Long2ObjectHashMap<TaskView> inFlight = new Long2ObjectHashMap<>();
    private final String taskNamePrefix;
    private State state = State.SUBSCRIBING;
    private long sessionId;
    private long frameworkId;
    private long nextTaskId = 1;
    private long launched;
    private long finished;
    private long revoked;
    private long revocations;

    ScriptedFramework(final FrameworkSpec spec, final SimCluster cluster)
    {
        this.spec = spec;
        this.cluster = cluster;
        this.taskNamePrefix = spec.id() + "-";
    }

    State state()
    {
        return state;
    }

    long frameworkId()
    {
        return frameworkId;
    }

    long launched()
    {
        return launched;
    }

    long finished()
    {
        return finished;
    }

    /**
     * @return tasks killed with reason {@code REVOKED}.
     */
    long revoked()
    {
        return revoked;
    }

    /**
     * @return tasks named by the engine's revocation events.
     */
    long revocations()
    {
        return revocations;
    }

    int running()
    {
        int running = 0;
        for (final TaskView view : inFlight.values())
        {
            if (TaskState.TASK_RUNNING == view.state)
            {
                running++;
            }
        }

        return running;
    }

    /**
     * Subscribe, as a new framework or, after a disconnection, with its framework id on a new session.
     */
    void subscribe()
    {
        sessionId = cluster.nextSessionId();
        cluster.bindSession(sessionId, this);
        state = State.SUBSCRIBING;
        cluster.proxy.subscribe(sessionId, cluster.nextCorrelationId(), frameworkId, spec);
    }

    void onSubscribed(final long frameworkId)
    {
        final boolean failover = 0 != this.frameworkId;
        this.frameworkId = frameworkId;
        cluster.bindFramework(frameworkId, this);
        state = State.SUBSCRIBED;
        if (failover && !inFlight.isEmpty())
        {
            reconcile();
        }
    }

    void onSubscribeRefused()
    {
        cluster.unbindSession(sessionId);
        removed();
    }

    void onOffer(final long offerId, final long agentId, final Resources offered)
    {
        final long nowMs = cluster.nowMs();
        cluster.recorder.offer(nowMs, spec.id(), offerId, cluster.agentName(agentId), offered);

        final int count = (int)Math.min(Math.min(wanted(), fit(offered)), spec.perOffer() == FrameworkSpec.ALL ?
            MAX_TASKS_PER_ACCEPT : spec.perOffer());
        if (count > 0)
        {
            final long firstTaskId = nextTaskId;
            nextTaskId += count;
            if (cluster.proxy.accept(
                sessionId, frameworkId, spec.refuseMs(), offerId, firstTaskId, count, spec.task(), taskNamePrefix))
            {
                launched += count;
                final String agentName = cluster.agentName(agentId);
                for (long taskId = firstTaskId; taskId < firstTaskId + count; taskId++)
                {
                    inFlight.put(taskId, new TaskView(agentId, TaskState.TASK_STAGING));
                    cluster.recorder.task(nowMs, spec.id(), taskId, agentName, TaskState.TASK_STAGING);
                }
                return;
            }
        }

        cluster.proxy.decline(sessionId, frameworkId, spec.refuseMs(), offerId);
    }

    void onRevocation(final int taskCount)
    {
        revocations += taskCount;
    }

    void onUpdate(
        final long agentId,
        final long taskId,
        final TaskState newState,
        final TaskReason reason,
        final long uuidMsb,
        final long uuidLsb)
    {
        final TaskView view = inFlight.get(taskId);
        if (null != view && view.state != newState)
        {
            view.state = newState;
            cluster.recorder.task(cluster.nowMs(), spec.id(), taskId, cluster.agentName(0 != agentId ? agentId : view.agentId),
                newState);
            if (!isInFlight(newState))
            {
                inFlight.remove(taskId);
                if (TaskState.TASK_FINISHED == newState)
                {
                    finished++;
                }
                else if (TaskState.TASK_KILLED == newState && TaskReason.REVOKED == reason)
                {
                    revoked++;
                }
            }
        }

        if (0 != uuidMsb || 0 != uuidLsb)
        {
            cluster.proxy.acknowledge(sessionId, frameworkId, agentId, taskId, uuidMsb, uuidLsb);
        }
    }

    void suppress()
    {
        cluster.proxy.suppress(sessionId, frameworkId);
    }

    void revive()
    {
        cluster.proxy.revive(sessionId, frameworkId);
    }

    void teardown()
    {
        cluster.proxy.teardown(sessionId, frameworkId);
        cluster.unbindSession(sessionId);
        removed();
    }

    /**
     * The framework's session closes; its tasks keep running for its failover timeout.
     *
     * @return the session that closed.
     */
    long disconnect()
    {
        cluster.unbindSession(sessionId);
        state = State.DISCONNECTED;
        return sessionId;
    }

    private void removed()
    {
        state = State.REMOVED;
        inFlight.clear();
    }

    private void reconcile()
    {
        final long[] taskIds = new long[Math.min(inFlight.size(), MAX_TASKS_PER_ACCEPT)];
        int count = 0;
        final Long2ObjectHashMap<TaskView>.KeyIterator keys = inFlight.keySet().iterator();
        while (keys.hasNext() && count < taskIds.length)
        {
            taskIds[count++] = keys.nextLong();
        }
        Arrays.sort(taskIds, 0, count);

        final long[] agentIds = new long[count];
        for (int i = 0; i < count; i++)
        {
            agentIds[i] = inFlight.get(taskIds[i]).agentId;
        }
        cluster.proxy.reconcile(sessionId, frameworkId, taskIds, agentIds, count);
    }

    private long wanted()
    {
        if (FrameworkSpec.UNLIMITED == spec.tasks())
        {
            return Long.MAX_VALUE;
        }

        return spec.tasks() - finished - inFlight.size();
    }

    private long fit(final Resources offered)
    {
        final Resources task = spec.task();
        final ResourceNames names = offered.names();
        long fit = Long.MAX_VALUE;
        for (int dim = 0, size = names.size(); dim < size; dim++)
        {
            final long need = task.scalar(dim);
            if (need > 0)
            {
                fit = Math.min(fit, offered.scalar(dim) / need);
            }
        }

        return fit;
    }

    private static boolean isInFlight(final TaskState state)
    {
        switch (state)
        {
            case TASK_STAGING:
            case TASK_STARTING:
            case TASK_RUNNING:
            case TASK_KILLING:
                return true;
            default:
                return false;
        }
    }
}
