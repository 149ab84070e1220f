/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A framework and an agent, each a plain client session, that launch tasks continuously as Mesos's would: the
 * framework accepts every offer that fits a task with one task (declining the others for the rest of the allocation
 * interval), and acknowledges every status update it hears of; the agent runs each task it is told to, reports
 * TASK_RUNNING and, a while after that was acknowledged, TASK_FINISHED, resending each update every
 * {@value #RESEND_INTERVAL_MS} ms until acknowledged. Everything runs on the thread that calls {@link #doWork()}.
 * <p>
 * Around a failover the clients recover from lost messages the way Mesos's do:
 * <ul>
 *     <li>an Accept with no news of its task for {@value #ACCEPT_RESEND_MS} ms is sent again (it may have died with
 *     the leader); the engine refuses a repeat (its offer is used, its task id taken), so a task never launches
 *     twice;</li>
 *     <li>a RunTask that never arrived is sent again by the master while the task is TASK_STAGING to it; the agent
 *     runs a task once however many RunTasks it gets (counted by {@link #repeatedRunTasks()});</li>
 *     <li>a task still without news after {@value #STUCK_MS} ms is killed (the last resort, which the master's resend
 *     makes unnecessary): the agent answers the KillTask of a task it never ran with TASK_LOST, and the task ends
 *     (counted by {@link #lostRunTasks()});</li>
 *     <li>a resent TASK_FINISHED answered with UNKNOWN_TASK was acknowledged already, the acknowledgement was lost
 *     (counted by {@link #inferredAcks()}).</li>
 * </ul>
 */
final class TaskWorkload implements AutoCloseable
{
    static final long RESEND_INTERVAL_MS = 250;
    static final long ACCEPT_RESEND_MS = 1_000;
    static final long STUCK_MS = 8_000;
    private static final Pattern UNKNOWN_TASK = Pattern.compile("^UNKNOWN_TASK: task (\\d+) of framework ");

    final ClusterTesting.Client framework;
    final ClusterTesting.Client agent;
    final List<Long> ackReceivedNs = new ArrayList<>();
    private final Resources agentResources;
    private final Resources taskResources;
    private final long taskDurationNs;
    private final Map<Long, AgentTask> agentTasks = new LinkedHashMap<>();
    private final Map<Long, PendingAccept> pendingAccepts = new LinkedHashMap<>();
    private final Map<Long, Integer> runTaskCounts = new LinkedHashMap<>();
    private final List<Long> droppedRunTaskIds = new ArrayList<>();
    private final List<EgressLog.Update> acksToSend = new ArrayList<>();
    private final List<Long> offersToDecline = new ArrayList<>();
    private final long[] declineIds = new long[1];
    private final List<String> unexpectedAgentErrors = new ArrayList<>();
    private long frameworkId;
    private long agentId;
    private long nextTaskId = 1;
    private int offerIndex;
    private int updateIndex;
    private int runTaskIndex;
    private int killTaskIndex;
    private int ackIndex;
    private int agentErrorIndex;
    private long inferredAcks;
    private long lostRunTasks;
    private int runTasksToDrop;
    private boolean isLaunching = true;

    private static final class AgentTask
    {
        final long taskId;
        TaskState state;
        long uuid;
        long lastSentNs;
        long runningAckedNs;
        boolean isAcked;

        AgentTask(final long taskId, final TaskState state)
        {
            this.taskId = taskId;
            this.state = state;
            uuid = TaskState.TASK_RUNNING == state ? 2 * taskId + 1 : 2 * taskId + 2;
        }

        boolean isDone()
        {
            return TaskState.TASK_RUNNING != state && isAcked;
        }
    }

    private static final class PendingAccept
    {
        final long offerId;
        final long taskId;
        long firstSentNs;
        long lastSentNs;
        long lastKillNs;
        boolean isSent;

        PendingAccept(final long offerId, final long taskId)
        {
            this.offerId = offerId;
            this.taskId = taskId;
        }
    }

    TaskWorkload(final String members, final String agentResources, final String taskResources, final long taskDurationMs)
    {
        final ResourceNames names = new ResourceNames();
        this.agentResources = ResourcesParser.parse(agentResources, names);
        this.taskResources = ResourcesParser.parse(taskResources, names);
        this.taskDurationNs = taskDurationMs * 1_000_000L;
        framework = new ClusterTesting.Client(members);
        agent = new ClusterTesting.Client(members);
    }

    /**
     * Register the agent and subscribe the framework, waiting for the first offer.
     */
    void start(final long timeoutMs)
    {
        agent.send(agent.encoder.registerAgent(1, agentResources, "host-a", "rack:r1"), timeoutMs);
        ClusterTesting.await("AgentRegistered", timeoutMs, () -> !agent.log.agentIds.isEmpty(), agent);
        framework.send(framework.encoder.subscribe(1, 0, 60_000, false, "framework-a", "*"), timeoutMs);
        ClusterTesting.await("Subscribed and an offer", timeoutMs, () -> !framework.log.offers.isEmpty(), framework);
        frameworkId = framework.log.frameworkIds.get(0);
        agentId = agent.log.agentIds.get(0);
    }

    /**
     * One duty cycle of both clients.
     *
     * @return work done.
     */
    int doWork()
    {
        final long nowNs = System.nanoTime();
        int work = framework.connection.poll() + agent.connection.poll();
        work += frameworkWork(nowNs);
        work += agentWork(nowNs);
        return work;
    }

    private int frameworkWork(final long nowNs)
    {
        int work = 0;
        final List<EgressLog.Offer> offers = framework.log.offers;
        while (offerIndex < offers.size())
        {
            final EgressLog.Offer offer = offers.get(offerIndex++);
            if (isLaunching && offer.resources().contains(taskResources))
            {
                final PendingAccept accept = new PendingAccept(offer.offerId(), nextTaskId++);
                pendingAccepts.put(accept.taskId, accept);
            }
            else
            {
                offersToDecline.add(offer.offerId());
            }
        }

        final List<EgressLog.Update> updates = framework.log.updates;
        while (updateIndex < updates.size())
        {
            final EgressLog.Update update = updates.get(updateIndex++);
            pendingAccepts.remove(update.taskId());
            if (0 != update.uuidMsb() || 0 != update.uuidLsb())
            {
                acksToSend.add(update);
            }
        }

        if (!offersToDecline.isEmpty())
        {
            declineIds[0] = offersToDecline.get(0);
            if (framework.trySend(framework.encoder.decline(frameworkId, 0, declineIds, 1)))
            {
                offersToDecline.remove(0);
                work++;
            }
        }

        while (!acksToSend.isEmpty())
        {
            final EgressLog.Update update = acksToSend.get(0);
            if (!framework.trySend(framework.encoder.acknowledge(
                frameworkId, update.agentId(), update.taskId(), update.uuidMsb(), update.uuidLsb())))
            {
                break;
            }
            acksToSend.remove(0);
            work++;
        }

        for (final PendingAccept accept : pendingAccepts.values())
        {
            work += sendAccept(accept, nowNs);
        }

        return work;
    }

    private int sendAccept(final PendingAccept accept, final long nowNs)
    {
        if (accept.isSent && nowNs - accept.firstSentNs >= STUCK_MS * 1_000_000L)
        {
            if (nowNs - accept.lastKillNs >= ACCEPT_RESEND_MS * 1_000_000L &&
                framework.trySend(framework.encoder.kill(frameworkId, accept.taskId, 0)))
            {
                accept.lastKillNs = nowNs;
                return 1;
            }
        }
        else if (!accept.isSent || nowNs - accept.lastSentNs >= ACCEPT_RESEND_MS * 1_000_000L)
        {
            if (framework.trySend(framework.encoder.accept(
                frameworkId, 0, accept.offerId, accept.taskId, 1, taskResources, "task-" + accept.taskId, "true")))
            {
                accept.firstSentNs = accept.isSent ? accept.firstSentNs : nowNs;
                accept.isSent = true;
                accept.lastSentNs = nowNs;
                return 1;
            }
        }

        return 0;
    }

    private int agentWork(final long nowNs)
    {
        int work = 0;
        final List<EgressLog.RunTask> runTasks = agent.log.runTasks;
        while (runTaskIndex < runTasks.size())
        {
            final long taskId = runTasks.get(runTaskIndex++).taskId();
            if (runTasksToDrop > 0)
            {
                runTasksToDrop--;
                droppedRunTaskIds.add(taskId);
                continue;
            }
            if (1 == runTaskCounts.merge(taskId, 1, Integer::sum))
            {
                agentTasks.putIfAbsent(taskId, new AgentTask(taskId, TaskState.TASK_RUNNING));
            }
        }

        final List<EgressLog.KillTask> killTasks = agent.log.killTasks;
        while (killTaskIndex < killTasks.size())
        {
            final long taskId = killTasks.get(killTaskIndex++).taskId();
            if (!agentTasks.containsKey(taskId))
            {
                // The agent never heard of the task: its RunTask was lost, so it is lost.
                agentTasks.put(taskId, new AgentTask(taskId, TaskState.TASK_LOST));
                lostRunTasks++;
            }
        }

        final List<EgressLog.Ack> acks = agent.log.acks;
        while (ackIndex < acks.size())
        {
            final EgressLog.Ack ack = acks.get(ackIndex++);
            ackReceivedNs.add(nowNs);
            final AgentTask task = agentTasks.get(ack.taskId());
            if (null != task && task.uuid == ack.uuidLsb() && !task.isAcked)
            {
                task.isAcked = true;
                task.runningAckedNs = nowNs;
            }
        }

        checkAgentErrors();

        for (final AgentTask task : agentTasks.values())
        {
            work += sendUpdate(task, nowNs);
        }

        return work;
    }

    private void checkAgentErrors()
    {
        final List<String> errors = agent.log.errors;
        while (agentErrorIndex < errors.size())
        {
            final String error = errors.get(agentErrorIndex++);
            final Matcher matcher = UNKNOWN_TASK.matcher(error);
            final AgentTask task = matcher.find() ? agentTasks.get(Long.parseLong(matcher.group(1))) : null;
            if (null != task && TaskState.TASK_RUNNING != task.state && !task.isAcked)
            {
                // The master forgets a task once its terminal update is acknowledged: the ack itself was lost.
                task.isAcked = true;
                inferredAcks++;
            }
            else
            {
                unexpectedAgentErrors.add(error);
            }
        }
    }

    private int sendUpdate(final AgentTask task, final long nowNs)
    {
        if (task.isDone())
        {
            return 0;
        }
        if (task.isAcked && TaskState.TASK_RUNNING == task.state && nowNs - task.runningAckedNs >= taskDurationNs)
        {
            task.state = TaskState.TASK_FINISHED;
            task.uuid = 2 * task.taskId + 2;
            task.isAcked = false;
            task.lastSentNs = 0;
        }
        final boolean isDue = 0 == task.lastSentNs || nowNs - task.lastSentNs >= RESEND_INTERVAL_MS * 1_000_000L;
        if (!task.isAcked && isDue &&
            agent.trySend(agent.encoder.statusUpdate(agentId, frameworkId, task.taskId, task.state, TaskReason.NONE, 0, task.uuid, 0, "")))
        {
            task.lastSentNs = nowNs;
            return 1;
        }

        return 0;
    }

    /**
     * Run both clients until the condition holds.
     */
    void runUntil(final String what, final long timeoutMs, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        final IdleStrategy idle = ClusterTesting.idle();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out after " + timeoutMs + " ms waiting for " + what + " (accepted " + acceptedCount() +
                    ", launched " + launchedCount() + ", lost " + lostRunTasks + ", errors " + framework.log.errors + " " +
                    agent.log.errors + ")");
            }
            idle.idle(doWork());
        }
    }

    /**
     * Ask for the state through the framework's session while the workload runs.
     *
     * @return the answer.
     */
    EgressLog.State getState(final long correlationId, final long timeoutMs)
    {
        final int before = framework.log.states.size();
        final boolean[] isSent = { false };
        runUntil("the state " + correlationId, timeoutMs, () ->
        {
            if (!isSent[0])
            {
                isSent[0] = framework.trySend(framework.encoder.getState(correlationId));
            }
            return framework.log.states.size() > before;
        });
        return framework.log.states.get(before);
    }

    /**
     * Make the agent ignore the next RunTask, as if the master's egress had lost it.
     */
    void dropNextRunTask()
    {
        runTasksToDrop++;
    }

    /**
     * Stop accepting offers; tasks already launched run to their end.
     */
    void stopLaunching()
    {
        isLaunching = false;
    }

    /**
     * @return true when every task the agent was told to run (or to kill) has ended and its end was acknowledged, and
     *         no Accept, acknowledgement or Decline is outstanding.
     */
    boolean isQuiet()
    {
        return pendingAccepts.isEmpty() && acksToSend.isEmpty() && offersToDecline.isEmpty() &&
            agentTasks.values().stream().allMatch(AgentTask::isDone);
    }

    /**
     * @return tasks whose RunTask the agent received.
     */
    int launchedCount()
    {
        return runTaskCounts.size();
    }

    /**
     * @return task ids accepted so far (some may still wait for their RunTask).
     */
    long acceptedCount()
    {
        return nextTaskId - 1;
    }

    /**
     * Every task the agent ran was started once, finished, and its end was acknowledged; every other accepted task
     * ended as TASK_LOST after its RunTask was lost.
     */
    void assertEveryTaskRanOnceToItsEnd()
    {
        assertEquals(acceptedCount(), launchedCount() + lostRunTasks, "every accepted task was launched or lost");
        for (final AgentTask task : agentTasks.values())
        {
            final TaskState end = runTaskCounts.containsKey(task.taskId) ? TaskState.TASK_FINISHED : TaskState.TASK_LOST;
            assertTrue(task.isDone() && end == task.state, "task " + task.taskId + " ended as " + end + " and was acknowledged");
            assertTrue(framework.log.updateCount(task.taskId, end) > 0, "the framework heard that task " + task.taskId + " ended");
        }
    }

    /**
     * @return errors other than those of resends: an Accept sent again (its offer is gone, its task id is taken), an
     *         update forwarded again and acknowledged twice, a Kill sent again, the end of a task whose
     *         acknowledgement was lost.
     */
    List<String> unexpectedErrors()
    {
        final List<String> errors = new ArrayList<>();
        for (final String error : framework.log.errors)
        {
            if (!error.startsWith("UNKNOWN_OFFER") && !error.startsWith("DUPLICATE_TASK_ID") &&
                !error.startsWith("UNKNOWN_TASK: no unacknowledged update of task ") && !error.contains(": cannot kill task "))
            {
                errors.add(error);
            }
        }
        errors.addAll(unexpectedAgentErrors);
        return errors;
    }

    /**
     * @return TASK_FINISHED updates whose acknowledgement never reached the agent: the master answered the resend
     *         with UNKNOWN_TASK, having forgotten the task after the framework's acknowledgement.
     */
    long inferredAcks()
    {
        return inferredAcks;
    }

    /**
     * @return accepted tasks whose RunTask never reached the agent, found by the framework killing them.
     */
    long lostRunTasks()
    {
        return lostRunTasks;
    }

    /**
     * @return task ids whose RunTask was dropped on purpose.
     */
    List<Long> droppedRunTaskIds()
    {
        return droppedRunTaskIds;
    }

    /**
     * @return true when the task's RunTask arrived (and the agent started it).
     */
    boolean isStarted(final long taskId)
    {
        return runTaskCounts.containsKey(taskId);
    }

    /**
     * @return RunTasks that arrived for a task the agent had already started (the master's resends).
     */
    long repeatedRunTasks()
    {
        long repeats = 0;
        for (final int count : runTaskCounts.values())
        {
            repeats += count - 1;
        }
        return repeats;
    }

    public void close()
    {
        CloseHelper.closeAll(framework, agent);
    }
}
