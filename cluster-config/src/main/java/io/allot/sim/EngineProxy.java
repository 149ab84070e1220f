/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.codecs.IngressEncoder;
import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.engine.Engine;
import io.allot.resources.Resources;
import org.agrona.ExpandableArrayBuffer;

/**
 * Encodes the inputs of the scripted frameworks, agents and operator as SBE messages into one reused buffer and
 * hands each to the engine at the current virtual time.
 */
final class EngineProxy
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 16);
    private final IngressEncoder encoder = new IngressEncoder(buffer);
    private final long[] offerIds = new long[1];
    private final Engine engine;
    private final OutputQueue outputs;
    private long nowMs;
    private long messages;

    EngineProxy(final Engine engine, final OutputQueue outputs)
    {
        this.engine = engine;
        this.outputs = outputs;
    }

    void nowMs(final long nowMs)
    {
        this.nowMs = nowMs;
    }

    long nowMs()
    {
        return nowMs;
    }

    long messages()
    {
        return messages;
    }

    void subscribe(
        final long sessionId,
        final long correlationId,
        final long frameworkId,
        final FrameworkSpec spec)
    {
        final long failoverTimeoutMs = Durations.INFINITE == spec.failoverTimeoutMs() ? Long.MAX_VALUE : spec.failoverTimeoutMs();
        send(sessionId, encoder.subscribe(
            correlationId, frameworkId, failoverTimeoutMs, spec.partitionAware(), spec.id(), spec.role(), spec.prefer()));
    }

    void teardown(final long sessionId, final long frameworkId)
    {
        send(sessionId, encoder.teardown(frameworkId));
    }

    /**
     * Accept one offer with {@code count} tasks of the same resources and sequential ids.
     *
     * @return true if the engine took the call, false if it answered with an error.
     */
    boolean accept(
        final long sessionId,
        final long frameworkId,
        final long refuseMs,
        final long offerId,
        final long firstTaskId,
        final int count,
        final Resources task,
        final String namePrefix)
    {
        offerIds[0] = offerId;
        final AcceptEncoder.TasksEncoder tasks = encoder.acceptBegin(frameworkId, refuseMs, offerIds, 1, count);
        for (int i = 0; i < count; i++)
        {
            final long taskId = firstTaskId + i;
            tasks.next().taskId(taskId).killGracePeriodMs(-1);
            ResourceCodec.encode(task, tasks);
            tasks.name(namePrefix + taskId).command("");
        }

        final int mark = outputs.mark();
        send(sessionId, encoder.acceptLength());
        return !outputs.hasErrorSince(mark, sessionId, AcceptDecoder.TEMPLATE_ID);
    }

    void decline(final long sessionId, final long frameworkId, final long refuseMs, final long offerId)
    {
        offerIds[0] = offerId;
        send(sessionId, encoder.decline(frameworkId, refuseMs, offerIds, 1));
    }

    void revive(final long sessionId, final long frameworkId)
    {
        send(sessionId, encoder.revive(frameworkId));
    }

    void suppress(final long sessionId, final long frameworkId)
    {
        send(sessionId, encoder.suppress(frameworkId));
    }

    void acknowledge(
        final long sessionId,
        final long frameworkId,
        final long agentId,
        final long taskId,
        final long uuidMsb,
        final long uuidLsb)
    {
        send(sessionId, encoder.acknowledge(frameworkId, agentId, taskId, uuidMsb, uuidLsb));
    }

    void reconcile(final long sessionId, final long frameworkId, final long[] taskIds, final long[] agentIds, final int count)
    {
        send(sessionId, encoder.reconcile(frameworkId, taskIds, agentIds, count));
    }

    void registerAgent(final long sessionId, final long correlationId, final AgentSpec spec)
    {
        send(sessionId, encoder.registerAgent(correlationId, spec.resources(), spec.id(), spec.attributes()));
    }

    void statusUpdate(final long sessionId, final long agentId, final PendingUpdate update)
    {
        send(sessionId, encoder.statusUpdate(agentId, update.frameworkId, update.taskId, update.state, update.reason,
            update.uuidMsb, update.uuidLsb, update.timestampMs, ""));
    }

    void agentPong(final long sessionId, final long agentId, final long sequence)
    {
        send(sessionId, encoder.agentPong(agentId, sequence));
    }

    void deactivateAgent(final long sessionId, final long correlationId, final long agentId)
    {
        send(sessionId, encoder.deactivateAgent(correlationId, agentId));
    }

    void reactivateAgent(final long sessionId, final long correlationId, final long agentId)
    {
        send(sessionId, encoder.reactivateAgent(correlationId, agentId));
    }

    void removeAgent(final long sessionId, final long correlationId, final long agentId)
    {
        send(sessionId, encoder.removeAgent(correlationId, agentId));
    }

    void updateWeight(final long sessionId, final long correlationId, final String role, final long weightMilli)
    {
        send(sessionId, encoder.updateWeight(correlationId, role, weightMilli));
    }

    void updateQuota(final long sessionId, final long correlationId, final String role, final Resources guarantee, final boolean force)
    {
        send(sessionId, encoder.updateQuota(correlationId, role, guarantee, force));
    }

    private void send(final long sessionId, final int length)
    {
        messages++;
        engine.onMessage(sessionId, buffer, 0, length, nowMs);
    }
}
