/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.codecs;

import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.codecs.sbe.AcknowledgeEncoder;
import io.allot.codecs.sbe.AgentPongEncoder;
import io.allot.codecs.sbe.BooleanType;
import io.allot.codecs.sbe.DeactivateAgentEncoder;
import io.allot.codecs.sbe.DeclineEncoder;
import io.allot.codecs.sbe.ExecutorExitedEncoder;
import io.allot.codecs.sbe.GetStateEncoder;
import io.allot.codecs.sbe.KillEncoder;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import io.allot.codecs.sbe.ReactivateAgentEncoder;
import io.allot.codecs.sbe.ReconcileEncoder;
import io.allot.codecs.sbe.RegisterAgentEncoder;
import io.allot.codecs.sbe.RemoveAgentEncoder;
import io.allot.codecs.sbe.ReregisterAgentEncoder;
import io.allot.codecs.sbe.ReviveEncoder;
import io.allot.codecs.sbe.StatusUpdateEncoder;
import io.allot.codecs.sbe.SubscribeEncoder;
import io.allot.codecs.sbe.SuppressEncoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.TeardownEncoder;
import io.allot.codecs.sbe.UpdateAgentEncoder;
import io.allot.codecs.sbe.UpdateQuotaEncoder;
import io.allot.codecs.sbe.UpdateWeightEncoder;
import io.allot.resources.Resources;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes the master's inputs (framework calls, agent messages, operator calls) into one buffer at offset 0, with
 * the message header; every method returns the length to send. The flyweights are reused; the only allocation is
 * SBE's UTF-8 conversion of a non-empty {@code String} argument (a name, command or message), which a caller on a
 * hot path avoids by filling the var-data fields with pre-encoded bytes ({@link #acceptBegin}). The simulator, the
 * benchmarks and the tests speak to the master through it.
 * <p>
 * An accept with tasks of different shapes is built with {@link #acceptBegin}, filling each task entry with the
 * returned group encoder and {@link ResourceCodec}, then {@link #acceptLength()}.
 */
public final class IngressEncoder
{
    private final MutableDirectBuffer buffer;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SubscribeEncoder subscribe = new SubscribeEncoder();
    private final TeardownEncoder teardown = new TeardownEncoder();
    private final AcceptEncoder accept = new AcceptEncoder();
    private final DeclineEncoder decline = new DeclineEncoder();
    private final ReviveEncoder revive = new ReviveEncoder();
    private final SuppressEncoder suppress = new SuppressEncoder();
    private final KillEncoder kill = new KillEncoder();
    private final AcknowledgeEncoder acknowledge = new AcknowledgeEncoder();
    private final ReconcileEncoder reconcile = new ReconcileEncoder();
    private final RegisterAgentEncoder registerAgent = new RegisterAgentEncoder();
    private final ReregisterAgentEncoder reregisterAgent = new ReregisterAgentEncoder();
    private final StatusUpdateEncoder statusUpdate = new StatusUpdateEncoder();
    private final ExecutorExitedEncoder executorExited = new ExecutorExitedEncoder();
    private final AgentPongEncoder agentPong = new AgentPongEncoder();
    private final DeactivateAgentEncoder deactivateAgent = new DeactivateAgentEncoder();
    private final ReactivateAgentEncoder reactivateAgent = new ReactivateAgentEncoder();
    private final RemoveAgentEncoder removeAgent = new RemoveAgentEncoder();
    private final UpdateAgentEncoder updateAgent = new UpdateAgentEncoder();
    private final UpdateWeightEncoder updateWeight = new UpdateWeightEncoder();
    private final UpdateQuotaEncoder updateQuota = new UpdateQuotaEncoder();
    private final GetStateEncoder getState = new GetStateEncoder();

    /**
     * @param buffer where messages are encoded, at offset 0; an expandable buffer grows as needed.
     */
    public IngressEncoder(final MutableDirectBuffer buffer)
    {
        this.buffer = buffer;
    }

    /**
     * @return the buffer messages are encoded into.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    private static int length(final int bodyLength)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
    }

    /**
     * @return length of a Subscribe without agent preferences: a new framework when frameworkId is 0, else a
     *         failover.
     */
    public int subscribe(
        final long correlationId,
        final long frameworkId,
        final long failoverTimeoutMs,
        final boolean partitionAware,
        final String name,
        final String role)
    {
        return subscribe(correlationId, frameworkId, failoverTimeoutMs, partitionAware, name, role, "");
    }

    /**
     * @param prefer preferred agents: attributes ({@code rack:r1}) or agent ids and hostnames ({@code a1,a2}).
     * @return length of a Subscribe: a new framework when frameworkId is 0, else a failover.
     */
    public int subscribe(
        final long correlationId,
        final long frameworkId,
        final long failoverTimeoutMs,
        final boolean partitionAware,
        final String name,
        final String role,
        final String prefer)
    {
        subscribe.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .frameworkId(frameworkId)
            .failoverTimeoutMs(failoverTimeoutMs)
            .partitionAware(partitionAware ? BooleanType.TRUE : BooleanType.FALSE)
            .name(name)
            .role(role)
            .prefer(prefer);
        return length(subscribe.encodedLength());
    }

    /**
     * @return length of a Teardown.
     */
    public int teardown(final long frameworkId)
    {
        return length(teardown.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).encodedLength());
    }

    /**
     * @return length of a Revive.
     */
    public int revive(final long frameworkId)
    {
        return length(revive.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).encodedLength());
    }

    /**
     * @return length of a Suppress.
     */
    public int suppress(final long frameworkId)
    {
        return length(suppress.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).encodedLength());
    }

    /**
     * @return length of a Kill.
     */
    public int kill(final long frameworkId, final long taskId, final long agentId)
    {
        return length(kill.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).taskId(taskId).agentId(agentId)
            .encodedLength());
    }

    /**
     * Start an Accept: its offer ids are written, the tasks group is sized and returned for the caller to fill
     * (call {@code next()} per task, set its fields, {@link ResourceCodec#encode(Resources, AcceptEncoder.TasksEncoder)},
     * then its name and command), then {@link #acceptLength()}.
     *
     * @return the tasks group encoder.
     */
    public AcceptEncoder.TasksEncoder acceptBegin(
        final long frameworkId, final long refuseMs, final long[] offerIds, final int offerCount, final int taskCount)
    {
        accept.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).refuseMs(refuseMs);
        final AcceptEncoder.OfferIdsEncoder ids = accept.offerIdsCount(offerCount);
        for (int i = 0; i < offerCount; i++)
        {
            ids.next().offerId(offerIds[i]);
        }
        return accept.tasksCount(taskCount);
    }

    /**
     * @return length of the Accept begun with {@link #acceptBegin}.
     */
    public int acceptLength()
    {
        return length(accept.encodedLength());
    }

    /**
     * An Accept of one offer launching {@code taskCount} tasks of the same resources with ids from
     * {@code firstTaskId} on.
     *
     * @return length of the Accept.
     */
    public int accept(
        final long frameworkId,
        final long refuseMs,
        final long offerId,
        final long firstTaskId,
        final int taskCount,
        final Resources taskResources,
        final String name,
        final String command)
    {
        accept.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).refuseMs(refuseMs);
        accept.offerIdsCount(1).next().offerId(offerId);
        final AcceptEncoder.TasksEncoder tasks = accept.tasksCount(taskCount);
        for (int i = 0; i < taskCount; i++)
        {
            tasks.next().taskId(firstTaskId + i).killGracePeriodMs(-1);
            ResourceCodec.encode(taskResources, tasks);
            tasks.name(name).command(command);
        }
        return length(accept.encodedLength());
    }

    /**
     * @return length of a Decline of the first {@code count} offer ids.
     */
    public int decline(final long frameworkId, final long refuseMs, final long[] offerIds, final int count)
    {
        decline.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).refuseMs(refuseMs);
        final DeclineEncoder.OfferIdsEncoder ids = decline.offerIdsCount(count);
        for (int i = 0; i < count; i++)
        {
            ids.next().offerId(offerIds[i]);
        }
        return length(decline.encodedLength());
    }

    /**
     * @return length of an Acknowledge.
     */
    public int acknowledge(final long frameworkId, final long agentId, final long taskId, final long uuidMsb, final long uuidLsb)
    {
        acknowledge.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).agentId(agentId).taskId(taskId);
        acknowledge.uuid().msb(uuidMsb).lsb(uuidLsb);
        return length(acknowledge.encodedLength());
    }

    /**
     * @return length of a Reconcile of the first {@code count} tasks (0 for implicit reconciliation).
     */
    public int reconcile(final long frameworkId, final long[] taskIds, final long[] agentIds, final int count)
    {
        reconcile.wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId);
        final ReconcileEncoder.TasksEncoder tasks = reconcile.tasksCount(count);
        for (int i = 0; i < count; i++)
        {
            tasks.next().taskId(taskIds[i]).agentId(null == agentIds ? 0 : agentIds[i]);
        }
        return length(reconcile.encodedLength());
    }

    /**
     * @return length of a RegisterAgent.
     */
    public int registerAgent(final long correlationId, final Resources total, final String hostname, final String attributes)
    {
        registerAgent.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId);
        ResourceCodec.encode(total, registerAgent);
        registerAgent.hostname(hostname).attributes(attributes);
        return length(registerAgent.encodedLength());
    }

    /**
     * A ReregisterAgent reporting the first {@code count} running tasks, each with the given resources.
     *
     * @return length of the message.
     */
    public int reregisterAgent(
        final long agentId,
        final long correlationId,
        final Resources total,
        final long[] frameworkIds,
        final long[] taskIds,
        final Resources[] taskResources,
        final int count,
        final String hostname,
        final String attributes)
    {
        reregisterAgent.wrapAndApplyHeader(buffer, 0, header).agentId(agentId).correlationId(correlationId);
        ResourceCodec.encode(total, reregisterAgent);
        final ReregisterAgentEncoder.TasksEncoder tasks = reregisterAgent.tasksCount(count);
        for (int i = 0; i < count; i++)
        {
            tasks.next().frameworkId(frameworkIds[i]).taskId(taskIds[i]).state(TaskState.TASK_RUNNING);
            ResourceCodec.encode(taskResources[i], tasks);
        }
        reregisterAgent.hostname(hostname).attributes(attributes);
        return length(reregisterAgent.encodedLength());
    }

    /**
     * @return length of a StatusUpdate.
     */
    public int statusUpdate(
        final long agentId,
        final long frameworkId,
        final long taskId,
        final TaskState state,
        final TaskReason reason,
        final long uuidMsb,
        final long uuidLsb,
        final long timestampMs,
        final String message)
    {
        statusUpdate.wrapAndApplyHeader(buffer, 0, header)
            .agentId(agentId)
            .frameworkId(frameworkId)
            .taskId(taskId)
            .state(state)
            .reason(reason)
            .timestampMs(timestampMs);
        statusUpdate.uuid().msb(uuidMsb).lsb(uuidLsb);
        statusUpdate.message(message);
        return length(statusUpdate.encodedLength());
    }

    /**
     * @return length of an ExecutorExited.
     */
    public int executorExited(final long agentId, final long frameworkId, final long taskId, final int status)
    {
        return length(executorExited.wrapAndApplyHeader(buffer, 0, header)
            .agentId(agentId).frameworkId(frameworkId).taskId(taskId).status(status).encodedLength());
    }

    /**
     * @return length of an AgentPong.
     */
    public int agentPong(final long agentId, final long sequence)
    {
        return length(agentPong.wrapAndApplyHeader(buffer, 0, header).agentId(agentId).sequence(sequence).encodedLength());
    }

    /**
     * @return length of a DeactivateAgent.
     */
    public int deactivateAgent(final long correlationId, final long agentId)
    {
        return length(deactivateAgent.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).agentId(agentId)
            .encodedLength());
    }

    /**
     * @return length of a ReactivateAgent.
     */
    public int reactivateAgent(final long correlationId, final long agentId)
    {
        return length(reactivateAgent.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).agentId(agentId)
            .encodedLength());
    }

    /**
     * @return length of a RemoveAgent (MARK_AGENT_GONE).
     */
    public int removeAgent(final long correlationId, final long agentId)
    {
        return length(removeAgent.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).agentId(agentId)
            .encodedLength());
    }

    /**
     * @return length of an UpdateAgent with the agent's new total resources.
     */
    public int updateAgent(final long correlationId, final long agentId, final Resources total)
    {
        updateAgent.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).agentId(agentId);
        ResourceCodec.encode(total, updateAgent);
        return length(updateAgent.encodedLength());
    }

    /**
     * @param weightMilli the role's weight in thousandths (1.0 is 1000).
     * @return length of an UpdateWeight.
     */
    public int updateWeight(final long correlationId, final String role, final long weightMilli)
    {
        updateWeight.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).weightMilli(weightMilli).role(role);
        return length(updateWeight.encodedLength());
    }

    /**
     * @param guarantee the role's guaranteed resources; empty removes the guarantee.
     * @param force     accept a guarantee above the cluster's total.
     * @return length of an UpdateQuota.
     */
    public int updateQuota(final long correlationId, final String role, final Resources guarantee, final boolean force)
    {
        updateQuota.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).force(force ? BooleanType.TRUE : BooleanType.FALSE);
        ResourceCodec.encode(guarantee, updateQuota);
        updateQuota.role(role);
        return length(updateQuota.encodedLength());
    }

    /**
     * @return length of a GetState; the master answers with its snapshot records.
     */
    public int getState(final long correlationId)
    {
        return length(getState.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).encodedLength());
    }
}
