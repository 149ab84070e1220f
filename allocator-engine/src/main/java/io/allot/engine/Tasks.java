/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.DeclineDecoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.FrameworkState;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Offers answered (accept with LAUNCH operations, decline) and the task lifecycle: launch, status updates
 * forwarded until acknowledged, kill, and resources recovered on terminal states.
 */
final class Tasks
{
    private static final long MAX_REFUSE_MS = 365L * 24 * 3600 * 1000;
    private static final UnsafeBuffer UNKNOWN_TASK_MESSAGE =
        new UnsafeBuffer("task unknown to the master".getBytes(StandardCharsets.UTF_8));
    private static final UnsafeBuffer NO_MESSAGE = new UnsafeBuffer(new byte[0]);

    private final EngineState s;
    private final Allocator allocator;
    private final Frameworks frameworks;
    private final Resources offered;
    private final Resources used;
    private final Resources taskResources;
    private final UnsafeBuffer nameView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer commandView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer messageView = new UnsafeBuffer(0, 0);
    private int[] offerSlots = new int[16];
    private int markEpoch;
    private long[] taskIds = new long[16];

    Tasks(final EngineState state, final Allocator allocator, final Frameworks frameworks)
    {
        this.s = state;
        this.allocator = allocator;
        this.frameworks = frameworks;
        this.offered = new Resources(state.names);
        this.used = new Resources(state.names);
        this.taskResources = new Resources(state.names);
    }

    static boolean isTerminal(final TaskState state)
    {
        switch (state)
        {
            case TASK_FINISHED:
            case TASK_FAILED:
            case TASK_KILLED:
            case TASK_ERROR:
            case TASK_LOST:
            case TASK_DROPPED:
            case TASK_GONE:
            case TASK_GONE_BY_OPERATOR:
                return true;
            default:
                return false;
        }
    }

    // ---------------------------------------------------------------- accept and decline

    void onAccept(final long sessionId, final AcceptDecoder accept, final int templateId)
    {
        final long frameworkId = accept.frameworkId();
        final int framework = frameworks.require(sessionId, 0, frameworkId, templateId);
        if (IdSlots.NONE == framework)
        {
            return;
        }
        final long refuseMs = accept.refuseMs();
        int idCount = 0;
        for (final AcceptDecoder.OfferIdsDecoder ids : accept.offerIds())
        {
            idCount = addId(idCount, ids.offerId());
        }
        if (!collectOffers(sessionId, framework, idCount, templateId, true) ||
            !validateTasks(sessionId, framework, accept.tasks(), templateId))
        {
            return;
        }

        final int agent = s.offers.agentSlot[offerSlots[0]];
        for (int i = 0; i < idCount; i++)
        {
            allocator.removeOffer(offerSlots[i], false);
        }

        accept.sbeRewind();
        for (final AcceptDecoder.OfferIdsDecoder ignore : accept.offerIds())
        {
            ignore.offerId();
        }
        for (final AcceptDecoder.TasksDecoder task : accept.tasks())
        {
            final long taskId = task.taskId();
            final long killGracePeriodMs = task.killGracePeriodMs();
            ResourceCodec.decode(task, taskResources);
            task.wrapName(nameView);
            task.wrapCommand(commandView);
            launch(framework, agent, taskId, killGracePeriodMs, taskResources, nameView, commandView);
        }

        offered.subtract(used);
        installFilter(framework, agent, offered, refuseMs);
    }

    void onDecline(final long sessionId, final DeclineDecoder decline, final int templateId)
    {
        final int framework = frameworks.require(sessionId, 0, decline.frameworkId(), templateId);
        if (IdSlots.NONE == framework)
        {
            return;
        }
        final long refuseMs = decline.refuseMs();
        int idCount = 0;
        for (final DeclineDecoder.OfferIdsDecoder ids : decline.offerIds())
        {
            idCount = addId(idCount, ids.offerId());
        }
        if (!collectOffers(sessionId, framework, idCount, templateId, false))
        {
            return;
        }
        for (int i = 0; i < idCount; i++)
        {
            final int offer = offerSlots[i];
            final int agent = s.offers.agentSlot[offer];
            s.offers.read(offer, offered);
            allocator.removeOffer(offer, false);
            installFilter(framework, agent, offered, refuseMs);
        }
    }

    private int addId(final int count, final long id)
    {
        if (count == taskIds.length)
        {
            taskIds = Arrays.copyOf(taskIds, count * 2);
        }
        taskIds[count] = id;
        return count + 1;
    }

    /**
     * Resolve the offer ids held in {@link #taskIds} into {@link #offerSlots} and sum them into {@link #offered}.
     */
    private boolean collectOffers(
        final long sessionId, final int framework, final int count, final int templateId, final boolean oneAgent)
    {
        final long frameworkId = s.frameworks.id[framework];
        if (0 == count)
        {
            s.error(sessionId, 0, frameworkId, 0, ErrorCode.INVALID_ARGUMENT, templateId, "no offer ids given");
            return false;
        }
        if (offerSlots.length < count)
        {
            offerSlots = new int[Math.max(count, offerSlots.length * 2)];
        }
        offered.clear();
        final int epoch = ++markEpoch;
        for (int i = 0; i < count; i++)
        {
            final long offerId = taskIds[i];
            final int offer = s.offers.slot(offerId);
            if (IdSlots.NONE == offer)
            {
                s.error(sessionId, 0, frameworkId, 0, ErrorCode.UNKNOWN_OFFER, templateId,
                    s.text().append("offer ").append(offerId).append(" is unknown, used or rescinded"));
                return false;
            }
            if (s.offers.frameworkSlot[offer] != framework)
            {
                s.error(sessionId, 0, frameworkId, 0, ErrorCode.OFFER_OF_ANOTHER_FRAMEWORK, templateId,
                    s.text().append("offer ").append(offerId).append(" was made to another framework"));
                return false;
            }
            if (s.offers.mark[offer] == epoch)
            {
                s.error(sessionId, 0, frameworkId, 0, ErrorCode.INVALID_ARGUMENT, templateId,
                    s.text().append("offer ").append(offerId).append(" is given twice"));
                return false;
            }
            s.offers.mark[offer] = epoch;
            if (oneAgent && i > 0 && s.offers.agentSlot[offer] != s.offers.agentSlot[offerSlots[0]])
            {
                s.error(sessionId, 0, frameworkId, 0, ErrorCode.OFFERS_ON_MANY_AGENTS, templateId,
                    s.text().append("offers ").append(taskIds[0]).append(" and ").append(offerId)
                        .append(" are on different agents: one accept may use one agent only"));
                return false;
            }
            offerSlots[i] = offer;
            s.offers.read(offer, s.scratch);
            offered.add(s.scratch);
        }
        return true;
    }

    private boolean validateTasks(
        final long sessionId, final int framework, final AcceptDecoder.TasksDecoder tasks, final int templateId)
    {
        final long frameworkId = s.frameworks.id[framework];
        used.clear();
        int count = 0;
        for (final AcceptDecoder.TasksDecoder task : tasks)
        {
            final long taskId = task.taskId();
            if (IdSlots.NONE != s.frameworks.taskSlot(framework, taskId))
            {
                task.sbeSkip();
                s.error(sessionId, 0, frameworkId, 0, ErrorCode.DUPLICATE_TASK_ID, templateId,
                    s.text().append("task ").append(taskId).append(" already exists in framework ").append(frameworkId));
                return false;
            }
            if (0 != ResourceCodec.decode(task, taskResources))
            {
                s.error(sessionId, 0, frameworkId, 0, ErrorCode.INVALID_RESOURCES, templateId,
                    s.text().append("task ").append(taskId).append(": ").append(ResourceCodec.errorMessage()));
                return false;
            }
            task.skipName();
            task.skipCommand();
            if (taskResources.isEmpty() || taskResources.hasNegative())
            {
                s.error(sessionId, 0, frameworkId, 0, ErrorCode.INVALID_RESOURCES, templateId,
                    s.text().append("task ").append(taskId).append(" has no resources"));
                return false;
            }
            if (taskResources.ports().overlaps(used.ports()))
            {
                s.error(sessionId, 0, frameworkId, 0, ErrorCode.INSUFFICIENT_RESOURCES, templateId,
                    s.text().append("task ").append(taskId).append(" uses ports of another task of the same accept"));
                return false;
            }
            used.add(taskResources);
            count = addTaskId(count, taskId);
        }
        LongSort.sort(launchIds, 0, count);
        for (int i = 1; i < count; i++)
        {
            if (launchIds[i] == launchIds[i - 1])
            {
                s.error(sessionId, 0, frameworkId, 0, ErrorCode.DUPLICATE_TASK_ID, templateId,
                    s.text().append("task ").append(launchIds[i]).append(" is launched twice in one accept"));
                return false;
            }
        }
        if (!offered.contains(used))
        {
            final StringBuilder text = s.text().append("tasks need ");
            used.appendTo(text).append(" but the offers hold ");
            offered.appendTo(text);
            s.error(sessionId, 0, frameworkId, 0, ErrorCode.INSUFFICIENT_RESOURCES, templateId, text);
            return false;
        }
        return true;
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

    private void launch(
        final int framework,
        final int agent,
        final long taskId,
        final long killGracePeriodMs,
        final Resources resources,
        final DirectBuffer name,
        final DirectBuffer command)
    {
        final TaskTable tasks = s.tasks;
        final int task = tasks.add(s.nextTaskSequence++);
        tasks.taskId[task] = taskId;
        tasks.frameworkId[task] = s.frameworks.id[framework];
        tasks.agentId[task] = s.agents.id[agent];
        tasks.frameworkSlot[task] = framework;
        tasks.agentSlot[task] = agent;
        tasks.state[task] = TaskState.TASK_STAGING;
        tasks.reason[task] = TaskReason.NONE;
        tasks.launchedAtMs[task] = s.nowMs;
        tasks.updatedAtMs[task] = s.nowMs;
        tasks.killGracePeriodMs[task] = killGracePeriodMs;
        tasks.holdsResources[task] = true;
        tasks.setResources(task, resources);
        tasks.name.set(task, name);
        tasks.command.set(task, command);
        link(task);
        s.agents.subtractFree(agent, resources);
        allocator.allocate(framework, resources, +1);
        s.tasksLaunched++;
        s.output.runTask(
            s.agents.sessionId[agent],
            s.agents.id[agent],
            s.frameworks.id[framework],
            taskId,
            killGracePeriodMs,
            resources,
            name,
            command,
            s.frameworks.role[framework]);
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

    /**
     * Filter the unused part of an answered offer for this framework on this agent. A negative refusal means the
     * default (5 s), zero means until the next periodic allocation pass, so a framework that declines with 0 s
     * does not get the same resources back in the same instant.
     */
    private void installFilter(final int framework, final int agent, final Resources refused, final long refuseMs)
    {
        if (refused.isEmpty())
        {
            return;
        }
        final long duration = refuseMs < 0 ? s.ctx.defaultRefuseMs() : Math.min(refuseMs, MAX_REFUSE_MS);
        final long expiresAt = 0 == duration ? s.nextAllocationPassMs : s.nowMs + duration;
        s.filters.put(framework, s.frameworks.id[framework], agent, s.agents.id[agent], expiresAt, refused);
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
}
