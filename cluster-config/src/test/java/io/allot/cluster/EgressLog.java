/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.client.MasterConnection;
import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AgentRegisteredDecoder;
import io.allot.codecs.sbe.AgentReregisteredDecoder;
import io.allot.codecs.sbe.ErrorDecoder;
import io.allot.codecs.sbe.KillTaskDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.OffersDecoder;
import io.allot.codecs.sbe.RunTaskDecoder;
import io.allot.codecs.sbe.SnapshotBeginDecoder;
import io.allot.codecs.sbe.SnapshotEndDecoder;
import io.allot.codecs.sbe.StatusUpdateAckDecoder;
import io.allot.codecs.sbe.SubscribedDecoder;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateDecoder;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one client session received from the master, decoded into plain records for assertions. Used on the thread
 * that polls the session.
 */
final class EgressLog implements MasterConnection.EgressHandler
{
    record Offer(long offerId, long agentId, long receivedNs, Resources resources)
    {
    }

    record Update(long frameworkId, long agentId, long taskId, TaskState state, long uuidMsb, long uuidLsb)
    {
    }

    record RunTask(long agentId, long frameworkId, long taskId)
    {
    }

    record KillTask(long agentId, long frameworkId, long taskId)
    {
    }

    record Ack(long agentId, long taskId, long uuidMsb, long uuidLsb)
    {
    }

    /**
     * The records of one GetState answer, SnapshotBegin to SnapshotEnd, each as its bytes.
     */
    record State(List<byte[]> records, long digest)
    {
        /**
         * @return the records after SnapshotBegin and before SnapshotEnd: agents, frameworks, tasks, offers, ...
         */
        List<byte[]> body()
        {
            return records.subList(1, records.size() - 1);
        }

        boolean sameBody(final State other)
        {
            final List<byte[]> mine = body();
            final List<byte[]> theirs = other.body();
            if (mine.size() != theirs.size())
            {
                return false;
            }
            for (int i = 0; i < mine.size(); i++)
            {
                if (!Arrays.equals(mine.get(i), theirs.get(i)))
                {
                    return false;
                }
            }
            return true;
        }
    }

    final List<Long> frameworkIds = new ArrayList<>();
    final List<Long> agentIds = new ArrayList<>();
    final List<Long> reregisteredAgentIds = new ArrayList<>();
    final List<Offer> offers = new ArrayList<>();
    final List<Update> updates = new ArrayList<>();
    final List<RunTask> runTasks = new ArrayList<>();
    final List<KillTask> killTasks = new ArrayList<>();
    final List<Ack> acks = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<State> states = new ArrayList<>();

    private final ResourceNames names = new ResourceNames();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SubscribedDecoder subscribed = new SubscribedDecoder();
    private final OffersDecoder offersDecoder = new OffersDecoder();
    private final UpdateDecoder update = new UpdateDecoder();
    private final AgentRegisteredDecoder agentRegistered = new AgentRegisteredDecoder();
    private final AgentReregisteredDecoder agentReregistered = new AgentReregisteredDecoder();
    private final RunTaskDecoder runTask = new RunTaskDecoder();
    private final KillTaskDecoder killTask = new KillTaskDecoder();
    private final StatusUpdateAckDecoder ack = new StatusUpdateAckDecoder();
    private final ErrorDecoder error = new ErrorDecoder();
    private final SnapshotEndDecoder snapshotEnd = new SnapshotEndDecoder();
    private List<byte[]> stateRecords;

    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (null != stateRecords)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            stateRecords.add(bytes);
        }

        switch (templateId)
        {
            case SubscribedDecoder.TEMPLATE_ID:
                frameworkIds.add(subscribed.wrapAndApplyHeader(buffer, offset, header).frameworkId());
                break;
            case OffersDecoder.TEMPLATE_ID:
                for (final OffersDecoder.OfferDecoder offer : offersDecoder.wrapAndApplyHeader(buffer, offset, header).offer())
                {
                    final long offerId = offer.offerId();
                    final long agentId = offer.agentId();
                    final Resources resources = new Resources(names);
                    ResourceCodec.decode(offer, resources);
                    offer.skipHostname();
                    offer.skipAttributes();
                    offers.add(new Offer(offerId, agentId, System.nanoTime(), resources));
                }
                break;
            case UpdateDecoder.TEMPLATE_ID:
                update.wrapAndApplyHeader(buffer, offset, header);
                updates.add(new Update(update.frameworkId(), update.agentId(), update.taskId(), update.state(),
                    update.uuid().msb(), update.uuid().lsb()));
                break;
            case AgentRegisteredDecoder.TEMPLATE_ID:
                agentIds.add(agentRegistered.wrapAndApplyHeader(buffer, offset, header).agentId());
                break;
            case AgentReregisteredDecoder.TEMPLATE_ID:
                reregisteredAgentIds.add(agentReregistered.wrapAndApplyHeader(buffer, offset, header).agentId());
                break;
            case RunTaskDecoder.TEMPLATE_ID:
                runTask.wrapAndApplyHeader(buffer, offset, header);
                runTasks.add(new RunTask(runTask.agentId(), runTask.frameworkId(), runTask.taskId()));
                break;
            case KillTaskDecoder.TEMPLATE_ID:
                killTask.wrapAndApplyHeader(buffer, offset, header);
                killTasks.add(new KillTask(killTask.agentId(), killTask.frameworkId(), killTask.taskId()));
                break;
            case StatusUpdateAckDecoder.TEMPLATE_ID:
                ack.wrapAndApplyHeader(buffer, offset, header);
                acks.add(new Ack(ack.agentId(), ack.taskId(), ack.uuid().msb(), ack.uuid().lsb()));
                break;
            case ErrorDecoder.TEMPLATE_ID:
                error.wrapAndApplyHeader(buffer, offset, header);
                errors.add(error.code() + ": " + error.message());
                break;
            case SnapshotBeginDecoder.TEMPLATE_ID:
                stateRecords = new ArrayList<>();
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                stateRecords.add(bytes);
                break;
            case SnapshotEndDecoder.TEMPLATE_ID:
                if (null != stateRecords)
                {
                    states.add(new State(stateRecords, snapshotEnd.wrapAndApplyHeader(buffer, offset, header).digest()));
                    stateRecords = null;
                }
                break;
            default:
                break;
        }
    }

    long updateCount(final long taskId, final TaskState state)
    {
        return updates.stream().filter((u) -> u.taskId() == taskId && u.state() == state).count();
    }

    long runTaskCount(final long taskId)
    {
        return runTasks.stream().filter((r) -> r.taskId() == taskId).count();
    }

    boolean hasAck(final long taskId, final long uuidLsb)
    {
        return acks.stream().anyMatch((a) -> a.taskId() == taskId && a.uuidLsb() == uuidLsb);
    }
}
