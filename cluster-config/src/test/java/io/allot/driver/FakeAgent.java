/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.client.MasterConnection;
import io.allot.codecs.IngressEncoder;
import io.allot.codecs.sbe.AgentPingDecoder;
import io.allot.codecs.sbe.AgentRegisteredDecoder;
import io.allot.codecs.sbe.ExecutorToFrameworkEncoder;
import io.allot.codecs.sbe.FrameworkToExecutorDecoder;
import io.allot.codecs.sbe.KillTaskDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import io.allot.codecs.sbe.RunTaskDecoder;
import io.allot.codecs.sbe.ShutdownFrameworkDecoder;
import io.allot.codecs.sbe.StatusUpdateAckDecoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An emulated agent: a plain cluster session speaking the agent protocol on a thread of its own. It registers, answers
 * pings, and reports the tasks it is given as the test wants: finished at once (the benchmark's emulated agent), or
 * running until killed. Every status update is resent until the master acknowledges it. Framework messages to a task's
 * executor are recorded and echoed back. What it saw is kept in thread-safe lists for the test.
 */
final class FakeAgent implements Agent, AutoCloseable
{
    enum Mode
    {
        /** A task is TASK_FINISHED the moment it arrives. */
        FINISH_AT_ONCE,
        /** A task is TASK_RUNNING until killed. */
        RUN_UNTIL_KILLED
    }

    record Message(long frameworkId, long taskId, byte[] payload)
    {
    }

    private static final long RESEND_INTERVAL_NS = 200_000_000L;

    final Queue<Long> runTasks = new ConcurrentLinkedQueue<>();
    final Queue<Long> killTasks = new ConcurrentLinkedQueue<>();
    final Queue<Long> shutdownFrameworks = new ConcurrentLinkedQueue<>();
    final Queue<Message> messages = new ConcurrentLinkedQueue<>();
    final AtomicLong acks = new AtomicLong();
    private final String hostname;
    private final Resources resources;
    private final Mode mode;
    private final IngressEncoder encoder = new IngressEncoder(new ExpandableArrayBuffer(1024));
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AgentRegisteredDecoder registered = new AgentRegisteredDecoder();
    private final RunTaskDecoder runTask = new RunTaskDecoder();
    private final KillTaskDecoder killTask = new KillTaskDecoder();
    private final StatusUpdateAckDecoder ack = new StatusUpdateAckDecoder();
    private final ShutdownFrameworkDecoder shutdownFramework = new ShutdownFrameworkDecoder();
    private final AgentPingDecoder ping = new AgentPingDecoder();
    private final FrameworkToExecutorDecoder frameworkToExecutor = new FrameworkToExecutorDecoder();
    private final ExecutorToFrameworkEncoder executorToFramework = new ExecutorToFrameworkEncoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
    private final List<long[]> pending = new ArrayList<>();
    private final Long2LongHashMap taskFrameworks = new Long2LongHashMap(-1);
    private MasterConnection connection;
    private AgentRunner runner;
    private volatile long agentId;
    private long nextUuid = 1;
    private long lastRegisterNs;
    private long lastResendNs;

    private FakeAgent(final String hostname, final String resources, final Mode mode)
    {
        this.hostname = hostname;
        this.resources = ResourcesParser.parse(resources, new ResourceNames());
        this.mode = mode;
    }

    static FakeAgent launch(final String members, final String hostname, final String resources, final Mode mode)
    {
        final FakeAgent agent = new FakeAgent(hostname, resources, mode);
        agent.connection = MasterConnection.connect(new MasterConnection.Context().members(members).egressHandler(agent::onEgress)
            .errorHandler((throwable) -> System.err.println("fake agent " + hostname + ": " + throwable)));
        agent.runner = new AgentRunner(new BackoffIdleStrategy(10, 10, 1_000, 1_000_000),
            (throwable) -> System.err.println("fake agent " + hostname + ": " + throwable), null, agent);
        AgentRunner.startOnThread(agent.runner);
        return agent;
    }

    long agentId()
    {
        return agentId;
    }

    public String roleName()
    {
        return "fake-agent-" + hostname;
    }

    public int doWork()
    {
        final long nowNs = System.nanoTime();
        int work = connection.poll();
        if (0 == agentId && nowNs - lastRegisterNs > RESEND_INTERVAL_NS * 5)
        {
            lastRegisterNs = nowNs;
            connection.offer(encoder.buffer(), 0, encoder.registerAgent(1, resources, hostname, "rack:r1"));
            work++;
        }
        if (nowNs - lastResendNs > RESEND_INTERVAL_NS)
        {
            lastResendNs = nowNs;
            for (final long[] update : pending)
            {
                sendUpdate(update);
                work++;
            }
        }
        return work;
    }

    private void onEgress(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        switch (templateId)
        {
            case AgentRegisteredDecoder.TEMPLATE_ID ->
                agentId = registered.wrapAndApplyHeader(buffer, offset, header).agentId();
            case RunTaskDecoder.TEMPLATE_ID ->
            {
                runTask.wrapAndApplyHeader(buffer, offset, header);
                final long frameworkId = runTask.frameworkId();
                final long taskId = runTask.taskId();
                if (-1 != taskFrameworks.get(taskId))
                {
                    return;
                }
                taskFrameworks.put(taskId, frameworkId);
                runTasks.add(taskId);
                report(frameworkId, taskId, Mode.FINISH_AT_ONCE == mode ? TaskState.TASK_FINISHED : TaskState.TASK_RUNNING);
            }
            case KillTaskDecoder.TEMPLATE_ID ->
            {
                killTask.wrapAndApplyHeader(buffer, offset, header);
                killTasks.add(killTask.taskId());
                report(killTask.frameworkId(), killTask.taskId(), TaskState.TASK_KILLED);
            }
            case StatusUpdateAckDecoder.TEMPLATE_ID ->
            {
                ack.wrapAndApplyHeader(buffer, offset, header);
                final long uuid = ack.uuid().lsb();
                pending.removeIf((update) -> update[3] == uuid);
                acks.incrementAndGet();
            }
            case ShutdownFrameworkDecoder.TEMPLATE_ID ->
                shutdownFrameworks.add(shutdownFramework.wrapAndApplyHeader(buffer, offset, header).frameworkId());
            case AgentPingDecoder.TEMPLATE_ID ->
            {
                ping.wrapAndApplyHeader(buffer, offset, header);
                connection.offer(encoder.buffer(), 0, encoder.agentPong(ping.agentId(), ping.sequence()));
            }
            case FrameworkToExecutorDecoder.TEMPLATE_ID -> echo(buffer, offset);
            default ->
            {
            }
        }
    }

    private void echo(final DirectBuffer buffer, final int offset)
    {
        frameworkToExecutor.wrapAndApplyHeader(buffer, offset, header);
        final long frameworkId = frameworkToExecutor.frameworkId();
        final long taskId = frameworkToExecutor.taskId();
        frameworkToExecutor.wrapPayload(payload);
        final byte[] bytes = new byte[payload.capacity()];
        payload.getBytes(0, bytes);
        messages.add(new Message(frameworkId, taskId, bytes));
        executorToFramework.wrapAndApplyHeader(encoder.buffer(), 0, headerEncoder)
            .agentId(agentId).frameworkId(frameworkId).taskId(taskId).putPayload(bytes, 0, bytes.length);
        connection.offer(encoder.buffer(), 0, MessageHeaderEncoder.ENCODED_LENGTH + executorToFramework.encodedLength());
    }

    private void report(final long frameworkId, final long taskId, final TaskState state)
    {
        final long[] update = { frameworkId, taskId, state.value(), nextUuid++ };
        pending.add(update);
        sendUpdate(update);
    }

    private void sendUpdate(final long[] update)
    {
        connection.offer(encoder.buffer(), 0, encoder.statusUpdate(agentId, update[0], update[1],
            TaskState.get((short)update[2]), TaskReason.NONE, 0, update[3], System.currentTimeMillis(), ""));
    }

    public void close()
    {
        CloseHelper.closeAll(runner, connection);
    }
}
