/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;

/**
 * Everything the engine says, addressed to a session. The engine calls these from inside
 * {@link Engine#onMessage}, {@link Engine#onTimer} and {@link Engine#onSessionClosed}; an implementation must not
 * call back into the engine. {@link Resources}, {@link CharSequence} and {@link DirectBuffer} arguments are
 * flyweights valid only for the duration of the call: copy what must be kept. Text that comes from users (task
 * names, commands, update messages) is passed as its UTF-8 bytes in a buffer whose capacity is the text's length,
 * so that it reaches the wire without being decoded and encoded again.
 */
public interface EngineOutput
{
    /**
     * A framework subscribed or failed over.
     *
     * @param sessionId           session the framework speaks on.
     * @param correlationId       from the Subscribe call.
     * @param frameworkId         assigned or confirmed framework id.
     * @param heartbeatIntervalMs interval of the master's heartbeats.
     */
    void subscribed(long sessionId, long correlationId, long frameworkId, long heartbeatIntervalMs);

    /**
     * An offer of an agent's free resources.
     *
     * @param sessionId   session of the framework.
     * @param frameworkId receiving framework.
     * @param offerId     unique, monotonic offer id.
     * @param agentId     agent whose resources are offered.
     * @param resources   offered resources.
     * @param hostname    agent's hostname.
     * @param attributes  agent's attributes in Mesos syntax.
     */
    void offer(
        long sessionId,
        long frameworkId,
        long offerId,
        long agentId,
        Resources resources,
        CharSequence hostname,
        CharSequence attributes);

    /**
     * An offer was withdrawn.
     *
     * @param sessionId   session of the framework.
     * @param frameworkId framework that held the offer.
     * @param offerId     rescinded offer.
     */
    void rescind(long sessionId, long frameworkId, long offerId);

    /**
     * A task status update for a framework. A non-zero uuid asks for an acknowledgement.
     *
     * @param sessionId   session of the framework.
     * @param frameworkId owner of the task.
     * @param agentId     agent of the task, 0 when unknown.
     * @param taskId      the task.
     * @param state       new state.
     * @param reason      why.
     * @param source      master or agent.
     * @param uuidMsb     high bits of the update's uuid.
     * @param uuidLsb     low bits of the update's uuid.
     * @param timestampMs when the state changed.
     * @param message     human readable detail in UTF-8, may be empty.
     */
    void update(
        long sessionId,
        long frameworkId,
        long agentId,
        long taskId,
        TaskState state,
        TaskReason reason,
        UpdateSource source,
        long uuidMsb,
        long uuidLsb,
        long timestampMs,
        DirectBuffer message);

    /**
     * An agent (taskId 0) or an executor was lost.
     *
     * @param sessionId   session of the framework.
     * @param frameworkId affected framework.
     * @param agentId     the agent.
     * @param taskId      executor's task, 0 for the whole agent.
     * @param status      exit status when an executor exited.
     */
    void failure(long sessionId, long frameworkId, long agentId, long taskId, int status);

    /**
     * A call or input was refused; the engine's state did not change.
     *
     * @param sessionId     sender.
     * @param correlationId correlation id of the call, when it has one.
     * @param frameworkId   framework named by the call, or 0.
     * @param agentId       agent named by the call, or 0.
     * @param code          what kind of error.
     * @param templateId    template id of the refused message.
     * @param message       human readable reason.
     */
    void error(
        long sessionId,
        long correlationId,
        long frameworkId,
        long agentId,
        ErrorCode code,
        int templateId,
        CharSequence message);

    /**
     * Heartbeat to a subscribed framework.
     *
     * @param sessionId   session of the framework.
     * @param frameworkId the framework.
     * @param timestampMs cluster time.
     */
    void heartbeat(long sessionId, long frameworkId, long timestampMs);

    /**
     * A message from an executor to its framework.
     *
     * @param sessionId   session of the framework.
     * @param frameworkId the framework.
     * @param agentId     agent of the executor.
     * @param taskId      task of the executor.
     * @param payload     buffer holding the payload.
     * @param offset      payload offset.
     * @param length      payload length.
     */
    void frameworkMessage(long sessionId, long frameworkId, long agentId, long taskId, DirectBuffer payload, int offset, int length);

    /**
     * An agent registration was accepted.
     *
     * @param sessionId      session of the agent.
     * @param correlationId  from RegisterAgent.
     * @param agentId        assigned agent id.
     * @param pingIntervalMs how often the master checks the agent.
     */
    void agentRegistered(long sessionId, long correlationId, long agentId, long pingIntervalMs);

    /**
     * An agent re-registration was accepted.
     *
     * @param sessionId     session of the agent.
     * @param correlationId from ReregisterAgent.
     * @param agentId       the agent.
     */
    void agentReregistered(long sessionId, long correlationId, long agentId);

    /**
     * Launch a task.
     *
     * @param sessionId         session of the agent.
     * @param agentId           the agent.
     * @param frameworkId       owner of the task.
     * @param taskId            the task.
     * @param killGracePeriodMs grace between SIGTERM and SIGKILL, negative for the agent's default.
     * @param resources         the task's resources.
     * @param name              task name in UTF-8.
     * @param command           shell command in UTF-8.
     * @param role              role of the framework.
     */
    void runTask(
        long sessionId,
        long agentId,
        long frameworkId,
        long taskId,
        long killGracePeriodMs,
        Resources resources,
        DirectBuffer name,
        DirectBuffer command,
        CharSequence role);

    /**
     * Kill a task.
     *
     * @param sessionId     session of the agent.
     * @param agentId       the agent.
     * @param frameworkId   owner of the task.
     * @param taskId        the task.
     * @param gracePeriodMs grace between SIGTERM and SIGKILL, negative for the task's own.
     */
    void killTask(long sessionId, long agentId, long frameworkId, long taskId, long gracePeriodMs);

    /**
     * The framework acknowledged an update: the agent may forget it.
     *
     * @param sessionId   session of the agent.
     * @param agentId     the agent.
     * @param frameworkId owner of the task.
     * @param taskId      the task.
     * @param uuidMsb     high bits of the acknowledged uuid.
     * @param uuidLsb     low bits of the acknowledged uuid.
     */
    void statusUpdateAck(long sessionId, long agentId, long frameworkId, long taskId, long uuidMsb, long uuidLsb);

    /**
     * Kill every task of a framework on an agent.
     *
     * @param sessionId   session of the agent.
     * @param agentId     the agent.
     * @param frameworkId the framework.
     */
    void shutdownFramework(long sessionId, long agentId, long frameworkId);

    /**
     * Health check of an agent; it answers with AgentPong carrying the sequence.
     *
     * @param sessionId session of the agent.
     * @param agentId   the agent.
     * @param sequence  ping sequence.
     */
    void agentPing(long sessionId, long agentId, long sequence);

    /**
     * A framework message for an executor.
     *
     * @param sessionId   session of the agent.
     * @param agentId     the agent.
     * @param frameworkId the framework.
     * @param taskId      task of the executor.
     * @param payload     buffer holding the payload.
     * @param offset      payload offset.
     * @param length      payload length.
     */
    void executorMessage(long sessionId, long agentId, long frameworkId, long taskId, DirectBuffer payload, int offset, int length);

    /**
     * The master removed the agent: it must kill its tasks and register as a new agent.
     *
     * @param sessionId session of the agent.
     * @param agentId   the removed agent.
     * @param reason    why.
     */
    void shutdownAgent(long sessionId, long agentId, TaskReason reason);

    /**
     * An operator call succeeded.
     *
     * @param sessionId     session of the operator.
     * @param correlationId from the call.
     * @param templateId    template id of the call.
     */
    void operatorAck(long sessionId, long correlationId, int templateId);

    /**
     * Tasks of a framework whose role is above its guarantee are revoked for a role below its guarantee: those
     * still running at the deadline are killed with reason REVOKED.
     *
     * @param sessionId   session of the framework.
     * @param frameworkId the framework.
     * @param deadlineMs  when the tasks are killed.
     * @param taskIds     the revoked tasks, the first {@code count} entries.
     * @param agentIds    their agents, the first {@code count} entries.
     * @param count       number of tasks.
     */
    void revocation(long sessionId, long frameworkId, long deadlineMs, long[] taskIds, long[] agentIds, int count);
}
