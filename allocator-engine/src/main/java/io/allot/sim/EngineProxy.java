/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.codecs.sbe.AcknowledgeEncoder;
import io.allot.codecs.sbe.AgentPongEncoder;
import io.allot.codecs.sbe.BooleanType;
import io.allot.codecs.sbe.DeactivateAgentEncoder;
import io.allot.codecs.sbe.DeclineEncoder;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import io.allot.codecs.sbe.ReactivateAgentEncoder;
import io.allot.codecs.sbe.ReconcileEncoder;
import io.allot.codecs.sbe.RegisterAgentEncoder;
import io.allot.codecs.sbe.RemoveAgentEncoder;
import io.allot.codecs.sbe.ReviveEncoder;
import io.allot.codecs.sbe.StatusUpdateEncoder;
import io.allot.codecs.sbe.SubscribeEncoder;
import io.allot.codecs.sbe.SuppressEncoder;
import io.allot.codecs.sbe.TeardownEncoder;
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
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SubscribeEncoder subscribe = new SubscribeEncoder();
    private final TeardownEncoder teardown = new TeardownEncoder();
    private final AcceptEncoder accept = new AcceptEncoder();
    private final DeclineEncoder decline = new DeclineEncoder();
    private final ReviveEncoder revive = new ReviveEncoder();
    private final SuppressEncoder suppress = new SuppressEncoder();
    private final AcknowledgeEncoder acknowledge = new AcknowledgeEncoder();
    private final ReconcileEncoder reconcile = new ReconcileEncoder();
    private final RegisterAgentEncoder registerAgent = new RegisterAgentEncoder();
    private final StatusUpdateEncoder statusUpdate = new StatusUpdateEncoder();
    private final AgentPongEncoder agentPong = new AgentPongEncoder();
    private final DeactivateAgentEncoder deactivateAgent = new DeactivateAgentEncoder();
    private final ReactivateAgentEncoder reactivateAgent = new ReactivateAgentEncoder();
    private final RemoveAgentEncoder removeAgent = new RemoveAgentEncoder();
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
        subscribe.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .frameworkId(frameworkId)
            .failoverTimeoutMs(Durations.INFINITE == spec.failoverTimeoutMs() ? Long.MAX_VALUE : spec.failoverTimeoutMs())
            .partitionAware(spec.partitionAware() ? BooleanType.TRUE : BooleanType.FALSE)
            .name(spec.id())
            .role(spec.role());
        send(sessionId, subscribe.encodedLength());
    }

    void teardown(final long sessionId, final long frameworkId)
    {
        teardown.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId);
        send(sessionId, teardown.encodedLength());
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
        accept.wrapAndApplyHeader(buffer, 0, header)
            .frameworkId(frameworkId)
            .refuseMs(refuseMs)
            .offerIdsCount(1).next().offerId(offerId);

        final AcceptEncoder.TasksEncoder tasks = accept.tasksCount(count);
        for (int i = 0; i < count; i++)
        {
            final long taskId = firstTaskId + i;
            tasks.next().taskId(taskId).killGracePeriodMs(-1);
            ResourceCodec.encode(task, tasks);
            tasks.name(namePrefix + taskId).command("");
        }

        final int mark = outputs.mark();
        send(sessionId, accept.encodedLength());
        return !outputs.hasErrorSince(mark, sessionId, AcceptDecoder.TEMPLATE_ID);
    }

    void decline(final long sessionId, final long frameworkId, final long refuseMs, final long offerId)
    {
        decline.wrapAndApplyHeader(buffer, 0, header)
            .frameworkId(frameworkId)
            .refuseMs(refuseMs)
            .offerIdsCount(1).next().offerId(offerId);
        send(sessionId, decline.encodedLength());
    }

    void revive(final long sessionId, final long frameworkId)
    {
        revive.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId);
        send(sessionId, revive.encodedLength());
    }

    void suppress(final long sessionId, final long frameworkId)
    {
        suppress.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId);
        send(sessionId, suppress.encodedLength());
    }

    void acknowledge(
        final long sessionId,
        final long frameworkId,
        final long agentId,
        final long taskId,
        final long uuidMsb,
        final long uuidLsb)
    {
        acknowledge.wrapAndApplyHeader(buffer, 0, header)
            .frameworkId(frameworkId)
            .agentId(agentId)
            .taskId(taskId)
            .uuid().msb(uuidMsb).lsb(uuidLsb);
        send(sessionId, acknowledge.encodedLength());
    }

    void reconcile(final long sessionId, final long frameworkId, final long[] taskIds, final long[] agentIds, final int count)
    {
        final ReconcileEncoder.TasksEncoder tasks = reconcile.wrapAndApplyHeader(buffer, 0, header)
            .frameworkId(frameworkId)
            .tasksCount(count);
        for (int i = 0; i < count; i++)
        {
            tasks.next().taskId(taskIds[i]).agentId(agentIds[i]);
        }
        send(sessionId, reconcile.encodedLength());
    }

    void registerAgent(final long sessionId, final long correlationId, final AgentSpec spec)
    {
        registerAgent.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId);
        ResourceCodec.encode(spec.resources(), registerAgent);
        registerAgent.hostname(spec.id()).attributes(spec.attributes());
        send(sessionId, registerAgent.encodedLength());
    }

    void statusUpdate(final long sessionId, final long agentId, final PendingUpdate update)
    {
        statusUpdate.wrapAndApplyHeader(buffer, 0, header)
            .agentId(agentId)
            .frameworkId(update.frameworkId)
            .taskId(update.taskId)
            .state(update.state)
            .reason(update.reason)
            .uuid().msb(update.uuidMsb).lsb(update.uuidLsb);
        statusUpdate.timestampMs(update.timestampMs).message("");
        send(sessionId, statusUpdate.encodedLength());
    }

    void agentPong(final long sessionId, final long agentId, final long sequence)
    {
        agentPong.wrapAndApplyHeader(buffer, 0, header).agentId(agentId).sequence(sequence);
        send(sessionId, agentPong.encodedLength());
    }

    void deactivateAgent(final long sessionId, final long correlationId, final long agentId)
    {
        deactivateAgent.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).agentId(agentId);
        send(sessionId, deactivateAgent.encodedLength());
    }

    void reactivateAgent(final long sessionId, final long correlationId, final long agentId)
    {
        reactivateAgent.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).agentId(agentId);
        send(sessionId, reactivateAgent.encodedLength());
    }

    void removeAgent(final long sessionId, final long correlationId, final long agentId)
    {
        removeAgent.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).agentId(agentId);
        send(sessionId, removeAgent.encodedLength());
    }

    private void send(final long sessionId, final int bodyLength)
    {
        messages++;
        engine.onMessage(sessionId, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength, nowMs);
    }
}
