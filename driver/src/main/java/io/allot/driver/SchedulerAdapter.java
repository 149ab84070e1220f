/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.client.MasterConnection;
import io.allot.codecs.MessageValidator;
import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.ErrorDecoder;
import io.allot.codecs.sbe.FailureDecoder;
import io.allot.codecs.sbe.HeartbeatDecoder;
import io.allot.codecs.sbe.MessageEventDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.OffersDecoder;
import io.allot.codecs.sbe.RescindDecoder;
import io.allot.codecs.sbe.RevocationDecoder;
import io.allot.codecs.sbe.SubscribedDecoder;
import io.allot.codecs.sbe.UpdateDecoder;
import io.allot.resources.ResourceNames;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decodes the master's events to the framework and dispatches them on the template id to the {@link DriverConductor}:
 * every buffer is validated first, and decoded into reused flyweights ({@link Offer}s from a pool, one
 * {@link TaskStatus}), so that an event allocates nothing. An agent's hostname and attributes are kept as strings per
 * agent and reused while the bytes are the same. Messages for agents and operators are ignored.
 */
final class SchedulerAdapter implements MasterConnection.EgressHandler
{
    private final DriverConductor conductor;
    private final ResourceNames names;
    private final MessageValidator validator = new MessageValidator();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SubscribedDecoder subscribed = new SubscribedDecoder();
    private final OffersDecoder offersDecoder = new OffersDecoder();
    private final RescindDecoder rescind = new RescindDecoder();
    private final UpdateDecoder update = new UpdateDecoder();
    private final MessageEventDecoder messageEvent = new MessageEventDecoder();
    private final FailureDecoder failure = new FailureDecoder();
    private final ErrorDecoder error = new ErrorDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final RevocationDecoder revocation = new RevocationDecoder();
    private final ArrayList<Offer> offerPool = new ArrayList<>();
    private final ArrayList<Offer> offers = new ArrayList<>();
    private final List<Offer> offersView = Collections.unmodifiableList(offers);
    private final TaskStatus status = new TaskStatus();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final AgentTexts hostnames = new AgentTexts();
    private final AgentTexts attributes = new AgentTexts();
    private long[] taskIds = new long[16];
    private long[] agentIds = new long[16];

    SchedulerAdapter(final DriverConductor conductor, final ResourceNames names)
    {
        this.conductor = conductor;
        this.names = names;
    }

    /**
     * {@inheritDoc}
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (MessageValidator.VALID != validator.validate(buffer, offset, length))
        {
            conductor.onInvalidEvent(validator.errorMessage());
            return;
        }
        header.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case SubscribedDecoder.TEMPLATE_ID:
                subscribed.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onSubscribed(subscribed.correlationId(), subscribed.frameworkId());
                break;
            case OffersDecoder.TEMPLATE_ID:
                offersDecoder.wrap(buffer, bodyOffset, blockLength, version);
                onOffers();
                break;
            case RescindDecoder.TEMPLATE_ID:
                rescind.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onRescind(rescind.frameworkId(), rescind.offerId());
                break;
            case UpdateDecoder.TEMPLATE_ID:
                update.wrap(buffer, bodyOffset, blockLength, version);
                status.wrap(update);
                conductor.onUpdate(status);
                break;
            case MessageEventDecoder.TEMPLATE_ID:
                messageEvent.wrap(buffer, bodyOffset, blockLength, version);
                final long frameworkId = messageEvent.frameworkId();
                final long agentId = messageEvent.agentId();
                final long taskId = messageEvent.taskId();
                messageEvent.wrapPayload(view);
                conductor.onFrameworkMessage(frameworkId, agentId, taskId, view, 0, view.capacity());
                break;
            case FailureDecoder.TEMPLATE_ID:
                failure.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onFailure(failure.frameworkId(), failure.agentId(), failure.taskId(), failure.status());
                break;
            case ErrorDecoder.TEMPLATE_ID:
                error.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onError(error.correlationId(), error.frameworkId(), error.code(), error.templateId(), error);
                break;
            case HeartbeatDecoder.TEMPLATE_ID:
                heartbeat.wrap(buffer, bodyOffset, blockLength, version);
                conductor.onHeartbeat(heartbeat.frameworkId());
                break;
            case RevocationDecoder.TEMPLATE_ID:
                revocation.wrap(buffer, bodyOffset, blockLength, version);
                onRevocation();
                break;
            default:
                break;
        }
    }

    private void onOffers()
    {
        final long frameworkId = offersDecoder.frameworkId();
        offers.clear();
        int index = 0;
        for (final OffersDecoder.OfferDecoder entry : offersDecoder.offer())
        {
            if (index == offerPool.size())
            {
                offerPool.add(new Offer(names));
            }
            final Offer offer = offerPool.get(index);
            final long offerId = entry.offerId();
            final long agentId = entry.agentId();
            final int result = ResourceCodec.decode(entry, offer.resources());
            entry.wrapHostname(view);
            final String hostname = hostnames.intern(agentId, view);
            entry.wrapAttributes(view);
            final String attributeText = attributes.intern(agentId, view);
            if (ResourceCodec.OK != result)
            {
                conductor.onUndecodableOffer(frameworkId, offerId, ResourceCodec.errorMessage());
                continue;
            }
            offer.set(frameworkId, offerId, agentId, hostname, attributeText);
            offers.add(offer);
            index++;
        }
        if (!offers.isEmpty())
        {
            conductor.onOffers(frameworkId, offersView);
        }
    }

    private void onRevocation()
    {
        final long frameworkId = revocation.frameworkId();
        final long deadlineMs = revocation.deadlineMs();
        final RevocationDecoder.TasksDecoder tasks = revocation.tasks();
        final int count = tasks.count();
        if (taskIds.length < count)
        {
            taskIds = new long[count];
            agentIds = new long[count];
        }
        for (int i = 0; i < count; i++)
        {
            tasks.next();
            taskIds[i] = tasks.taskId();
            agentIds[i] = tasks.agentId();
        }
        conductor.onRevocation(frameworkId, deadlineMs, taskIds, agentIds, count);
    }

    /**
     * Strings of an agent (hostname, attributes), made once and reused while the agent sends the same bytes.
     */
    static final class AgentTexts
    {
        private final Long2ObjectHashMap<Text> byAgent = new Long2ObjectHashMap<>();

        static final class Text
        {
            byte[] bytes;
            String text;
        }

        String intern(final long agentId, final DirectBuffer buffer)
        {
            final int length = buffer.capacity();
            Text entry = byAgent.get(agentId);
            if (null != entry && sameBytes(entry.bytes, buffer, length))
            {
                return entry.text;
            }
            if (null == entry)
            {
                entry = new Text();
                byAgent.put(agentId, entry);
            }
            final byte[] bytes = new byte[length];
            buffer.getBytes(0, bytes);
            entry.bytes = bytes;
            entry.text = new String(bytes, StandardCharsets.UTF_8);
            return entry.text;
        }

        private static boolean sameBytes(final byte[] bytes, final DirectBuffer buffer, final int length)
        {
            if (bytes.length != length)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                if (bytes[i] != buffer.getByte(i))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
