/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.codecs.sbe.AgentPingDecoder;
import io.allot.codecs.sbe.AgentRegisteredDecoder;
import io.allot.codecs.sbe.ErrorDecoder;
import io.allot.codecs.sbe.KillTaskDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.RunTaskDecoder;
import io.allot.codecs.sbe.ShutdownAgentDecoder;
import io.allot.codecs.sbe.StatusUpdateAckDecoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.Resources;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayQueue;
import org.agrona.collections.LongHashSet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Many emulated agents over a few cluster sessions: every message carries its agent id, so one session speaks for
 * many agents. An agent registers (a bounded number of registrations in flight per session), answers every ping,
 * and runs a task the moment its RunTask arrives: TASK_RUNNING at once, TASK_FINISHED as soon as TASK_RUNNING is
 * acknowledged, each update resent until acknowledged. Nothing is executed: the figures are the master's own path.
 * With {@link #finishAtOnce(boolean)} an agent sends TASK_RUNNING and TASK_FINISHED back to back in the duty cycle the
 * RunTask arrives in, and resends only TASK_FINISHED (the master's newest update of the task) until it is acknowledged.
 * <p>
 * A RunTask for a task the agent already runs is the master resending a launch that is still TASK_STAGING to it, and
 * is ignored; a RunTask for a task it already finished, or for a task another agent runs, would be a task launched
 * twice, and is counted. Everything runs on the thread that calls {@link #doWork(long)}.
 */
final class EmulatedAgents implements AutoCloseable
{
    static final long KEEPALIVE_INTERVAL_NS = 1_000_000_000L;
    static final long KEEPALIVE_SEQUENCE = -1;
    static final int MAX_ERRORS_KEPT = 10;

    /**
     * Told when a task's first RunTask arrives.
     */
    @FunctionalInterface
    interface RunTaskListener
    {
        /**
         * @param agentId the agent.
         * @param taskId  the task.
         * @param nowNs   when it arrived.
         */
        void onRunTask(long agentId, long taskId, long nowNs);
    }

    private final BenchSession[] sessions;
    private final int agentCount;
    private final long[] agentIds;
    private final int[] nextToRegister;
    private final int[] endToRegister;
    private final int[] registrationsInFlight;
    private final int maxRegistrationsInFlight;
    private final Resources agentResources;
    private final long resendIntervalNs;
    private final Long2ObjectHashMap<AgentTask> tasks = new Long2ObjectHashMap<>();
    private final LongHashSet doneTaskIds = new LongHashSet();
    private final ArrayDeque<AgentTask> outbox = new ArrayDeque<>();
    private final LongArrayQueue[] pongAgentIds;
    private final LongArrayQueue[] pongSequences;
    private final List<String> errors = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AgentRegisteredDecoder registered = new AgentRegisteredDecoder();
    private final AgentPingDecoder ping = new AgentPingDecoder();
    private final RunTaskDecoder runTask = new RunTaskDecoder();
    private final StatusUpdateAckDecoder ack = new StatusUpdateAckDecoder();
    private final KillTaskDecoder killTask = new KillTaskDecoder();
    private final ErrorDecoder error = new ErrorDecoder();
    private boolean isRegistering;
    private BooleanSupplier registrationGate = () -> true;
    private RunTaskListener runTaskListener = (agentId, taskId, nowNs) -> { };
    private boolean finishAtOnce;
    private long registrationsSent;
    private int registeredCount;
    private long nextResendScanNs;
    private long runTasks;
    private long repeatedRunTasks;
    private long launchedTwice;
    private long finished;
    private long shutdowns;
    private long pings;
    private long errorCount;
    private long markNs;
    private long firstNewLeaderNs;
    private long firstAckAfterNewLeaderNs;
    private long firstRunTaskAfterNewLeaderNs;

    private static final class AgentTask
    {
        final long taskId;
        final long agentId;
        final long frameworkId;
        final int session;
        TaskState state = TaskState.TASK_RUNNING;
        long uuid;
        long lastSentNs;
        boolean isQueued;

        AgentTask(final long taskId, final long agentId, final long frameworkId, final int session)
        {
            this.taskId = taskId;
            this.agentId = agentId;
            this.frameworkId = frameworkId;
            this.session = session;
            uuid = 2 * taskId + 1;
        }
    }

    /**
     * Open the sessions; nothing is registered until {@link #startRegistering()}.
     *
     * @param clients                  where sessions are opened.
     * @param agentCount               agents to emulate.
     * @param sessionCount             sessions to spread them over (each speaks for a contiguous block of agents).
     * @param egressTermLength         egress term of each session: room for a periodic pass worth of pings.
     * @param agentResources           each agent's total resources.
     * @param maxRegistrationsInFlight registrations sent and not yet answered, per session.
     * @param resendIntervalMs         how long an update waits for its acknowledgement before it is sent again.
     */
    EmulatedAgents(
        final BenchClients clients,
        final int agentCount,
        final int sessionCount,
        final int egressTermLength,
        final Resources agentResources,
        final int maxRegistrationsInFlight,
        final long resendIntervalMs)
    {
        this.agentCount = agentCount;
        this.agentResources = agentResources;
        this.maxRegistrationsInFlight = maxRegistrationsInFlight;
        this.resendIntervalNs = resendIntervalMs * 1_000_000L;
        agentIds = new long[agentCount];
        sessions = new BenchSession[sessionCount];
        nextToRegister = new int[sessionCount];
        endToRegister = new int[sessionCount];
        registrationsInFlight = new int[sessionCount];
        pongAgentIds = new LongArrayQueue[sessionCount];
        pongSequences = new LongArrayQueue[sessionCount];
        try
        {
            for (int s = 0; s < sessionCount; s++)
            {
                nextToRegister[s] = (int)((long)agentCount * s / sessionCount);
                endToRegister[s] = (int)((long)agentCount * (s + 1) / sessionCount);
                pongAgentIds[s] = new LongArrayQueue();
                pongSequences[s] = new LongArrayQueue();
                final int index = s;
                sessions[s] = clients.connect(s, egressTermLength,
                    (buffer, offset, length) -> onEgress(index, buffer, offset, length), this::onNewLeader);
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(sessions);
            throw ex;
        }
    }

    /**
     * Start sending registrations, a bounded number in flight per session.
     */
    void startRegistering()
    {
        isRegistering = true;
    }

    /**
     * @param gate asked before each registration: false holds registrations back (a framework that receives the
     *             agents' offers falling behind, whose session the master would otherwise overfill).
     */
    void registrationGate(final BooleanSupplier gate)
    {
        this.registrationGate = gate;
    }

    /**
     * @param finishAtOnce true to send TASK_RUNNING and TASK_FINISHED back to back as the RunTask arrives, rather than
     *                     TASK_FINISHED once TASK_RUNNING is acknowledged.
     * @return this.
     */
    EmulatedAgents finishAtOnce(final boolean finishAtOnce)
    {
        this.finishAtOnce = finishAtOnce;
        return this;
    }

    /**
     * @param listener told when a task's first RunTask arrives.
     * @return this.
     */
    EmulatedAgents runTaskListener(final RunTaskListener listener)
    {
        this.runTaskListener = listener;
        return this;
    }

    /**
     * @return registrations sent so far.
     */
    long registrationsSent()
    {
        return registrationsSent;
    }

    /**
     * One duty cycle: poll every session, answer pings, register, send and resend status updates, keep idle sessions
     * alive.
     *
     * @param nowNs the time now.
     * @return work done.
     */
    int doWork(final long nowNs)
    {
        int work = 0;
        for (final BenchSession session : sessions)
        {
            work += session.poll();
        }
        work += sendPongs(nowNs);
        if (isRegistering)
        {
            work += sendRegistrations(nowNs);
        }
        if (nowNs - nextResendScanNs >= 0)
        {
            nextResendScanNs = nowNs + resendIntervalNs / 4;
            queueResends(nowNs, -1);
        }
        work += sendUpdates(nowNs);
        keepAlive(nowNs);
        return work;
    }

    private int sendRegistrations(final long nowNs)
    {
        int work = 0;
        for (int s = 0; s < sessions.length; s++)
        {
            final BenchSession session = sessions[s];
            while (registrationsInFlight[s] < maxRegistrationsInFlight && nextToRegister[s] < endToRegister[s] && session.canSend() &&
                registrationGate.getAsBoolean())
            {
                final int agent = nextToRegister[s];
                if (!session.send(session.encoder().registerAgent(agent + 1L, agentResources, "agent-" + agent, ""), nowNs))
                {
                    break;
                }
                nextToRegister[s]++;
                registrationsInFlight[s]++;
                registrationsSent++;
                work++;
            }
        }
        return work;
    }

    private int sendPongs(final long nowNs)
    {
        int work = 0;
        for (int s = 0; s < sessions.length; s++)
        {
            final BenchSession session = sessions[s];
            final LongArrayQueue ids = pongAgentIds[s];
            final LongArrayQueue sequences = pongSequences[s];
            while (!ids.isEmpty() && session.send(session.encoder().agentPong(ids.peekLong(), sequences.peekLong()), nowNs))
            {
                ids.pollLong();
                sequences.pollLong();
                work++;
            }
        }
        return work;
    }

    private int sendUpdates(final long nowNs)
    {
        int work = 0;
        final long timestampMs = System.currentTimeMillis();
        int blocked = 0;
        while (blocked < outbox.size())
        {
            final AgentTask task = outbox.pollFirst();
            if (tasks.get(task.taskId) != task)
            {
                continue;
            }
            final BenchSession session = sessions[task.session];
            if (!session.canSend())
            {
                outbox.addLast(task);
                blocked++;
                continue;
            }
            if (session.send(session.encoder().statusUpdate(task.agentId, task.frameworkId, task.taskId, task.state,
                TaskReason.NONE, 0, task.uuid, timestampMs, ""), nowNs))
            {
                task.isQueued = false;
                task.lastSentNs = nowNs;
                work++;
                if (finishAtOnce && TaskState.TASK_RUNNING == task.state)
                {
                    // TASK_FINISHED right behind TASK_RUNNING: the master's newest update is the one acknowledged
                    task.state = TaskState.TASK_FINISHED;
                    task.uuid = 2 * task.taskId + 2;
                    task.isQueued = true;
                    outbox.addFirst(task);
                }
            }
            else
            {
                outbox.addLast(task);
                blocked++;
            }
        }
        return work;
    }

    /**
     * Queue every unacknowledged update that is due again, or every one of a session (after a new leader).
     */
    private void queueResends(final long nowNs, final int session)
    {
        for (final AgentTask task : tasks.values())
        {
            if (!task.isQueued && (task.session == session || nowNs - task.lastSentNs >= resendIntervalNs))
            {
                task.isQueued = true;
                outbox.addLast(task);
            }
        }
    }

    private void keepAlive(final long nowNs)
    {
        for (int s = 0; s < sessions.length; s++)
        {
            final BenchSession session = sessions[s];
            final int first = (int)((long)agentCount * s / sessionCount());
            if (nowNs - session.lastSentNs() >= KEEPALIVE_INTERVAL_NS && first < endToRegister[s] && 0 != agentIds[first])
            {
                session.send(session.encoder().agentPong(agentIds[first], KEEPALIVE_SEQUENCE), nowNs);
            }
        }
    }

    private void onNewLeader(final BenchSession session, final long nowNs)
    {
        if (0 != markNs && 0 == firstNewLeaderNs)
        {
            firstNewLeaderNs = nowNs;
        }
        queueResends(nowNs, session.index());
    }

    /**
     * Measure the failover from now: when the sessions follow a new leader, and the first acknowledgement and RunTask
     * after that.
     */
    void mark(final long nowNs)
    {
        markNs = nowNs;
        firstNewLeaderNs = 0;
        firstAckAfterNewLeaderNs = 0;
        firstRunTaskAfterNewLeaderNs = 0;
    }

    long firstNewLeaderNs()
    {
        return firstNewLeaderNs;
    }

    long firstAckAfterNewLeaderNs()
    {
        return firstAckAfterNewLeaderNs;
    }

    long firstRunTaskAfterNewLeaderNs()
    {
        return firstRunTaskAfterNewLeaderNs;
    }

    private void onEgress(final int session, final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        switch (header.templateId())
        {
            case AgentRegisteredDecoder.TEMPLATE_ID:
                registered.wrapAndApplyHeader(buffer, offset, header);
                final long correlationId = registered.correlationId();
                if (correlationId >= 1 && correlationId <= agentCount && 0 == agentIds[(int)correlationId - 1])
                {
                    agentIds[(int)correlationId - 1] = registered.agentId();
                    registeredCount++;
                    registrationsInFlight[session]--;
                }
                break;
            case AgentPingDecoder.TEMPLATE_ID:
                ping.wrapAndApplyHeader(buffer, offset, header);
                pongAgentIds[session].offerLong(ping.agentId());
                pongSequences[session].offerLong(ping.sequence());
                pings++;
                break;
            case RunTaskDecoder.TEMPLATE_ID:
                if (0 != firstNewLeaderNs && 0 == firstRunTaskAfterNewLeaderNs)
                {
                    firstRunTaskAfterNewLeaderNs = System.nanoTime();
                }
                runTask.wrapAndApplyHeader(buffer, offset, header);
                onRunTask(session, runTask.agentId(), runTask.frameworkId(), runTask.taskId());
                break;
            case StatusUpdateAckDecoder.TEMPLATE_ID:
                if (0 != firstNewLeaderNs && 0 == firstAckAfterNewLeaderNs)
                {
                    firstAckAfterNewLeaderNs = System.nanoTime();
                }
                ack.wrapAndApplyHeader(buffer, offset, header);
                onAck(ack.taskId(), ack.uuid().lsb());
                break;
            case KillTaskDecoder.TEMPLATE_ID:
                killTask.wrapAndApplyHeader(buffer, offset, header);
                onKill(session, killTask.agentId(), killTask.frameworkId(), killTask.taskId());
                break;
            case ShutdownAgentDecoder.TEMPLATE_ID:
                shutdowns++;
                break;
            case ErrorDecoder.TEMPLATE_ID:
                error.wrapAndApplyHeader(buffer, offset, header);
                errorCount++;
                if (errors.size() < MAX_ERRORS_KEPT)
                {
                    errors.add(error.code() + " (agent " + error.agentId() + "): " + error.message());
                }
                break;
            default:
                break;
        }
    }

    private void onRunTask(final int session, final long agentId, final long frameworkId, final long taskId)
    {
        final AgentTask running = tasks.get(taskId);
        if (null != running)
        {
            if (running.agentId == agentId)
            {
                repeatedRunTasks++;
            }
            else
            {
                launchedTwice++;
            }
            return;
        }
        if (doneTaskIds.contains(taskId))
        {
            launchedTwice++;
            return;
        }
        final AgentTask task = new AgentTask(taskId, agentId, frameworkId, session);
        tasks.put(taskId, task);
        task.isQueued = true;
        outbox.addLast(task);
        runTasks++;
        runTaskListener.onRunTask(agentId, taskId, System.nanoTime());
    }

    private void onAck(final long taskId, final long uuid)
    {
        final AgentTask task = tasks.get(taskId);
        if (null == task || task.uuid != uuid)
        {
            return;
        }
        if (TaskState.TASK_RUNNING == task.state)
        {
            task.state = TaskState.TASK_FINISHED;
            task.uuid = 2 * taskId + 2;
            task.lastSentNs = 0;
            if (!task.isQueued)
            {
                task.isQueued = true;
                outbox.addLast(task);
            }
        }
        else
        {
            tasks.remove(taskId);
            doneTaskIds.add(taskId);
            if (TaskState.TASK_FINISHED == task.state)
            {
                finished++;
            }
        }
    }

    private void onKill(final int session, final long agentId, final long frameworkId, final long taskId)
    {
        AgentTask task = tasks.get(taskId);
        if (null == task)
        {
            if (doneTaskIds.contains(taskId))
            {
                return;
            }
            // Never heard of: its RunTask was lost, so it is lost (as a Mesos agent answers).
            task = new AgentTask(taskId, agentId, frameworkId, session);
            tasks.put(taskId, task);
            task.state = TaskState.TASK_LOST;
        }
        else if (TaskState.TASK_RUNNING == task.state)
        {
            task.state = TaskState.TASK_KILLED;
        }
        else
        {
            return;
        }
        task.uuid = 2 * taskId + 3;
        task.lastSentNs = 0;
        if (!task.isQueued)
        {
            task.isQueued = true;
            outbox.addLast(task);
        }
    }

    /**
     * @return the number of sessions.
     */
    int sessionCount()
    {
        return sessions.length;
    }

    /**
     * @return agents the master has registered.
     */
    int registeredCount()
    {
        return registeredCount;
    }

    /**
     * @return tasks whose first RunTask arrived.
     */
    long runTasks()
    {
        return runTasks;
    }

    /**
     * @return RunTasks for a task its agent already ran: the master resending a launch still TASK_STAGING to it.
     */
    long repeatedRunTasks()
    {
        return repeatedRunTasks;
    }

    /**
     * @return RunTasks for a task that had already finished, or that another agent ran: tasks launched twice.
     */
    long launchedTwice()
    {
        return launchedTwice;
    }

    /**
     * @return tasks whose TASK_FINISHED was acknowledged.
     */
    long finished()
    {
        return finished;
    }

    /**
     * @return tasks still running or with an unacknowledged update.
     */
    int tasksInFlight()
    {
        return tasks.size();
    }

    /**
     * @return ShutdownAgent messages: the master removed an agent (missed pings, or re-registration needed).
     */
    long shutdowns()
    {
        return shutdowns;
    }

    /**
     * @return pings received (each answered).
     */
    long pings()
    {
        return pings;
    }

    /**
     * @return errors the master sent to the agents' sessions.
     */
    long errorCount()
    {
        return errorCount;
    }

    /**
     * @return the first few of those errors.
     */
    List<String> errors()
    {
        return errors;
    }

    /**
     * @return true when a session was closed by the cluster.
     */
    boolean anySessionClosed()
    {
        for (final BenchSession session : sessions)
        {
            if (session.isClosed())
            {
                return true;
            }
        }
        return false;
    }

    public void close()
    {
        CloseHelper.closeAll(sessions);
    }
}
