/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.DeclineDecoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Offers answered: ACCEPT with LAUNCH operations, validated whole before anything changes, and DECLINE; the
 * unused or declined resources go back to their agent with the call's refusal filter.
 */
final class OfferAnswers
{
    private static final long MAX_REFUSE_MS = 365L * 24 * 3600 * 1000;

    private final EngineState s;
    private final Allocator allocator;
    private final Frameworks frameworks;
    private final Tasks tasks;
    private final Resources offered;
    private final Resources used;
    private final Resources taskResources;
    private final UnsafeBuffer nameView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer commandView = new UnsafeBuffer(0, 0);
    private int[] offerSlots = new int[16];
    private int markEpoch;
    private long[] taskIds = new long[16];

    OfferAnswers(final EngineState state, final Allocator allocator, final Frameworks frameworks, final Tasks tasks)
    {
        this.s = state;
        this.allocator = allocator;
        this.frameworks = frameworks;
        this.tasks = tasks;
        this.offered = new Resources(state.names);
        this.used = new Resources(state.names);
        this.taskResources = new Resources(state.names);
    }


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
     * Resolve the offer ids held in {@link #taskIds} into {@link #offerSlots}; for an accept (one agent) also sum
     * them into {@link #offered}, which a decline does not need.
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
            if (oneAgent)
            {
                s.offers.read(offer, s.scratch);
                offered.add(s.scratch);
            }
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
        final TaskTable table = s.tasks;
        final int task = table.add(s.nextTaskSequence++);
        table.taskId[task] = taskId;
        table.frameworkId[task] = s.frameworks.id[framework];
        table.agentId[task] = s.agents.id[agent];
        table.frameworkSlot[task] = framework;
        table.agentSlot[task] = agent;
        table.state[task] = TaskState.TASK_STAGING;
        table.reason[task] = TaskReason.NONE;
        table.launchedAtMs[task] = s.nowMs;
        table.updatedAtMs[task] = s.nowMs;
        table.killGracePeriodMs[task] = killGracePeriodMs;
        table.holdsResources[task] = true;
        table.setResources(task, resources);
        table.name.set(task, name);
        table.command.set(task, command);
        tasks.link(task);
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
}
