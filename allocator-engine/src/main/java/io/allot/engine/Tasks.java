/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.FrameworkState;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.allot.codecs.TaskStates.isTerminal;

/**
 * The task lifecycle after launch: status updates forwarded until acknowledged, master-decided updates, kill,
 * reconciliation, and resources recovered on terminal states.
 */
final class Tasks
{
    private static final UnsafeBuffer UNKNOWN_TASK_MESSAGE =
        new UnsafeBuffer("task unknown to the master".getBytes(StandardCharsets.UTF_8));
    private static final UnsafeBuffer NO_MESSAGE = new UnsafeBuffer(new byte[0]);

    private final EngineState s;
    private final Allocator allocator;
    private final Frameworks frameworks;
    private final Resources taskResources;
    private final UnsafeBuffer messageView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer nameView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer commandView = new UnsafeBuffer(0, 0);

    Tasks(final EngineState state, final Allocator allocator, final Frameworks frameworks)
    {
        this.s = state;
        this.allocator = allocator;
        this.frameworks = frameworks;
        this.taskResources = new Resources(state.names);
    }


    void link(final int task)
    {
        final TaskTable tasks = s.tasks;
        final int framework = tasks.frameworkSlot[task];
        s.frameworks.tasks[framework].put(tasks.taskId[task], task);
        Lists.push(s.frameworks.firstTask, framework, tasks.prevOnFramework, tasks.nextOnFramework, task);
        final int agent = tasks.agentSlot[task];
        if (IdSlots.NONE != agent)
        {
            Lists.push(s.agents.firstTask, agent, tasks.prevOnAgent, tasks.nextOnAgent, task);
        }
    }

    // ---------------------------------------------------------------- status updates

    /**
     * A status update from an agent: record the state (recovering resources on a terminal state), keep it as the
     * task's unacknowledged update and forward it. The agent resends it until the framework acknowledges, so a
     * repeat of the pending update is forwarded again without another transition.
     */
    void onStatusUpdate(
        final long sessionId,
        final int agent,
        final long frameworkId,
        final long taskId,
        final TaskState state,
        final TaskReason reason,
        final long uuidMsb,
        final long uuidLsb,
        final long timestampMs,
        final DirectBuffer message,
        final int templateId)
    {
        final long agentId = s.agents.id[agent];
        final int framework = s.frameworks.slot(frameworkId);
        final int task = IdSlots.NONE == framework ? IdSlots.NONE : s.frameworks.taskSlot(framework, taskId);
        if (IdSlots.NONE == task && null != state && isTerminal(state) && (0 != uuidMsb || 0 != uuidLsb))
        {
            // A task is forgotten only once its terminal update was acknowledged, or its framework removed (the
            // agent was told to shut it down): a terminal update resent after that, e.g. across a leader change
            // that lost the acknowledgement, is acknowledged again so the agent stops resending it.
            s.output.statusUpdateAck(sessionId, agentId, frameworkId, taskId, uuidMsb, uuidLsb);
            return;
        }
        if (IdSlots.NONE == task || s.tasks.agentSlot[task] != agent)
        {
            s.error(sessionId, 0, frameworkId, agentId, ErrorCode.UNKNOWN_TASK, templateId,
                s.text().append("task ").append(taskId).append(" of framework ").append(frameworkId)
                    .append(" is unknown on agent ").append(agentId));
            return;
        }
        if (null == state || TaskState.NULL_VAL == state || TaskState.TASK_STAGING == state ||
            (0 == uuidMsb && 0 == uuidLsb))
        {
            s.error(sessionId, 0, frameworkId, agentId, ErrorCode.INVALID_ARGUMENT, templateId,
                "a status update needs a state other than TASK_STAGING and a non-zero uuid");
            return;
        }

        final TaskTable tasks = s.tasks;
        final boolean isRepeat = tasks.pendingUuidMsb[task] == uuidMsb && tasks.pendingUuidLsb[task] == uuidLsb;
        if (!isRepeat)
        {
            if (!isTerminal(tasks.state[task]))
            {
                tasks.state[task] = state;
                tasks.reason[task] = TaskState.TASK_KILLED == state && 0 != tasks.revokeDeadlineMs[task] ? TaskReason.REVOKED :
                    null == reason || TaskReason.NULL_VAL == reason ? TaskReason.NONE : reason;
                tasks.updatedAtMs[task] = s.nowMs;
                if (isTerminal(state))
                {
                    recover(task);
                }
            }
            tasks.pendingUuidMsb[task] = uuidMsb;
            tasks.pendingUuidLsb[task] = uuidLsb;
            tasks.pendingState[task] = state;
            tasks.pendingSource[task] = UpdateSource.AGENT;
            tasks.pendingMessage.set(task, message);
        }
        forwardPending(task, timestampMs);
    }

    /**
     * A state change the master decides (agent lost or removed, reconciliation of a vanished task): it gets a uuid
     * derived from the task, so the framework acknowledges it like any other.
     */
    void masterUpdate(final int task, final TaskState state, final TaskReason reason, final String message)
    {
        final TaskTable tasks = s.tasks;
        tasks.state[task] = state;
        tasks.reason[task] = reason;
        tasks.updatedAtMs[task] = s.nowMs;
        recover(task);
        final long count = ++tasks.masterUpdates[task];
        tasks.pendingUuidMsb[task] = s.masterUuid(tasks.frameworkId[task], tasks.taskId[task], count, 0x51);
        tasks.pendingUuidLsb[task] = s.masterUuid(tasks.frameworkId[task], tasks.taskId[task], count, 0xA3);
        tasks.pendingState[task] = state;
        tasks.pendingSource[task] = UpdateSource.MASTER;
        tasks.pendingMessage.set(task, message);
        forwardPending(task, s.nowMs);
    }

    private void forwardPending(final int task, final long timestampMs)
    {
        final TaskTable tasks = s.tasks;
        final int framework = tasks.frameworkSlot[task];
        if (FrameworkState.ACTIVE == s.frameworks.state[framework])
        {
            s.output.update(
                s.frameworks.sessionId[framework],
                tasks.frameworkId[task],
                tasks.agentId[task],
                tasks.taskId[task],
                tasks.pendingState[task],
                tasks.reason[task],
                tasks.pendingSource[task],
                tasks.pendingUuidMsb[task],
                tasks.pendingUuidLsb[task],
                timestampMs,
                tasks.pendingMessage.wrap(task, messageView));
        }
    }

    void resendPendingUpdates(final int framework)
    {
        for (int task = s.frameworks.firstTask[framework]; IdSlots.NONE != task; task = s.tasks.nextOnFramework[task])
        {
            if (s.tasks.hasPendingUpdate(task))
            {
                forwardPending(task, s.tasks.updatedAtMs[task]);
            }
        }
    }

    void onAcknowledge(
        final long sessionId,
        final long frameworkId,
        final long agentId,
        final long taskId,
        final long uuidMsb,
        final long uuidLsb,
        final int templateId)
    {
        final int framework = frameworks.require(sessionId, 0, frameworkId, templateId);
        if (IdSlots.NONE == framework)
        {
            return;
        }
        final int task = s.frameworks.taskSlot(framework, taskId);
        final TaskTable tasks = s.tasks;
        if (IdSlots.NONE == task || !tasks.hasPendingUpdate(task) ||
            tasks.pendingUuidMsb[task] != uuidMsb || tasks.pendingUuidLsb[task] != uuidLsb)
        {
            s.error(sessionId, 0, frameworkId, agentId, ErrorCode.UNKNOWN_TASK, templateId,
                s.text().append("no unacknowledged update of task ").append(taskId).append(" has that uuid"));
            return;
        }
        final UpdateSource source = tasks.pendingSource[task];
        tasks.pendingUuidMsb[task] = 0;
        tasks.pendingUuidLsb[task] = 0;
        tasks.pendingState[task] = null;
        tasks.pendingSource[task] = null;
        tasks.pendingMessage.clear(task);
        final int agent = tasks.agentSlot[task];
        if (UpdateSource.AGENT == source && IdSlots.NONE != agent)
        {
            s.output.statusUpdateAck(s.agents.sessionId[agent], tasks.agentId[task], frameworkId, taskId, uuidMsb, uuidLsb);
        }
        if (isTerminal(tasks.state[task]) || IdSlots.NONE == agent)
        {
            remove(task);
        }
    }

    // ---------------------------------------------------------------- kill, reconcile, messages

    void onKill(final long sessionId, final long frameworkId, final long taskId, final int templateId)
    {
        final int framework = frameworks.require(sessionId, 0, frameworkId, templateId);
        if (IdSlots.NONE == framework)
        {
            return;
        }
        final int task = s.frameworks.taskSlot(framework, taskId);
        if (IdSlots.NONE == task)
        {
            s.error(sessionId, 0, frameworkId, 0, ErrorCode.UNKNOWN_TASK, templateId,
                s.text().append("cannot kill task ").append(taskId).append(": unknown to framework ").append(frameworkId));
            return;
        }
        final TaskTable tasks = s.tasks;
        final int agent = tasks.agentSlot[task];
        if (isTerminal(tasks.state[task]) || IdSlots.NONE == agent)
        {
            s.error(sessionId, 0, frameworkId, tasks.agentId[task], ErrorCode.INVALID_ARGUMENT, templateId,
                s.text().append("cannot kill task ").append(taskId).append(": it is already ").append(tasks.state[task]));
            return;
        }
        s.output.killTask(s.agents.sessionId[agent], tasks.agentId[task], frameworkId, taskId, tasks.killGracePeriodMs[task]);
    }

    /**
     * Explicit reconciliation of one task: its latest state, or TASK_LOST (TASK_UNKNOWN for a partition-aware
     * framework) when the master does not know it. Such updates carry no uuid and need no acknowledgement.
     */
    void reconcileOne(final int framework, final long taskId, final long agentId)
    {
        final int task = s.frameworks.taskSlot(framework, taskId);
        final long sessionId = s.frameworks.sessionId[framework];
        final long frameworkId = s.frameworks.id[framework];
        if (IdSlots.NONE == task)
        {
            final TaskState state = s.frameworks.partitionAware[framework] ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST;
            s.output.update(sessionId, frameworkId, agentId, taskId, state, TaskReason.RECONCILIATION, UpdateSource.MASTER,
                0, 0, s.nowMs, UNKNOWN_TASK_MESSAGE);
        }
        else
        {
            reconcileKnown(task);
        }
    }

    /**
     * Implicit reconciliation: the latest state of every task of the framework, in launch order.
     */
    void reconcileAll(final int framework)
    {
        int count = 0;
        for (int task = s.frameworks.firstTask[framework]; IdSlots.NONE != task; task = s.tasks.nextOnFramework[task])
        {
            count = addTaskId(count, s.tasks.sequence[task]);
        }
        LongSort.sort(launchIds, 0, count);
        for (int i = 0; i < count; i++)
        {
            reconcileKnown(s.tasks.slots.slot(launchIds[i]));
        }
    }

    private void reconcileKnown(final int task)
    {
        final TaskTable tasks = s.tasks;
        final int framework = tasks.frameworkSlot[task];
        s.output.update(s.frameworks.sessionId[framework], tasks.frameworkId[task], tasks.agentId[task], tasks.taskId[task],
            tasks.state[task], TaskReason.RECONCILIATION, UpdateSource.MASTER, 0, 0, tasks.updatedAtMs[task], NO_MESSAGE);
    }

    // ---------------------------------------------------------------- removal

    /**
     * Give a task's resources back to its agent and its framework's allocation, once.
     */
    void recover(final int task)
    {
        final TaskTable tasks = s.tasks;
        if (!tasks.holdsResources[task])
        {
            return;
        }
        tasks.holdsResources[task] = false;
        tasks.read(task, taskResources);
        if (0 != tasks.revokeDeadlineMs[task])
        {
            for (int d = 0; d < s.revokedPending.length; d++)
            {
                s.revokedPending[d] -= taskResources.scalar(d);
            }
        }
        allocator.allocate(tasks.frameworkSlot[task], taskResources, -1);
        final int agent = tasks.agentSlot[task];
        if (IdSlots.NONE != agent)
        {
            s.agents.addFree(agent, taskResources);
            allocator.markDirty(agent);
        }
    }

    /**
     * Periodic pass: a task still {@code TASK_STAGING} a full pass interval after its launch gets its {@code RunTask}
     * again. A master failover can lose the reply to the last inputs of the old leader's log (they are committed,
     * so the new leader knows the task, but the old leader's egress died with it); the agent ignores a launch it
     * already has, so the resend is safe, and no agent has to re-register for its tasks to be found.
     */
    void resendStagingLaunches()
    {
        final TaskTable table = s.tasks;
        final IdSlots slots = table.slots;
        final long resendAfterMs = s.ctx.allocationIntervalMs();
        for (int i = 0; i < slots.orderCount(); i++)
        {
            final int task = slots.orderSlot(i);
            if (IdSlots.NONE == task || TaskState.TASK_STAGING != table.state[task] ||
                s.nowMs - table.launchedAtMs[task] < resendAfterMs)
            {
                continue;
            }
            final int agent = table.agentSlot[task];
            if (IdSlots.NONE == agent)
            {
                continue;
            }
            table.read(task, taskResources);
            s.runTasksResent++;
            s.output.runTask(
                s.agents.sessionId[agent],
                table.agentId[task],
                table.frameworkId[task],
                table.taskId[task],
                table.killGracePeriodMs[task],
                taskResources,
                table.name.wrap(task, nameView),
                table.command.wrap(task, commandView),
                s.frameworks.role[table.frameworkSlot[task]]);
        }
    }

    /**
     * The task's agent is gone: recover its resources and unlink it from the agent.
     */
    void detachFromAgent(final int task)
    {
        recover(task);
        final TaskTable tasks = s.tasks;
        final int agent = tasks.agentSlot[task];
        if (IdSlots.NONE != agent)
        {
            Lists.unlink(s.agents.firstTask, agent, tasks.prevOnAgent, tasks.nextOnAgent, task);
            tasks.agentSlot[task] = IdSlots.NONE;
        }
    }

    void remove(final int task)
    {
        detachFromAgent(task);
        final TaskTable tasks = s.tasks;
        final int framework = tasks.frameworkSlot[task];
        Lists.unlink(s.frameworks.firstTask, framework, tasks.prevOnFramework, tasks.nextOnFramework, task);
        s.frameworks.tasks[framework].remove(tasks.taskId[task]);
        tasks.remove(task);
    }

    /**
     * Forget every task of a removed framework, telling each agent that holds some of them (running, or ended with
     * an update not yet acknowledged) to shut the framework down, in ascending agent id order.
     */
    void removeAllOf(final int framework)
    {
        int agentCount = 0;
        for (int task = s.frameworks.firstTask[framework]; IdSlots.NONE != task; task = s.frameworks.firstTask[framework])
        {
            final int agent = s.tasks.agentSlot[task];
            if (IdSlots.NONE != agent)
            {
                agentCount = addTaskId(agentCount, s.agents.id[agent]);
            }
            remove(task);
        }
        LongSort.sort(launchIds, 0, agentCount);
        final long frameworkId = s.frameworks.id[framework];
        for (int i = 0; i < agentCount; i++)
        {
            if (0 == i || launchIds[i] != launchIds[i - 1])
            {
                final int agent = s.agents.slot(launchIds[i]);
                s.output.shutdownFramework(s.agents.sessionId[agent], launchIds[i], frameworkId);
            }
        }
    }

    private long[] launchIds = new long[16];

    private int addTaskId(final int count, final long id)
    {
        if (count == launchIds.length)
        {
            launchIds = Arrays.copyOf(launchIds, count * 2);
        }
        launchIds[count] = id;
        return count + 1;
    }
}
