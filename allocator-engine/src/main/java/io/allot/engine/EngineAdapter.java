/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.MessageValidator;
import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.AcknowledgeDecoder;
import io.allot.codecs.sbe.AgentPongDecoder;
import io.allot.codecs.sbe.BooleanType;
import io.allot.codecs.sbe.DeactivateAgentDecoder;
import io.allot.codecs.sbe.DeclineDecoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.ExecutorExitedDecoder;
import io.allot.codecs.sbe.ExecutorToFrameworkDecoder;
import io.allot.codecs.sbe.FrameworkState;
import io.allot.codecs.sbe.KillDecoder;
import io.allot.codecs.sbe.MessageDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.ReactivateAgentDecoder;
import io.allot.codecs.sbe.ReconcileDecoder;
import io.allot.codecs.sbe.RegisterAgentDecoder;
import io.allot.codecs.sbe.RemoveAgentDecoder;
import io.allot.codecs.sbe.ReregisterAgentDecoder;
import io.allot.codecs.sbe.ReviveDecoder;
import io.allot.codecs.sbe.StatusUpdateDecoder;
import io.allot.codecs.sbe.SubscribeDecoder;
import io.allot.codecs.sbe.SuppressDecoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.TeardownDecoder;
import io.allot.codecs.sbe.UpdateAgentDecoder;
import io.allot.codecs.sbe.UpdateQuotaDecoder;
import io.allot.codecs.sbe.UpdateWeightDecoder;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Decodes the master's inputs and dispatches on the template id to the engine's parts. Every buffer is validated
 * first ({@link MessageValidator}); a message that is not an input of the master gets an error.
 */
final class EngineAdapter
{
    private final EngineState s;
    private final Frameworks frameworks;
    private final Tasks tasks;
    private final Agents agents;
    private final Quotas quotas;
    private final OfferAnswers offerAnswers;
    private final MessageValidator validator = new MessageValidator();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SubscribeDecoder subscribe = new SubscribeDecoder();
    private final TeardownDecoder teardown = new TeardownDecoder();
    private final AcceptDecoder accept = new AcceptDecoder();
    private final DeclineDecoder decline = new DeclineDecoder();
    private final ReviveDecoder revive = new ReviveDecoder();
    private final SuppressDecoder suppress = new SuppressDecoder();
    private final KillDecoder kill = new KillDecoder();
    private final AcknowledgeDecoder acknowledge = new AcknowledgeDecoder();
    private final ReconcileDecoder reconcile = new ReconcileDecoder();
    private final MessageDecoder message = new MessageDecoder();
    private final RegisterAgentDecoder registerAgent = new RegisterAgentDecoder();
    private final ReregisterAgentDecoder reregisterAgent = new ReregisterAgentDecoder();
    private final StatusUpdateDecoder statusUpdate = new StatusUpdateDecoder();
    private final ExecutorExitedDecoder executorExited = new ExecutorExitedDecoder();
    private final AgentPongDecoder agentPong = new AgentPongDecoder();
    private final ExecutorToFrameworkDecoder executorToFramework = new ExecutorToFrameworkDecoder();
    private final DeactivateAgentDecoder deactivateAgent = new DeactivateAgentDecoder();
    private final ReactivateAgentDecoder reactivateAgent = new ReactivateAgentDecoder();
    private final RemoveAgentDecoder removeAgent = new RemoveAgentDecoder();
    private final UpdateAgentDecoder updateAgent = new UpdateAgentDecoder();
    private final UpdateWeightDecoder updateWeight = new UpdateWeightDecoder();
    private final UpdateQuotaDecoder updateQuota = new UpdateQuotaDecoder();
    private final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
    private final Resources resources;
    private long[] reportedFrameworkIds = new long[16];
    private long[] reportedTaskIds = new long[16];

    EngineAdapter(
        final EngineState state,
        final Frameworks frameworks,
        final Tasks tasks,
        final OfferAnswers offerAnswers,
        final Agents agents,
        final Quotas quotas)
    {
        this.offerAnswers = offerAnswers;
        this.quotas = quotas;
        this.s = state;
        this.frameworks = frameworks;
        this.tasks = tasks;
        this.agents = agents;
        this.resources = new Resources(state.names);
    }

    /**
     * @return the template id of the message being handled, for error replies.
     */
    int templateId()
    {
        return validator.templateId();
    }

    void onMessage(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (MessageValidator.VALID != validator.validate(buffer, offset, length))
        {
            s.error(sessionId, 0, 0, 0, MessageValidator.errorCode(validator.result()), validator.templateId(),
                validator.errorMessage());
            return;
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();

        switch (templateId)
        {
            case SubscribeDecoder.TEMPLATE_ID:
                subscribe.wrap(buffer, bodyOffset, blockLength, version);
                frameworks.onSubscribe(sessionId, subscribe.correlationId(), subscribe.frameworkId(), subscribe.failoverTimeoutMs(),
                    BooleanType.TRUE == subscribe.partitionAware(), subscribe.name(), subscribe.role(), subscribe.prefer(), templateId);
                break;
            case TeardownDecoder.TEMPLATE_ID:
                teardown.wrap(buffer, bodyOffset, blockLength, version);
                frameworks.onTeardown(sessionId, teardown.frameworkId(), templateId);
                break;
            case AcceptDecoder.TEMPLATE_ID:
                accept.wrap(buffer, bodyOffset, blockLength, version);
                offerAnswers.onAccept(sessionId, accept, templateId);
                break;
            case DeclineDecoder.TEMPLATE_ID:
                decline.wrap(buffer, bodyOffset, blockLength, version);
                offerAnswers.onDecline(sessionId, decline, templateId);
                break;
            case ReviveDecoder.TEMPLATE_ID:
                revive.wrap(buffer, bodyOffset, blockLength, version);
                frameworks.onRevive(sessionId, revive.frameworkId(), templateId);
                break;
            case SuppressDecoder.TEMPLATE_ID:
                suppress.wrap(buffer, bodyOffset, blockLength, version);
                frameworks.onSuppress(sessionId, suppress.frameworkId(), templateId);
                break;
            case KillDecoder.TEMPLATE_ID:
                kill.wrap(buffer, bodyOffset, blockLength, version);
                tasks.onKill(sessionId, kill.frameworkId(), kill.taskId(), templateId);
                break;
            case AcknowledgeDecoder.TEMPLATE_ID:
                acknowledge.wrap(buffer, bodyOffset, blockLength, version);
                tasks.onAcknowledge(sessionId, acknowledge.frameworkId(), acknowledge.agentId(), acknowledge.taskId(),
                    acknowledge.uuid().msb(), acknowledge.uuid().lsb(), templateId);
                break;
            case ReconcileDecoder.TEMPLATE_ID:
                reconcile.wrap(buffer, bodyOffset, blockLength, version);
                onReconcile(sessionId, templateId);
                break;
            case MessageDecoder.TEMPLATE_ID:
                message.wrap(buffer, bodyOffset, blockLength, version);
                onFrameworkMessage(sessionId, templateId);
                break;
            default:
                onAgentOrOperatorMessage(sessionId, buffer, templateId, bodyOffset, blockLength, version);
                break;
        }
    }

    private void onAgentOrOperatorMessage(
        final long sessionId,
        final DirectBuffer buffer,
        final int templateId,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        switch (templateId)
        {
            case RegisterAgentDecoder.TEMPLATE_ID:
                registerAgent.wrap(buffer, bodyOffset, blockLength, version);
                onRegisterAgent(sessionId, templateId);
                break;
            case ReregisterAgentDecoder.TEMPLATE_ID:
                reregisterAgent.wrap(buffer, bodyOffset, blockLength, version);
                onReregisterAgent(sessionId, templateId);
                break;
            case StatusUpdateDecoder.TEMPLATE_ID:
                statusUpdate.wrap(buffer, bodyOffset, blockLength, version);
                onStatusUpdate(sessionId, templateId);
                break;
            case AgentPongDecoder.TEMPLATE_ID:
            {
                agentPong.wrap(buffer, bodyOffset, blockLength, version);
                final int agent = agents.require(sessionId, agentPong.agentId(), templateId);
                if (IdSlots.NONE != agent)
                {
                    agents.onPong(agent, agentPong.sequence());
                }
                break;
            }
            case ExecutorExitedDecoder.TEMPLATE_ID:
                executorExited.wrap(buffer, bodyOffset, blockLength, version);
                onExecutorExited(sessionId, templateId);
                break;
            case ExecutorToFrameworkDecoder.TEMPLATE_ID:
                executorToFramework.wrap(buffer, bodyOffset, blockLength, version);
                onExecutorToFramework(sessionId, templateId);
                break;
            default:
                onOperatorMessage(sessionId, buffer, templateId, bodyOffset, blockLength, version);
                break;
        }
    }

    private void onOperatorMessage(
        final long sessionId,
        final DirectBuffer buffer,
        final int templateId,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final long correlationId;
        final int agent;
        switch (templateId)
        {
            case DeactivateAgentDecoder.TEMPLATE_ID:
                deactivateAgent.wrap(buffer, bodyOffset, blockLength, version);
                correlationId = deactivateAgent.correlationId();
                agent = agents.requireKnown(sessionId, correlationId, deactivateAgent.agentId(), templateId);
                if (IdSlots.NONE != agent)
                {
                    agents.deactivate(agent);
                }
                break;
            case ReactivateAgentDecoder.TEMPLATE_ID:
                reactivateAgent.wrap(buffer, bodyOffset, blockLength, version);
                correlationId = reactivateAgent.correlationId();
                agent = agents.requireKnown(sessionId, correlationId, reactivateAgent.agentId(), templateId);
                if (IdSlots.NONE != agent)
                {
                    agents.reactivate(agent);
                }
                break;
            case RemoveAgentDecoder.TEMPLATE_ID:
                removeAgent.wrap(buffer, bodyOffset, blockLength, version);
                correlationId = removeAgent.correlationId();
                agent = agents.requireKnown(sessionId, correlationId, removeAgent.agentId(), templateId);
                if (IdSlots.NONE != agent)
                {
                    final long agentSession = s.agents.sessionId[agent];
                    agents.remove(agent, TaskState.TASK_GONE_BY_OPERATOR, TaskReason.AGENT_REMOVED_BY_OPERATOR,
                        "agent removed by the operator");
                    s.output.shutdownAgent(agentSession, removeAgent.agentId(), TaskReason.AGENT_REMOVED_BY_OPERATOR);
                }
                break;
            case UpdateAgentDecoder.TEMPLATE_ID:
                updateAgent.wrap(buffer, bodyOffset, blockLength, version);
                correlationId = updateAgent.correlationId();
                agent = onUpdateAgent(sessionId, correlationId, templateId);
                break;
            case UpdateWeightDecoder.TEMPLATE_ID:
                updateWeight.wrap(buffer, bodyOffset, blockLength, version);
                quotas.onUpdateWeight(sessionId, updateWeight.correlationId(), updateWeight.role(), updateWeight.weightMilli(), templateId);
                return;
            case UpdateQuotaDecoder.TEMPLATE_ID:
                updateQuota.wrap(buffer, bodyOffset, blockLength, version);
                onUpdateQuota(sessionId, templateId);
                return;
            default:
                s.error(sessionId, 0, 0, 0, ErrorCode.UNKNOWN_TEMPLATE, templateId,
                    s.text().append(MessageValidator.templateName(templateId)).append(" is not an input of the master"));
                return;
        }
        if (IdSlots.NONE != agent)
        {
            s.output.operatorAck(sessionId, correlationId, templateId);
        }
    }

    private void onUpdateQuota(final long sessionId, final int templateId)
    {
        final long correlationId = updateQuota.correlationId();
        final boolean force = BooleanType.TRUE == updateQuota.force();
        if (ResourceCodec.OK != ResourceCodec.decode(updateQuota, resources))
        {
            final CharSequence reason = ResourceCodec.errorMessage();
            updateQuota.skipRole();
            s.error(sessionId, correlationId, 0, 0, ErrorCode.INVALID_RESOURCES, templateId, reason);
            return;
        }
        quotas.onUpdateQuota(sessionId, correlationId, updateQuota.role(), resources, force, templateId);
    }

    private int onUpdateAgent(final long sessionId, final long correlationId, final int templateId)
    {
        final int agent = agents.requireKnown(sessionId, correlationId, updateAgent.agentId(), templateId);
        if (IdSlots.NONE == agent)
        {
            return IdSlots.NONE;
        }
        if (ResourceCodec.OK != ResourceCodec.decode(updateAgent, resources) || resources.isEmpty())
        {
            s.error(sessionId, correlationId, 0, updateAgent.agentId(), ErrorCode.INVALID_RESOURCES, templateId,
                resources.isEmpty() ? "an agent needs some resources" : ResourceCodec.errorMessage());
            return IdSlots.NONE;
        }
        return agents.updateTotal(sessionId, correlationId, agent, resources, templateId) ? agent : IdSlots.NONE;
    }

    private void onRegisterAgent(final long sessionId, final int templateId)
    {
        final long correlationId = registerAgent.correlationId();
        if (ResourceCodec.OK != ResourceCodec.decode(registerAgent, resources))
        {
            s.error(sessionId, correlationId, 0, 0, ErrorCode.INVALID_RESOURCES, templateId, ResourceCodec.errorMessage());
            return;
        }
        agents.onRegister(sessionId, correlationId, resources, registerAgent.hostname(), registerAgent.attributes(), templateId);
    }

    private void onReregisterAgent(final long sessionId, final int templateId)
    {
        final long agentId = reregisterAgent.agentId();
        final long correlationId = reregisterAgent.correlationId();
        if (ResourceCodec.OK != ResourceCodec.decode(reregisterAgent, resources))
        {
            s.error(sessionId, correlationId, 0, agentId, ErrorCode.INVALID_RESOURCES, templateId, ResourceCodec.errorMessage());
            return;
        }
        int count = 0;
        for (final ReregisterAgentDecoder.TasksDecoder task : reregisterAgent.tasks())
        {
            if (count == reportedTaskIds.length)
            {
                reportedTaskIds = Arrays.copyOf(reportedTaskIds, count * 2);
                reportedFrameworkIds = Arrays.copyOf(reportedFrameworkIds, count * 2);
            }
            reportedFrameworkIds[count] = task.frameworkId();
            reportedTaskIds[count] = task.taskId();
            task.sbeSkip();
            count++;
        }
        agents.onReregister(sessionId, agentId, correlationId, resources, reportedFrameworkIds, reportedTaskIds, count,
            reregisterAgent.hostname(), reregisterAgent.attributes(), templateId);
    }

    private void onStatusUpdate(final long sessionId, final int templateId)
    {
        final int agent = agents.require(sessionId, statusUpdate.agentId(), templateId);
        if (IdSlots.NONE != agent)
        {
            tasks.onStatusUpdate(sessionId, agent, statusUpdate.frameworkId(), statusUpdate.taskId(), statusUpdate.state(),
                statusUpdate.reason(), statusUpdate.uuid().msb(), statusUpdate.uuid().lsb(), statusUpdate.timestampMs(),
                wrapMessage(), templateId);
        }
    }

    private DirectBuffer wrapMessage()
    {
        statusUpdate.wrapMessage(payload);
        return payload;
    }

    private void onExecutorExited(final long sessionId, final int templateId)
    {
        final int agent = agents.require(sessionId, executorExited.agentId(), templateId);
        if (IdSlots.NONE == agent)
        {
            return;
        }
        final int framework = s.frameworks.slot(executorExited.frameworkId());
        if (IdSlots.NONE != framework && FrameworkState.ACTIVE == s.frameworks.state[framework])
        {
            s.output.failure(s.frameworks.sessionId[framework], executorExited.frameworkId(), executorExited.agentId(),
                executorExited.taskId(), executorExited.status());
        }
    }

    private void onExecutorToFramework(final long sessionId, final int templateId)
    {
        final int agent = agents.require(sessionId, executorToFramework.agentId(), templateId);
        if (IdSlots.NONE == agent)
        {
            return;
        }
        final long frameworkId = executorToFramework.frameworkId();
        final int framework = s.frameworks.slot(frameworkId);
        if (IdSlots.NONE == framework || FrameworkState.ACTIVE != s.frameworks.state[framework])
        {
            s.error(sessionId, 0, frameworkId, executorToFramework.agentId(), ErrorCode.UNKNOWN_FRAMEWORK, templateId,
                s.text().append("framework ").append(frameworkId).append(" is not connected"));
            return;
        }
        executorToFramework.wrapPayload(payload);
        s.output.frameworkMessage(s.frameworks.sessionId[framework], frameworkId, executorToFramework.agentId(),
            executorToFramework.taskId(), payload, 0, payload.capacity());
    }

    private void onFrameworkMessage(final long sessionId, final int templateId)
    {
        final long frameworkId = message.frameworkId();
        final int framework = frameworks.require(sessionId, 0, frameworkId, templateId);
        if (IdSlots.NONE == framework)
        {
            return;
        }
        final int task = s.frameworks.taskSlot(framework, message.taskId());
        final int agent = IdSlots.NONE == task ? IdSlots.NONE : s.tasks.agentSlot[task];
        if (IdSlots.NONE == agent || s.tasks.agentId[task] != message.agentId() && 0 != message.agentId())
        {
            s.error(sessionId, 0, frameworkId, message.agentId(), ErrorCode.UNKNOWN_TASK, templateId,
                s.text().append("task ").append(message.taskId()).append(" is not running on a known agent"));
            return;
        }
        message.wrapPayload(payload);
        s.output.executorMessage(s.agents.sessionId[agent], s.agents.id[agent], frameworkId, message.taskId(),
            payload, 0, payload.capacity());
    }

    private void onReconcile(final long sessionId, final int templateId)
    {
        final int framework = frameworks.require(sessionId, 0, reconcile.frameworkId(), templateId);
        if (IdSlots.NONE == framework)
        {
            return;
        }
        final ReconcileDecoder.TasksDecoder entries = reconcile.tasks();
        if (0 == entries.count())
        {
            tasks.reconcileAll(framework);
            return;
        }
        for (final ReconcileDecoder.TasksDecoder entry : entries)
        {
            tasks.reconcileOne(framework, entry.taskId(), entry.agentId());
        }
    }
}
