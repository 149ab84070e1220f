/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AgentPingDecoder;
import io.allot.codecs.sbe.AgentRegisteredDecoder;
import io.allot.codecs.sbe.AgentReregisteredDecoder;
import io.allot.codecs.sbe.ErrorDecoder;
import io.allot.codecs.sbe.KillTaskDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.RunTaskDecoder;
import io.allot.codecs.sbe.ShutdownAgentDecoder;
import io.allot.codecs.sbe.ShutdownFrameworkDecoder;
import io.allot.codecs.sbe.StatusUpdateAckDecoder;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;

/**
 * Decodes the master's messages to the agent and dispatches them, on the agent's thread, to the {@link TaskAgent}.
 * Messages addressed to frameworks or operators, and those of a newer schema than it knows, are ignored.
 */
final class MasterAdapter implements AgentTransport.MessageHandler
{
    private final TaskAgent agent;
    private final Resources taskResources;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AgentRegisteredDecoder agentRegistered = new AgentRegisteredDecoder();
    private final AgentReregisteredDecoder agentReregistered = new AgentReregisteredDecoder();
    private final RunTaskDecoder runTask = new RunTaskDecoder();
    private final KillTaskDecoder killTask = new KillTaskDecoder();
    private final StatusUpdateAckDecoder statusUpdateAck = new StatusUpdateAckDecoder();
    private final ShutdownFrameworkDecoder shutdownFramework = new ShutdownFrameworkDecoder();
    private final AgentPingDecoder agentPing = new AgentPingDecoder();
    private final ShutdownAgentDecoder shutdownAgent = new ShutdownAgentDecoder();
    private final ErrorDecoder error = new ErrorDecoder();

    MasterAdapter(final TaskAgent agent, final Resources taskResources)
    {
        this.agent = agent;
        this.taskResources = taskResources;
    }

    /**
     * {@inheritDoc}
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case AgentRegisteredDecoder.TEMPLATE_ID ->
            {
                agentRegistered.wrap(buffer, bodyOffset, blockLength, version);
                agent.onAgentRegistered(agentRegistered.correlationId(), agentRegistered.agentId());
            }
            case AgentReregisteredDecoder.TEMPLATE_ID ->
            {
                agentReregistered.wrap(buffer, bodyOffset, blockLength, version);
                agent.onAgentRegistered(agentReregistered.correlationId(), agentReregistered.agentId());
            }
            case RunTaskDecoder.TEMPLATE_ID -> onRunTask(buffer, bodyOffset, blockLength, version);
            case KillTaskDecoder.TEMPLATE_ID ->
            {
                killTask.wrap(buffer, bodyOffset, blockLength, version);
                agent.onKillTask(killTask.agentId(), killTask.frameworkId(), killTask.taskId(), killTask.gracePeriodMs());
            }
            case StatusUpdateAckDecoder.TEMPLATE_ID ->
            {
                statusUpdateAck.wrap(buffer, bodyOffset, blockLength, version);
                agent.onStatusUpdateAck(
                    statusUpdateAck.frameworkId(),
                    statusUpdateAck.taskId(),
                    statusUpdateAck.uuid().msb(),
                    statusUpdateAck.uuid().lsb());
            }
            case ShutdownFrameworkDecoder.TEMPLATE_ID ->
            {
                shutdownFramework.wrap(buffer, bodyOffset, blockLength, version);
                agent.onShutdownFramework(shutdownFramework.frameworkId());
            }
            case AgentPingDecoder.TEMPLATE_ID ->
            {
                agentPing.wrap(buffer, bodyOffset, blockLength, version);
                agent.onAgentPing(agentPing.agentId(), agentPing.sequence());
            }
            case ShutdownAgentDecoder.TEMPLATE_ID ->
            {
                shutdownAgent.wrap(buffer, bodyOffset, blockLength, version);
                agent.onShutdownAgent(shutdownAgent.agentId(), String.valueOf(shutdownAgent.reason()));
            }
            case ErrorDecoder.TEMPLATE_ID ->
            {
                error.wrap(buffer, bodyOffset, blockLength, version);
                agent.onMasterError(error.code() + " on template " + error.templateId() + ": " + error.message());
            }
            default ->
            {
                // addressed to frameworks or operators
            }
        }
    }

    private void onRunTask(final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version)
    {
        runTask.wrap(buffer, bodyOffset, blockLength, version);
        final long agentId = runTask.agentId();
        final long frameworkId = runTask.frameworkId();
        final long taskId = runTask.taskId();
        final long killGracePeriodMs = runTask.killGracePeriodMs();
        final int result = ResourceCodec.decode(runTask, taskResources);
        final String resourceError = ResourceCodec.OK == result ? null : ResourceCodec.errorMessage().toString();
        final String name = runTask.name();
        final String command = runTask.command();
        final String role = runTask.role();
        agent.onRunTask(agentId, frameworkId, taskId, killGracePeriodMs, taskResources, name, command, role, resourceError);
    }
}
