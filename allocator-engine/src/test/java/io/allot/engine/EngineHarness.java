/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.IngressEncoder;
import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
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
    private final IngressEncoder encoder = new IngressEncoder(buffer);
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

    private void send(final long session, final int total)
    {
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
        send(AGENTS, encoder.registerAgent(correlationId, resources(resources), "host-" + correlationId, attributes));
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
        return subscribe(session, frameworkId, role, failoverTimeoutMs, partitionAware, "");
    }

    long subscribe(final long session, final long frameworkId, final String role, final long failoverTimeoutMs,
        final boolean partitionAware, final String prefer)
    {
        final long correlationId = nextCorrelation++;
        send(session, encoder.subscribe(correlationId, frameworkId, failoverTimeoutMs, partitionAware, "framework-" + correlationId, role,
            prefer));
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
        final AcceptEncoder.TasksEncoder taskEncoder = encoder.acceptBegin(frameworkId, refuseMs, offerIds, offerIds.length, tasks.length);
        for (final Task task : tasks)
        {
            taskEncoder.next().taskId(task.taskId()).killGracePeriodMs(-1);
            ResourceCodec.encode(resources(task.resources()), taskEncoder);
            taskEncoder.name("task-" + task.taskId()).command("true");
        }
        send(session, encoder.acceptLength());
    }

    void decline(final long session, final long frameworkId, final long refuseMs, final long... offerIds)
    {
        send(session, encoder.decline(frameworkId, refuseMs, offerIds, offerIds.length));
    }

    void revive(final long session, final long frameworkId)
    {
        send(session, encoder.revive(frameworkId));
    }

    void suppress(final long session, final long frameworkId)
    {
        send(session, encoder.suppress(frameworkId));
    }

    void teardown(final long session, final long frameworkId)
    {
        send(session, encoder.teardown(frameworkId));
    }

    void kill(final long session, final long frameworkId, final long taskId)
    {
        send(session, encoder.kill(frameworkId, taskId, 0));
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
        send(AGENTS, encoder.statusUpdate(agentId, frameworkId, taskId, state, TaskReason.NONE, 7, uuidLsb, now, ""));
    }

    void acknowledge(final long session, final long frameworkId, final long agentId, final long taskId, final long msb,
        final long lsb)
    {
        send(session, encoder.acknowledge(frameworkId, agentId, taskId, msb, lsb));
    }

    void reconcile(final long session, final long frameworkId, final long... taskIds)
    {
        send(session, encoder.reconcile(frameworkId, taskIds, null, taskIds.length));
    }

    void pong(final long agentId, final long sequence)
    {
        send(AGENTS, encoder.agentPong(agentId, sequence));
    }

    void removeAgent(final long agentId)
    {
        send(OPERATOR, encoder.removeAgent(nextCorrelation++, agentId));
    }

    void deactivateAgent(final long agentId)
    {
        send(OPERATOR, encoder.deactivateAgent(nextCorrelation++, agentId));
    }

    void reactivateAgent(final long agentId)
    {
        send(OPERATOR, encoder.reactivateAgent(nextCorrelation++, agentId));
    }

    void updateAgent(final long agentId, final String resources)
    {
        send(OPERATOR, encoder.updateAgent(nextCorrelation++, agentId, resources(resources)));
    }

    void reregisterAgent(final long session, final long agentId, final String resources, final long[] frameworkIds,
        final long[] taskIds)
    {
        final Resources[] taskResources = new Resources[taskIds.length];
        java.util.Arrays.fill(taskResources, resources("cpus:1"));
        send(session, encoder.reregisterAgent(agentId, nextCorrelation++, resources(resources), frameworkIds, taskIds, taskResources,
            taskIds.length, "host", ""));
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

    long subscribe(final long session, final String role, final String prefer)
    {
        final long correlationId = nextCorrelation++;
        send(session, encoder.subscribe(correlationId, 0, 0, false, "framework-" + correlationId, role, prefer));
        return out.all(RecordingOutput.Subscribed.class).stream()
            .filter((r) -> r.correlationId() == correlationId).mapToLong(RecordingOutput.Subscribed::frameworkId)
            .findFirst().orElse(-1);
    }

    void updateWeight(final String role, final double weight)
    {
        send(OPERATOR, encoder.updateWeight(nextCorrelation++, role, Math.round(weight * 1000)));
    }

    void updateQuota(final String role, final String guarantee, final boolean force)
    {
        send(OPERATOR, encoder.updateQuota(nextCorrelation++, role, resources(guarantee), force));
    }
}
