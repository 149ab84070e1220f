package io.allot.codecs;

import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.AcknowledgeDecoder;
import io.allot.codecs.sbe.AgentPingDecoder;
import io.allot.codecs.sbe.AgentPongDecoder;
import io.allot.codecs.sbe.AgentRecordDecoder;
import io.allot.codecs.sbe.AgentRegisteredDecoder;
import io.allot.codecs.sbe.AgentReregisteredDecoder;
import io.allot.codecs.sbe.CheckpointTaskDecoder;
import io.allot.codecs.sbe.CheckpointUpdateDecoder;
import io.allot.codecs.sbe.DeactivateAgentDecoder;
import io.allot.codecs.sbe.DeclineDecoder;
import io.allot.codecs.sbe.ErrorDecoder;
import io.allot.codecs.sbe.ExecutorExitedDecoder;
import io.allot.codecs.sbe.ExecutorToFrameworkDecoder;
import io.allot.codecs.sbe.FailureDecoder;
import io.allot.codecs.sbe.FilterRecordDecoder;
import io.allot.codecs.sbe.FrameworkRecordDecoder;
import io.allot.codecs.sbe.FrameworkToExecutorDecoder;
import io.allot.codecs.sbe.GetStateDecoder;
import io.allot.codecs.sbe.HeartbeatDecoder;
import io.allot.codecs.sbe.KillDecoder;
import io.allot.codecs.sbe.KillTaskDecoder;
import io.allot.codecs.sbe.MessageDecoder;
import io.allot.codecs.sbe.MessageEventDecoder;
import io.allot.codecs.sbe.OfferRecordDecoder;
import io.allot.codecs.sbe.OffersDecoder;
import io.allot.codecs.sbe.OperatorAckDecoder;
import io.allot.codecs.sbe.ReactivateAgentDecoder;
import io.allot.codecs.sbe.ReconcileDecoder;
import io.allot.codecs.sbe.RegisterAgentDecoder;
import io.allot.codecs.sbe.RemoveAgentDecoder;
import io.allot.codecs.sbe.ReregisterAgentDecoder;
import io.allot.codecs.sbe.RescindDecoder;
import io.allot.codecs.sbe.RevocationDecoder;
import io.allot.codecs.sbe.RoleRecordDecoder;
import io.allot.codecs.sbe.ReviveDecoder;
import io.allot.codecs.sbe.RunTaskDecoder;
import io.allot.codecs.sbe.ShutdownAgentDecoder;
import io.allot.codecs.sbe.ShutdownFrameworkDecoder;
import io.allot.codecs.sbe.SnapshotBeginDecoder;
import io.allot.codecs.sbe.SnapshotEndDecoder;
import io.allot.codecs.sbe.StatusUpdateAckDecoder;
import io.allot.codecs.sbe.StatusUpdateDecoder;
import io.allot.codecs.sbe.SubscribeDecoder;
import io.allot.codecs.sbe.SubscribedDecoder;
import io.allot.codecs.sbe.SuppressDecoder;
import io.allot.codecs.sbe.TaskRecordDecoder;
import io.allot.codecs.sbe.TeardownDecoder;
import io.allot.codecs.sbe.UpdateAgentDecoder;
import io.allot.codecs.sbe.UpdateQuotaDecoder;
import io.allot.codecs.sbe.UpdateWeightDecoder;
import io.allot.codecs.sbe.UpdateDecoder;
import org.agrona.DirectBuffer;

/**
 * Walks the body of a message whose header {@link MessageValidator} has checked with the generated decoder of its
 * template, every group entry and variable length field in schema order, making the checks of {@link MessageBodyChecks}
 * before the decoder reads each one. Templates with no group and no variable length field end with their root block.
 */
final class MessageBodyWalker extends MessageBodyChecks
{
    private final SubscribeDecoder subscribe = new SubscribeDecoder();
    private final AcceptDecoder accept = new AcceptDecoder();
    private final DeclineDecoder decline = new DeclineDecoder();
    private final ReconcileDecoder reconcile = new ReconcileDecoder();
    private final MessageDecoder message = new MessageDecoder();
    private final OffersDecoder offers = new OffersDecoder();
    private final UpdateDecoder update = new UpdateDecoder();
    private final MessageEventDecoder messageEvent = new MessageEventDecoder();
    private final ErrorDecoder error = new ErrorDecoder();
    private final RegisterAgentDecoder registerAgent = new RegisterAgentDecoder();
    private final ReregisterAgentDecoder reregisterAgent = new ReregisterAgentDecoder();
    private final StatusUpdateDecoder statusUpdate = new StatusUpdateDecoder();
    private final ExecutorToFrameworkDecoder executorToFramework = new ExecutorToFrameworkDecoder();
    private final RunTaskDecoder runTask = new RunTaskDecoder();
    private final FrameworkToExecutorDecoder frameworkToExecutor = new FrameworkToExecutorDecoder();
    private final UpdateAgentDecoder updateAgent = new UpdateAgentDecoder();
    private final RevocationDecoder revocation = new RevocationDecoder();
    private final UpdateWeightDecoder updateWeight = new UpdateWeightDecoder();
    private final UpdateQuotaDecoder updateQuota = new UpdateQuotaDecoder();
    private final RoleRecordDecoder roleRecord = new RoleRecordDecoder();
    private final SnapshotBeginDecoder snapshotBegin = new SnapshotBeginDecoder();
    private final AgentRecordDecoder agentRecord = new AgentRecordDecoder();
    private final FrameworkRecordDecoder frameworkRecord = new FrameworkRecordDecoder();
    private final TaskRecordDecoder taskRecord = new TaskRecordDecoder();
    private final OfferRecordDecoder offerRecord = new OfferRecordDecoder();
    private final FilterRecordDecoder filterRecord = new FilterRecordDecoder();
    private final CheckpointTaskDecoder checkpointTask = new CheckpointTaskDecoder();
    private final CheckpointUpdateDecoder checkpointUpdate = new CheckpointUpdateDecoder();

    private int blockLength;
    private int version;

    MessageBodyWalker(final StringBuilder errorMessage)
    {
        super(errorMessage);
    }

    /**
     * Walk the body of a message whose header has been checked.
     *
     * @param buffer       holding exactly the message, header at index 0.
     * @param length       of the message, header included.
     * @param templateId   of the message, one of the schema.
     * @param templateName of the message.
     * @param blockLength  of the root block, at least the generated one.
     * @param version      acting version of the message.
     * @return the decoded length, or a negative {@link MessageValidator} error code with the reason appended.
     */
    int walk(
        final DirectBuffer buffer,
        final int length,
        final int templateId,
        final String templateName,
        final int blockLength,
        final int version)
    {
        begin(buffer, length, templateName);
        this.blockLength = blockLength;
        this.version = version;

        try
        {
            require(HEADER_LENGTH + (long)blockLength);
            return walkBody(templateId);
        }
        catch (final Rejection ignore)
        {
            return rejectionCode();
        }
        finally
        {
            end();
        }
    }

    private int walkBody(final int templateId)
    {
        switch (templateId)
        {
            case SubscribeDecoder.TEMPLATE_ID:
                return subscribe();
            case AcceptDecoder.TEMPLATE_ID:
                return accept();
            case DeclineDecoder.TEMPLATE_ID:
                return decline();
            case ReconcileDecoder.TEMPLATE_ID:
                return reconcile();
            case MessageDecoder.TEMPLATE_ID:
                return message();
            case OffersDecoder.TEMPLATE_ID:
                return offers();
            case UpdateDecoder.TEMPLATE_ID:
                return update();
            case MessageEventDecoder.TEMPLATE_ID:
                return messageEvent();
            case ErrorDecoder.TEMPLATE_ID:
                return error();
            case RegisterAgentDecoder.TEMPLATE_ID:
                return registerAgent();
            case ReregisterAgentDecoder.TEMPLATE_ID:
                return reregisterAgent();
            case StatusUpdateDecoder.TEMPLATE_ID:
                return statusUpdate();
            case ExecutorToFrameworkDecoder.TEMPLATE_ID:
                return executorToFramework();
            case RunTaskDecoder.TEMPLATE_ID:
                return runTask();
            case FrameworkToExecutorDecoder.TEMPLATE_ID:
                return frameworkToExecutor();
            case UpdateAgentDecoder.TEMPLATE_ID:
                return updateAgent();
            case SnapshotBeginDecoder.TEMPLATE_ID:
                return snapshotBegin();
            case AgentRecordDecoder.TEMPLATE_ID:
                return agentRecord();
            case FrameworkRecordDecoder.TEMPLATE_ID:
                return frameworkRecord();
            case TaskRecordDecoder.TEMPLATE_ID:
                return taskRecord();
            case OfferRecordDecoder.TEMPLATE_ID:
                return offerRecord();
            case FilterRecordDecoder.TEMPLATE_ID:
                return filterRecord();
            case RevocationDecoder.TEMPLATE_ID:
                return revocation();
            case UpdateWeightDecoder.TEMPLATE_ID:
                return updateWeight();
            case UpdateQuotaDecoder.TEMPLATE_ID:
                return updateQuota();
            case RoleRecordDecoder.TEMPLATE_ID:
                return roleRecord();
            case CheckpointTaskDecoder.TEMPLATE_ID:
                return checkpointTask();
            case CheckpointUpdateDecoder.TEMPLATE_ID:
                return checkpointUpdate();

            case TeardownDecoder.TEMPLATE_ID:
            case ReviveDecoder.TEMPLATE_ID:
            case SuppressDecoder.TEMPLATE_ID:
            case KillDecoder.TEMPLATE_ID:
            case AcknowledgeDecoder.TEMPLATE_ID:
            case SubscribedDecoder.TEMPLATE_ID:
            case RescindDecoder.TEMPLATE_ID:
            case FailureDecoder.TEMPLATE_ID:
            case HeartbeatDecoder.TEMPLATE_ID:
            case ExecutorExitedDecoder.TEMPLATE_ID:
            case AgentPongDecoder.TEMPLATE_ID:
            case AgentRegisteredDecoder.TEMPLATE_ID:
            case AgentReregisteredDecoder.TEMPLATE_ID:
            case KillTaskDecoder.TEMPLATE_ID:
            case StatusUpdateAckDecoder.TEMPLATE_ID:
            case ShutdownFrameworkDecoder.TEMPLATE_ID:
            case AgentPingDecoder.TEMPLATE_ID:
            case ShutdownAgentDecoder.TEMPLATE_ID:
            case DeactivateAgentDecoder.TEMPLATE_ID:
            case ReactivateAgentDecoder.TEMPLATE_ID:
            case RemoveAgentDecoder.TEMPLATE_ID:
            case OperatorAckDecoder.TEMPLATE_ID:
            case GetStateDecoder.TEMPLATE_ID:
            case SnapshotEndDecoder.TEMPLATE_ID:
                return HEADER_LENGTH + blockLength;

            default:
                errorMessage.append("no body walk for template ").append(templateName);
                return MessageValidator.UNKNOWN_TEMPLATE;
        }
    }

    private int subscribe()
    {
        final SubscribeDecoder d = subscribe.wrap(buffer, HEADER_LENGTH, blockLength, version);
        string(d.limit(), "name");
        d.skipName();
        string(d.limit(), "role");
        d.skipRole();
        string(d.limit(), "prefer");
        d.skipPrefer();
        return d.limit();
    }

    private int accept()
    {
        final AcceptDecoder d = accept.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "offerIds", AcceptDecoder.OfferIdsDecoder.sbeBlockLength());
        skipEntries(d.offerIds());
        group(d.limit(), "tasks", AcceptDecoder.TasksDecoder.sbeBlockLength());
        for (final AcceptDecoder.TasksDecoder task : d.tasks())
        {
            group(d.limit(), "tasks.scalars", AcceptDecoder.TasksDecoder.ScalarsDecoder.sbeBlockLength());
            for (final AcceptDecoder.TasksDecoder.ScalarsDecoder scalar : task.scalars())
            {
                string(d.limit(), "tasks.scalars.name");
                scalar.skipName();
            }
            group(d.limit(), "tasks.ports", AcceptDecoder.TasksDecoder.PortsDecoder.sbeBlockLength());
            skipEntries(task.ports());
            string(d.limit(), "tasks.name");
            task.skipName();
            string(d.limit(), "tasks.command");
            task.skipCommand();
        }
        return d.limit();
    }

    private int decline()
    {
        final DeclineDecoder d = decline.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "offerIds", DeclineDecoder.OfferIdsDecoder.sbeBlockLength());
        skipEntries(d.offerIds());
        return d.limit();
    }

    private int reconcile()
    {
        final ReconcileDecoder d = reconcile.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "tasks", ReconcileDecoder.TasksDecoder.sbeBlockLength());
        skipEntries(d.tasks());
        return d.limit();
    }

    private int message()
    {
        final MessageDecoder d = message.wrap(buffer, HEADER_LENGTH, blockLength, version);
        data(d.limit(), "payload");
        d.skipPayload();
        return d.limit();
    }

    private int offers()
    {
        final OffersDecoder d = offers.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "offer", OffersDecoder.OfferDecoder.sbeBlockLength());
        for (final OffersDecoder.OfferDecoder offer : d.offer())
        {
            group(d.limit(), "offer.scalars", OffersDecoder.OfferDecoder.ScalarsDecoder.sbeBlockLength());
            for (final OffersDecoder.OfferDecoder.ScalarsDecoder scalar : offer.scalars())
            {
                string(d.limit(), "offer.scalars.name");
                scalar.skipName();
            }
            group(d.limit(), "offer.ports", OffersDecoder.OfferDecoder.PortsDecoder.sbeBlockLength());
            skipEntries(offer.ports());
            string(d.limit(), "offer.hostname");
            offer.skipHostname();
            string(d.limit(), "offer.attributes");
            offer.skipAttributes();
        }
        return d.limit();
    }

    private int update()
    {
        final UpdateDecoder d = update.wrap(buffer, HEADER_LENGTH, blockLength, version);
        string(d.limit(), "message");
        d.skipMessage();
        return d.limit();
    }

    private int messageEvent()
    {
        final MessageEventDecoder d = messageEvent.wrap(buffer, HEADER_LENGTH, blockLength, version);
        data(d.limit(), "payload");
        d.skipPayload();
        return d.limit();
    }

    private int error()
    {
        final ErrorDecoder d = error.wrap(buffer, HEADER_LENGTH, blockLength, version);
        string(d.limit(), "message");
        d.skipMessage();
        return d.limit();
    }

    private int registerAgent()
    {
        final RegisterAgentDecoder d = registerAgent.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "scalars", RegisterAgentDecoder.ScalarsDecoder.sbeBlockLength());
        for (final RegisterAgentDecoder.ScalarsDecoder scalar : d.scalars())
        {
            string(d.limit(), "scalars.name");
            scalar.skipName();
        }
        group(d.limit(), "ports", RegisterAgentDecoder.PortsDecoder.sbeBlockLength());
        skipEntries(d.ports());
        string(d.limit(), "hostname");
        d.skipHostname();
        string(d.limit(), "attributes");
        d.skipAttributes();
        return d.limit();
    }

    private int reregisterAgent()
    {
        final ReregisterAgentDecoder d = reregisterAgent.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "scalars", ReregisterAgentDecoder.ScalarsDecoder.sbeBlockLength());
        for (final ReregisterAgentDecoder.ScalarsDecoder scalar : d.scalars())
        {
            string(d.limit(), "scalars.name");
            scalar.skipName();
        }
        group(d.limit(), "ports", ReregisterAgentDecoder.PortsDecoder.sbeBlockLength());
        skipEntries(d.ports());
        group(d.limit(), "tasks", ReregisterAgentDecoder.TasksDecoder.sbeBlockLength());
        for (final ReregisterAgentDecoder.TasksDecoder task : d.tasks())
        {
            group(d.limit(), "tasks.scalars", ReregisterAgentDecoder.TasksDecoder.ScalarsDecoder.sbeBlockLength());
            for (final ReregisterAgentDecoder.TasksDecoder.ScalarsDecoder scalar : task.scalars())
            {
                string(d.limit(), "tasks.scalars.name");
                scalar.skipName();
            }
            group(d.limit(), "tasks.ports", ReregisterAgentDecoder.TasksDecoder.PortsDecoder.sbeBlockLength());
            skipEntries(task.ports());
        }
        string(d.limit(), "hostname");
        d.skipHostname();
        string(d.limit(), "attributes");
        d.skipAttributes();
        return d.limit();
    }

    private int statusUpdate()
    {
        final StatusUpdateDecoder d = statusUpdate.wrap(buffer, HEADER_LENGTH, blockLength, version);
        string(d.limit(), "message");
        d.skipMessage();
        return d.limit();
    }

    private int executorToFramework()
    {
        final ExecutorToFrameworkDecoder d = executorToFramework.wrap(buffer, HEADER_LENGTH, blockLength, version);
        data(d.limit(), "payload");
        d.skipPayload();
        return d.limit();
    }

    private int runTask()
    {
        final RunTaskDecoder d = runTask.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "scalars", RunTaskDecoder.ScalarsDecoder.sbeBlockLength());
        for (final RunTaskDecoder.ScalarsDecoder scalar : d.scalars())
        {
            string(d.limit(), "scalars.name");
            scalar.skipName();
        }
        group(d.limit(), "ports", RunTaskDecoder.PortsDecoder.sbeBlockLength());
        skipEntries(d.ports());
        string(d.limit(), "name");
        d.skipName();
        string(d.limit(), "command");
        d.skipCommand();
        string(d.limit(), "role");
        d.skipRole();
        return d.limit();
    }

    private int frameworkToExecutor()
    {
        final FrameworkToExecutorDecoder d = frameworkToExecutor.wrap(buffer, HEADER_LENGTH, blockLength, version);
        data(d.limit(), "payload");
        d.skipPayload();
        return d.limit();
    }

    private int updateAgent()
    {
        final UpdateAgentDecoder d = updateAgent.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "scalars", UpdateAgentDecoder.ScalarsDecoder.sbeBlockLength());
        for (final UpdateAgentDecoder.ScalarsDecoder scalar : d.scalars())
        {
            string(d.limit(), "scalars.name");
            scalar.skipName();
        }
        group(d.limit(), "ports", UpdateAgentDecoder.PortsDecoder.sbeBlockLength());
        skipEntries(d.ports());
        return d.limit();
    }

    private int revocation()
    {
        final RevocationDecoder d = revocation.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "tasks", RevocationDecoder.TasksDecoder.sbeBlockLength());
        skipEntries(d.tasks());
        return d.limit();
    }

    private int updateWeight()
    {
        final UpdateWeightDecoder d = updateWeight.wrap(buffer, HEADER_LENGTH, blockLength, version);
        string(d.limit(), "role");
        d.skipRole();
        return d.limit();
    }

    private int updateQuota()
    {
        final UpdateQuotaDecoder d = updateQuota.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "scalars", UpdateQuotaDecoder.ScalarsDecoder.sbeBlockLength());
        for (final UpdateQuotaDecoder.ScalarsDecoder scalar : d.scalars())
        {
            string(d.limit(), "scalars.name");
            scalar.skipName();
        }
        group(d.limit(), "ports", UpdateQuotaDecoder.PortsDecoder.sbeBlockLength());
        skipEntries(d.ports());
        string(d.limit(), "role");
        d.skipRole();
        return d.limit();
    }

    private int roleRecord()
    {
        final RoleRecordDecoder d = roleRecord.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "scalars", RoleRecordDecoder.ScalarsDecoder.sbeBlockLength());
        for (final RoleRecordDecoder.ScalarsDecoder scalar : d.scalars())
        {
            string(d.limit(), "scalars.name");
            scalar.skipName();
        }
        group(d.limit(), "ports", RoleRecordDecoder.PortsDecoder.sbeBlockLength());
        skipEntries(d.ports());
        string(d.limit(), "role");
        d.skipRole();
        return d.limit();
    }

    private int snapshotBegin()
    {
        final SnapshotBeginDecoder d = snapshotBegin.wrap(buffer, HEADER_LENGTH, blockLength, version);
        string(d.limit(), "config");
        d.skipConfig();
        return d.limit();
    }

    private int agentRecord()
    {
        final AgentRecordDecoder d = agentRecord.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "scalars", AgentRecordDecoder.ScalarsDecoder.sbeBlockLength());
        for (final AgentRecordDecoder.ScalarsDecoder scalar : d.scalars())
        {
            string(d.limit(), "scalars.name");
            scalar.skipName();
        }
        group(d.limit(), "ports", AgentRecordDecoder.PortsDecoder.sbeBlockLength());
        skipEntries(d.ports());
        string(d.limit(), "hostname");
        d.skipHostname();
        string(d.limit(), "attributes");
        d.skipAttributes();
        return d.limit();
    }

    private int frameworkRecord()
    {
        final FrameworkRecordDecoder d = frameworkRecord.wrap(buffer, HEADER_LENGTH, blockLength, version);
        string(d.limit(), "name");
        d.skipName();
        string(d.limit(), "role");
        d.skipRole();
        string(d.limit(), "prefer");
        d.skipPrefer();
        return d.limit();
    }

    private int taskRecord()
    {
        final TaskRecordDecoder d = taskRecord.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "scalars", TaskRecordDecoder.ScalarsDecoder.sbeBlockLength());
        for (final TaskRecordDecoder.ScalarsDecoder scalar : d.scalars())
        {
            string(d.limit(), "scalars.name");
            scalar.skipName();
        }
        group(d.limit(), "ports", TaskRecordDecoder.PortsDecoder.sbeBlockLength());
        skipEntries(d.ports());
        string(d.limit(), "name");
        d.skipName();
        string(d.limit(), "command");
        d.skipCommand();
        string(d.limit(), "pendingMessage");
        d.skipPendingMessage();
        return d.limit();
    }

    private int offerRecord()
    {
        final OfferRecordDecoder d = offerRecord.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "scalars", OfferRecordDecoder.ScalarsDecoder.sbeBlockLength());
        for (final OfferRecordDecoder.ScalarsDecoder scalar : d.scalars())
        {
            string(d.limit(), "scalars.name");
            scalar.skipName();
        }
        group(d.limit(), "ports", OfferRecordDecoder.PortsDecoder.sbeBlockLength());
        skipEntries(d.ports());
        return d.limit();
    }

    private int filterRecord()
    {
        final FilterRecordDecoder d = filterRecord.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "scalars", FilterRecordDecoder.ScalarsDecoder.sbeBlockLength());
        for (final FilterRecordDecoder.ScalarsDecoder scalar : d.scalars())
        {
            string(d.limit(), "scalars.name");
            scalar.skipName();
        }
        group(d.limit(), "ports", FilterRecordDecoder.PortsDecoder.sbeBlockLength());
        skipEntries(d.ports());
        return d.limit();
    }

    private int checkpointTask()
    {
        final CheckpointTaskDecoder d = checkpointTask.wrap(buffer, HEADER_LENGTH, blockLength, version);
        group(d.limit(), "scalars", CheckpointTaskDecoder.ScalarsDecoder.sbeBlockLength());
        for (final CheckpointTaskDecoder.ScalarsDecoder scalar : d.scalars())
        {
            string(d.limit(), "scalars.name");
            scalar.skipName();
        }
        group(d.limit(), "ports", CheckpointTaskDecoder.PortsDecoder.sbeBlockLength());
        skipEntries(d.ports());
        string(d.limit(), "name");
        d.skipName();
        string(d.limit(), "command");
        d.skipCommand();
        string(d.limit(), "role");
        d.skipRole();
        string(d.limit(), "containerId");
        d.skipContainerId();
        return d.limit();
    }

    private int checkpointUpdate()
    {
        final CheckpointUpdateDecoder d = checkpointUpdate.wrap(buffer, HEADER_LENGTH, blockLength, version);
        string(d.limit(), "message");
        d.skipMessage();
        return d.limit();
    }
}
