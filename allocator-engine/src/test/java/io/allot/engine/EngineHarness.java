/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.codecs.sbe.AcknowledgeEncoder;
import io.allot.codecs.sbe.AgentPongEncoder;
import io.allot.codecs.sbe.BooleanType;
import io.allot.codecs.sbe.DeactivateAgentEncoder;
import io.allot.codecs.sbe.DeclineEncoder;
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
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.ExpandableArrayBuffer;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Drives an engine the way Mesos's allocator tests do: agents and frameworks from Mesos-style strings, inputs
 * encoded as the real SBE messages, outputs captured, and a fake clock advanced by hand.
 */
final class EngineHarness
{
    static final long AGENTS = 1;
    static final long OPERATOR = 2;

    final ResourceNames names = new ResourceNames();
    final RecordingOutput out = new RecordingOutput();
    final Engine engine;
    long now;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private long nextCorrelation = 1;
    private long nextUuid = 1;

    EngineHarness()
    {
        this(new EngineContext());
    }

    EngineHarness(final EngineContext ctx)
    {
        engine = new Engine(ctx.resourceNames(names), out);
    }

    Resources resources(final String text)
    {
        return ResourcesParser.parse(text, names);
    }

    /**
     * One input as the replicated log would hold it: a message, a timer, or a closed session.
     */
    record Input(long session, byte[] message, long timeMs, boolean isSessionClosed)
    {
        void applyTo(final Engine target)
        {
            if (isSessionClosed)
            {
                target.onSessionClosed(session, timeMs);
            }
            else if (null == message)
            {
                target.onTimer(timeMs);
            }
            else
            {
                target.onMessage(session, new org.agrona.concurrent.UnsafeBuffer(message), 0, message.length, timeMs);
            }
        }
    }

    final java.util.List<Input> log = new java.util.ArrayList<>();

    private void send(final long session, final int length)
    {
        final int total = MessageHeaderEncoder.ENCODED_LENGTH + length;
        final byte[] copy = new byte[total];
        buffer.getBytes(0, copy);
        log.add(new Input(session, copy, now, false));
        engine.onMessage(session, buffer, 0, total, now);
    }

    void closeSession(final long session)
    {
        log.add(new Input(session, null, now, true));
        engine.onSessionClosed(session, now);
    }

    private void timer(final long timeMs)
    {
        log.add(new Input(0, null, timeMs, false));
        engine.onTimer(timeMs);
    }

    void advance(final long ms)
    {
        final long target = now + ms;
        while (engine.nextDeadlineMs() <= target)
        {
            now = Math.max(now, engine.nextDeadlineMs());
            timer(now);
        }
        now = target;
        timer(now);
    }

    long addAgent(final String resources)
    {
        return addAgent(resources, "");
    }

    long addAgent(final String resources, final String attributes)
    {
        final long correlationId = nextCorrelation++;
        final RegisterAgentEncoder encoder = new RegisterAgentEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.correlationId(correlationId);
        ResourceCodec.encode(resources(resources), encoder);
        encoder.hostname("host-" + correlationId).attributes(attributes);
        send(AGENTS, encoder.encodedLength());
        final RecordingOutput.AgentRegistered registered = out.all(RecordingOutput.AgentRegistered.class).stream()
            .filter((r) -> r.correlationId() == correlationId).findFirst().orElse(null);
        assertNotNull(registered, () -> "agent not registered: " + out.last(RecordingOutput.Error.class));
        return registered.agentId();
    }

    long subscribe(final long session, final String role)
    {
        return subscribe(session, 0, role, 0, false);
    }

    long subscribe(final long session, final long frameworkId, final String role, final long failoverTimeoutMs,
        final boolean partitionAware)
    {
        final long correlationId = nextCorrelation++;
        final SubscribeEncoder encoder = new SubscribeEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .frameworkId(frameworkId)
            .failoverTimeoutMs(failoverTimeoutMs)
            .partitionAware(partitionAware ? BooleanType.TRUE : BooleanType.FALSE)
            .name("framework-" + correlationId)
            .role(role);
        send(session, encoder.encodedLength());
        return out.all(RecordingOutput.Subscribed.class).stream()
            .filter((r) -> r.correlationId() == correlationId).mapToLong(RecordingOutput.Subscribed::frameworkId)
            .findFirst().orElse(-1);
    }

    record Task(long taskId, String resources)
    {
    }

    static Task task(final long taskId, final String resources)
    {
        return new Task(taskId, resources);
    }

    void accept(final long session, final long frameworkId, final long[] offerIds, final long refuseMs, final Task... tasks)
    {
        final AcceptEncoder encoder = new AcceptEncoder().wrapAndApplyHeader(buffer, 0, header)
            .frameworkId(frameworkId)
            .refuseMs(refuseMs);
        final AcceptEncoder.OfferIdsEncoder ids = encoder.offerIdsCount(offerIds.length);
        for (final long offerId : offerIds)
        {
            ids.next().offerId(offerId);
        }
        final AcceptEncoder.TasksEncoder taskEncoder = encoder.tasksCount(tasks.length);
        for (final Task task : tasks)
        {
            taskEncoder.next().taskId(task.taskId()).killGracePeriodMs(-1);
            ResourceCodec.encode(resources(task.resources()), taskEncoder);
            taskEncoder.name("task-" + task.taskId()).command("true");
        }
        send(session, encoder.encodedLength());
    }

    void decline(final long session, final long frameworkId, final long refuseMs, final long... offerIds)
    {
        final DeclineEncoder encoder = new DeclineEncoder().wrapAndApplyHeader(buffer, 0, header)
            .frameworkId(frameworkId)
            .refuseMs(refuseMs);
        final DeclineEncoder.OfferIdsEncoder ids = encoder.offerIdsCount(offerIds.length);
        for (final long offerId : offerIds)
        {
            ids.next().offerId(offerId);
        }
        send(session, encoder.encodedLength());
    }

    void revive(final long session, final long frameworkId)
    {
        send(session, new ReviveEncoder().wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).encodedLength());
    }

    void suppress(final long session, final long frameworkId)
    {
        send(session, new SuppressEncoder().wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).encodedLength());
    }

    void teardown(final long session, final long frameworkId)
    {
        send(session, new TeardownEncoder().wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId).encodedLength());
    }

    void kill(final long session, final long frameworkId, final long taskId)
    {
        send(session, new KillEncoder().wrapAndApplyHeader(buffer, 0, header)
            .frameworkId(frameworkId).taskId(taskId).agentId(0).encodedLength());
    }

    /**
     * @return the uuid's low half (the high half is 7).
     */
    long statusUpdate(final long agentId, final long frameworkId, final long taskId, final TaskState state)
    {
        final long uuid = nextUuid++;
        statusUpdate(agentId, frameworkId, taskId, state, uuid);
        return uuid;
    }

    void statusUpdate(final long agentId, final long frameworkId, final long taskId, final TaskState state, final long uuidLsb)
    {
        final StatusUpdateEncoder encoder = new StatusUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .agentId(agentId).frameworkId(frameworkId).taskId(taskId).state(state).reason(TaskReason.NONE).timestampMs(now);
        encoder.uuid().msb(7).lsb(uuidLsb);
        encoder.message("");
        send(AGENTS, encoder.encodedLength());
    }

    void acknowledge(final long session, final long frameworkId, final long agentId, final long taskId, final long msb,
        final long lsb)
    {
        final AcknowledgeEncoder encoder = new AcknowledgeEncoder().wrapAndApplyHeader(buffer, 0, header)
            .frameworkId(frameworkId).agentId(agentId).taskId(taskId);
        encoder.uuid().msb(msb).lsb(lsb);
        send(session, encoder.encodedLength());
    }

    void reconcile(final long session, final long frameworkId, final long... taskIds)
    {
        final ReconcileEncoder encoder = new ReconcileEncoder().wrapAndApplyHeader(buffer, 0, header).frameworkId(frameworkId);
        final ReconcileEncoder.TasksEncoder entries = encoder.tasksCount(taskIds.length);
        for (final long taskId : taskIds)
        {
            entries.next().taskId(taskId).agentId(0);
        }
        send(session, encoder.encodedLength());
    }

    void pong(final long agentId, final long sequence)
    {
        send(AGENTS, new AgentPongEncoder().wrapAndApplyHeader(buffer, 0, header).agentId(agentId).sequence(sequence).encodedLength());
    }

    void removeAgent(final long agentId)
    {
        send(OPERATOR, new RemoveAgentEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(nextCorrelation++).agentId(agentId).encodedLength());
    }

    void deactivateAgent(final long agentId)
    {
        send(OPERATOR, new DeactivateAgentEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(nextCorrelation++).agentId(agentId).encodedLength());
    }

    void reactivateAgent(final long agentId)
    {
        send(OPERATOR, new ReactivateAgentEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(nextCorrelation++).agentId(agentId).encodedLength());
    }

    void updateAgent(final long agentId, final String resources)
    {
        final UpdateAgentEncoder encoder = new UpdateAgentEncoder().wrapAndApplyHeader(buffer, 0, header)
            .correlationId(nextCorrelation++).agentId(agentId);
        ResourceCodec.encode(resources(resources), encoder);
        send(OPERATOR, encoder.encodedLength());
    }

    void reregisterAgent(final long session, final long agentId, final String resources, final long[] frameworkIds,
        final long[] taskIds)
    {
        final ReregisterAgentEncoder encoder = new ReregisterAgentEncoder().wrapAndApplyHeader(buffer, 0, header)
            .agentId(agentId).correlationId(nextCorrelation++);
        ResourceCodec.encode(resources(resources), encoder);
        final ReregisterAgentEncoder.TasksEncoder tasks = encoder.tasksCount(taskIds.length);
        for (int i = 0; i < taskIds.length; i++)
        {
            tasks.next().frameworkId(frameworkIds[i]).taskId(taskIds[i]).state(TaskState.TASK_RUNNING);
            ResourceCodec.encode(resources("cpus:1"), tasks);
        }
        encoder.hostname("host").attributes("");
        send(session, encoder.encodedLength());
    }

    void sendRaw(final long session, final org.agrona.DirectBuffer raw, final int offset, final int length)
    {
        engine.onMessage(session, raw, offset, length, now);
    }

    RecordingOutput.Offer lastOffer(final long frameworkId)
    {
        final java.util.List<RecordingOutput.Offer> offers = out.all(RecordingOutput.Offer.class, (o) -> o.frameworkId() == frameworkId);
        return offers.isEmpty() ? null : offers.get(offers.size() - 1);
    }
}
