/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.allot.codecs.EgressEncoder;
import io.allot.codecs.IngressEncoder;
import io.allot.codecs.sbe.AgentPongDecoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.StatusUpdateDecoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.engine.Engine;
import io.allot.engine.EngineContext;
import io.allot.engine.EngineOutput;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The real master logic ({@link Engine}) driven on the test thread, connected to an agent's thread by two ring
 * buffers (an in-memory {@link AgentTransport}), with one framework that acknowledges every update it gets.
 */
final class InMemoryMaster implements EngineOutput, AgentTransport
{
    static final long FRAMEWORK_SESSION = 1;
    static final long AGENT_SESSION = 2;
    static final long OPERATOR_SESSION = 3;

    record FrameworkUpdate(long taskId, TaskState state, TaskReason reason, String message)
    {
    }

    record AgentUpdate(long taskId, TaskState state, long uuidMsb, long uuidLsb, String message)
    {
    }

    private final OneToOneRingBuffer toMaster = ring();
    private final OneToOneRingBuffer toAgent = ring();
    private final Engine engine;
    private final ExpandableArrayBuffer egressBuffer = new ExpandableArrayBuffer(1024);
    private final EgressEncoder egress = new EgressEncoder(egressBuffer);
    private final IngressEncoder ingress = new IngressEncoder(new ExpandableArrayBuffer(1024));
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final StatusUpdateDecoder statusUpdate = new StatusUpdateDecoder();
    private final AtomicInteger statusUpdatesToDrop = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong(1);
    private final List<long[]> pendingAcks = new ArrayList<>();

    final List<FrameworkUpdate> frameworkUpdates = new ArrayList<>();
    final List<AgentUpdate> agentUpdates = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final Resources lastOffer;
    long frameworkId;
    long agentId;
    long offerId;
    int pongs;
    int reregistrations;
    int failures;
    private long nowMs;

    InMemoryMaster()
    {
        engine = new Engine(new EngineContext().allocationIntervalMs(20).agentPingTimeoutMs(100), this);
        lastOffer = new Resources(engine.context().resourceNames());
        nowMs = System.currentTimeMillis();
    }

    private static OneToOneRingBuffer ring()
    {
        return new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024 + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    Engine engine()
    {
        return engine;
    }

    void dropNextStatusUpdates(final int count)
    {
        statusUpdatesToDrop.set(count);
    }

    void subscribeFramework()
    {
        onInput(FRAMEWORK_SESSION, ingress.buffer(), ingress.subscribe(1, 0, 0, false, "test", "*"));
    }

    void launch(final long taskId, final String resources, final String command)
    {
        awaitUntil(() -> 0 != offerId);
        final Resources taskResources = io.allot.resources.ResourcesParser.parse(resources, engine.context().resourceNames());
        final long usedOffer = offerId;
        offerId = 0;
        onInput(FRAMEWORK_SESSION, ingress.buffer(), ingress.accept(frameworkId, 0, usedOffer, taskId, 1, taskResources, "t", command));
    }

    /**
     * An operator removes the agent (as the master does when it declares an agent lost).
     */
    void removeAgent()
    {
        onInput(OPERATOR_SESSION, ingress.buffer(), ingress.removeAgent(1, agentId));
    }

    void kill(final long taskId)
    {
        onInput(FRAMEWORK_SESSION, ingress.buffer(), ingress.kill(frameworkId, taskId, agentId));
    }

    /**
     * Put a message straight onto the agent's inbound stream, as if the master had sent it.
     */
    void sendToAgent(final DirectBuffer buffer, final int length)
    {
        if (!toAgent.write(1, buffer, 0, length))
        {
            throw new IllegalStateException("agent inbound ring full");
        }
    }

    EgressEncoder egress()
    {
        return egress;
    }

    FrameworkUpdate lastUpdateOf(final long taskId)
    {
        FrameworkUpdate last = null;
        for (final FrameworkUpdate update : frameworkUpdates)
        {
            if (update.taskId() == taskId)
            {
                last = update;
            }
        }
        return last;
    }

    List<TaskState> statesOf(final long taskId)
    {
        final List<TaskState> states = new ArrayList<>();
        for (final FrameworkUpdate update : frameworkUpdates)
        {
            if (update.taskId() == taskId)
            {
                states.add(update.state());
            }
        }
        return states;
    }

    /**
     * Run the master until the condition holds; the test's own timeout bounds the wait.
     */
    void awaitUntil(final BooleanSupplier condition)
    {
        while (!condition.getAsBoolean())
        {
            if (0 == pump())
            {
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }

    /**
     * Deliver what the agent sent to the engine, the framework's acknowledgements, and due timers.
     */
    int pump()
    {
        nowMs = Math.max(nowMs, System.currentTimeMillis());
        int work = toMaster.read((msgTypeId, buffer, index, length) -> onAgentMessage(buffer, index, length));
        while (!pendingAcks.isEmpty())
        {
            final long[] ack = pendingAcks.remove(0);
            onInput(FRAMEWORK_SESSION, ingress.buffer(), ingress.acknowledge(frameworkId, agentId, ack[0], ack[1], ack[2]));
            work++;
        }
        if (nowMs >= engine.nextDeadlineMs())
        {
            engine.onTimer(nowMs);
            work++;
        }
        return work;
    }

    private void onInput(final long sessionId, final DirectBuffer buffer, final int length)
    {
        engine.onMessage(sessionId, buffer, 0, length, nowMs);
    }

    private void onAgentMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        if (StatusUpdateDecoder.TEMPLATE_ID == header.templateId())
        {
            statusUpdate.wrapAndApplyHeader(buffer, offset, header);
            agentUpdates.add(new AgentUpdate(statusUpdate.taskId(), statusUpdate.state(), statusUpdate.uuid().msb(),
                statusUpdate.uuid().lsb(), statusUpdate.message()));
        }
        else if (AgentPongDecoder.TEMPLATE_ID == header.templateId())
        {
            pongs++;
        }
        engine.onMessage(AGENT_SESSION, buffer, offset, length, nowMs);
    }

    // ---------------------------------------------------------------- AgentTransport, on the agent's thread

    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final int templateId = buffer.getShort(offset + 2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (StatusUpdateDecoder.TEMPLATE_ID == templateId && statusUpdatesToDrop.getAndUpdate((n) -> Math.max(0, n - 1)) > 0)
        {
            return true;
        }
        return toMaster.write(1, buffer, offset, length);
    }

    public long connectionGeneration()
    {
        return generation.get();
    }

    /**
     * As if the agent's session closed and its transport opened a new one.
     */
    void newSession()
    {
        generation.incrementAndGet();
    }

    public int poll(final MessageHandler handler)
    {
        return toAgent.read((msgTypeId, buffer, index, length) -> handler.onMessage(buffer, index, length), 16);
    }

    // ---------------------------------------------------------------- EngineOutput, on the test thread

    private void toAgent(final int length)
    {
        if (!toAgent.write(1, egressBuffer, 0, length))
        {
            throw new IllegalStateException("agent inbound ring full");
        }
    }

    public void subscribed(final long sessionId, final long correlationId, final long frameworkId, final long heartbeatIntervalMs)
    {
        this.frameworkId = frameworkId;
    }

    public void offer(
        final long sessionId,
        final long frameworkId,
        final long offerId,
        final long agentId,
        final Resources resources,
        final CharSequence hostname,
        final CharSequence attributes)
    {
        this.offerId = offerId;
        lastOffer.copyFrom(resources);
    }

    public void rescind(final long sessionId, final long frameworkId, final long offerId)
    {
        if (this.offerId == offerId)
        {
            this.offerId = 0;
        }
    }

    public void update(
        final long sessionId,
        final long frameworkId,
        final long agentId,
        final long taskId,
        final TaskState state,
        final TaskReason reason,
        final UpdateSource source,
        final long uuidMsb,
        final long uuidLsb,
        final long timestampMs,
        final DirectBuffer message)
    {
        final byte[] text = new byte[message.capacity()];
        message.getBytes(0, text);
        frameworkUpdates.add(new FrameworkUpdate(taskId, state, reason, new String(text, java.nio.charset.StandardCharsets.UTF_8)));
        if (0 != uuidMsb || 0 != uuidLsb)
        {
            pendingAcks.add(new long[]{ taskId, uuidMsb, uuidLsb });
        }
    }

    public void failure(final long sessionId, final long frameworkId, final long agentId, final long taskId, final int status)
    {
        failures++;
    }

    public void error(
        final long sessionId,
        final long correlationId,
        final long frameworkId,
        final long agentId,
        final ErrorCode code,
        final int templateId,
        final CharSequence message)
    {
        errors.add(sessionId + ": " + code + " " + message);
        if (AGENT_SESSION == sessionId)
        {
            toAgent(egress.error(correlationId, frameworkId, agentId, code, templateId, message));
        }
    }

    public void heartbeat(final long sessionId, final long frameworkId, final long timestampMs)
    {
    }

    public void frameworkMessage(
        final long sessionId, final long frameworkId, final long agentId, final long taskId, final DirectBuffer payload,
        final int offset, final int length)
    {
    }

    public void agentRegistered(final long sessionId, final long correlationId, final long agentId, final long pingIntervalMs)
    {
        this.agentId = agentId;
        toAgent(egress.agentRegistered(correlationId, agentId, pingIntervalMs));
    }

    public void agentReregistered(final long sessionId, final long correlationId, final long agentId)
    {
        reregistrations++;
        toAgent(egress.agentReregistered(correlationId, agentId));
    }

    public void runTask(
        final long sessionId,
        final long agentId,
        final long frameworkId,
        final long taskId,
        final long killGracePeriodMs,
        final Resources resources,
        final DirectBuffer name,
        final DirectBuffer command,
        final CharSequence role)
    {
        toAgent(egress.runTask(agentId, frameworkId, taskId, killGracePeriodMs, resources, name, command, role));
    }

    public void killTask(final long sessionId, final long agentId, final long frameworkId, final long taskId, final long gracePeriodMs)
    {
        toAgent(egress.killTask(agentId, frameworkId, taskId, gracePeriodMs));
    }

    public void statusUpdateAck(
        final long sessionId, final long agentId, final long frameworkId, final long taskId, final long uuidMsb, final long uuidLsb)
    {
        toAgent(egress.statusUpdateAck(agentId, frameworkId, taskId, uuidMsb, uuidLsb));
    }

    public void shutdownFramework(final long sessionId, final long agentId, final long frameworkId)
    {
        toAgent(egress.shutdownFramework(agentId, frameworkId));
    }

    public void agentPing(final long sessionId, final long agentId, final long sequence)
    {
        toAgent(egress.agentPing(agentId, sequence));
    }

    public void executorMessage(
        final long sessionId, final long agentId, final long frameworkId, final long taskId, final DirectBuffer payload,
        final int offset, final int length)
    {
    }

    public void shutdownAgent(final long sessionId, final long agentId, final TaskReason reason)
    {
        toAgent(egress.shutdownAgent(agentId, reason));
    }

    public void operatorAck(final long sessionId, final long correlationId, final int templateId)
    {
    }

    public void revocation(
        final long sessionId, final long frameworkId, final long deadlineMs, final long[] taskIds, final long[] agentIds, final int count)
    {
    }
}
