/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.perf;

import io.allot.codecs.IngressEncoder;
import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.engine.Engine;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Encodes the inputs of an {@link Engine} with the project's {@link IngressEncoder}, as the SBE messages the
 * replicated log carries, and applies each at once, as a framework or an agent would send it. The calls used per
 * benchmark operation ({@link #decline}, {@link #accept}, {@link #statusUpdate}, {@link #acknowledge}) allocate
 * nothing: task names and commands arrive pre-encoded and status updates carry an empty message.
 */
public final class EngineProxy
{
    /** Most entries one repeating group may hold (the schema's {@code numInGroup} maxValue). */
    public static final int MAX_GROUP_COUNT = 16_384;

    private static final int BUFFER_CAPACITY = 256 * 1024;

    private final Engine engine;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(BUFFER_CAPACITY));
    private final IngressEncoder encoder = new IngressEncoder(buffer);
    private final long[] oneId = new long[1];
    private long[] ids = new long[1024];
    private long nowMs;

    /**
     * @param engine receiving the inputs.
     */
    public EngineProxy(final Engine engine)
    {
        this.engine = engine;
    }

    /**
     * @param nowMs cluster time given with the following inputs.
     */
    public void nowMs(final long nowMs)
    {
        this.nowMs = nowMs;
    }

    /**
     * @return cluster time given with inputs.
     */
    public long nowMs()
    {
        return nowMs;
    }

    /**
     * Subscribe a new framework.
     *
     * @param sessionId     session of the framework.
     * @param correlationId of the call.
     * @param name          framework name.
     * @param role          role of the framework.
     */
    public void subscribe(final long sessionId, final long correlationId, final String name, final String role)
    {
        send(sessionId, encoder.subscribe(correlationId, 0, 0, false, name, role));
    }

    /**
     * The operator sets a role's guarantee.
     *
     * @param sessionId     session of the operator.
     * @param correlationId of the call.
     * @param role          the role.
     * @param guarantee     its guaranteed resources; empty removes the guarantee.
     */
    public void updateQuota(final long sessionId, final long correlationId, final String role, final Resources guarantee)
    {
        send(sessionId, encoder.updateQuota(correlationId, role, guarantee, false));
    }

    /**
     * Register a new agent.
     *
     * @param sessionId     session of the agent.
     * @param correlationId of the call.
     * @param resources     total resources of the agent.
     * @param hostname      of the agent.
     * @param attributes    of the agent in Mesos syntax.
     */
    public void registerAgent(
        final long sessionId, final long correlationId, final Resources resources, final String hostname, final String attributes)
    {
        send(sessionId, encoder.registerAgent(correlationId, resources, hostname, attributes));
    }

    /**
     * Decline offers, in as many messages as the group limit needs.
     *
     * @param sessionId   session of the framework.
     * @param frameworkId the framework.
     * @param refuseMs    filter duration, 0 for until the next periodic pass.
     * @param offerIds    ids to decline.
     * @param from        index of the first id.
     * @param count       number of ids.
     */
    public void decline(
        final long sessionId, final long frameworkId, final long refuseMs, final LongArrayList offerIds, final int from, final int count)
    {
        int index = from;
        int left = count;
        while (left > 0)
        {
            final int batch = Math.min(left, MAX_GROUP_COUNT);
            if (ids.length < batch)
            {
                ids = Arrays.copyOf(ids, Math.max(batch, ids.length * 2));
            }
            for (int i = 0; i < batch; i++)
            {
                ids[i] = offerIds.getLong(index + i);
            }
            send(sessionId, encoder.decline(frameworkId, refuseMs, ids, batch));
            index += batch;
            left -= batch;
        }
    }

    /**
     * Accept one offer launching one task.
     *
     * @param sessionId     session of the framework.
     * @param frameworkId   the framework.
     * @param refuseMs      filter for the unused rest; negative for the default.
     * @param offerId       the accepted offer.
     * @param taskId        id of the new task.
     * @param taskResources resources of the task.
     * @param name          task name, UTF-8.
     * @param command       shell command, UTF-8.
     */
    public void accept(
        final long sessionId,
        final long frameworkId,
        final long refuseMs,
        final long offerId,
        final long taskId,
        final Resources taskResources,
        final DirectBuffer name,
        final DirectBuffer command)
    {
        oneId[0] = offerId;
        final AcceptEncoder.TasksEncoder task = encoder.acceptBegin(frameworkId, refuseMs, oneId, 1, 1)
            .next().taskId(taskId).killGracePeriodMs(-1);
        ResourceCodec.encode(taskResources, task);
        task.putName(name, 0, name.capacity()).putCommand(command, 0, command.capacity());
        send(sessionId, encoder.acceptLength());
    }

    /**
     * A status update from an agent, with an empty message.
     *
     * @param sessionId   session of the agent.
     * @param agentId     the agent.
     * @param frameworkId owner of the task.
     * @param taskId      the task.
     * @param state       new state.
     * @param uuidMsb     high bits of the update's uuid.
     * @param uuidLsb     low bits of the update's uuid.
     */
    public void statusUpdate(
        final long sessionId,
        final long agentId,
        final long frameworkId,
        final long taskId,
        final TaskState state,
        final long uuidMsb,
        final long uuidLsb)
    {
        send(sessionId, encoder.statusUpdate(agentId, frameworkId, taskId, state, TaskReason.NONE, uuidMsb, uuidLsb, nowMs, ""));
    }

    /**
     * A framework acknowledges a status update.
     *
     * @param sessionId   session of the framework.
     * @param frameworkId the framework.
     * @param agentId     agent of the task.
     * @param taskId      the task.
     * @param uuidMsb     high bits of the acknowledged uuid.
     * @param uuidLsb     low bits of the acknowledged uuid.
     */
    public void acknowledge(
        final long sessionId, final long frameworkId, final long agentId, final long taskId, final long uuidMsb, final long uuidLsb)
    {
        send(sessionId, encoder.acknowledge(frameworkId, agentId, taskId, uuidMsb, uuidLsb));
    }

    private void send(final long sessionId, final int length)
    {
        engine.onMessage(sessionId, buffer, 0, length, nowMs);
    }
}
