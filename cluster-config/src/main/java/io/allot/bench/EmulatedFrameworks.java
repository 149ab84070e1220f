/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.AcknowledgeDecoder;
import io.allot.codecs.sbe.DeclineDecoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.ErrorDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.OffersDecoder;
import io.allot.codecs.sbe.ReconcileDecoder;
import io.allot.codecs.sbe.RescindDecoder;
import io.allot.codecs.sbe.SubscribedDecoder;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateDecoder;
import io.allot.resources.Resources;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayQueue;
import org.agrona.collections.LongHashSet;

import static io.allot.codecs.TaskStates.isTerminal;

/**
 * Many emulated frameworks over a few cluster sessions (the master lets one session carry many frameworks). Each
 * subscribes, holds the offers it gets, and while launching accepts held offers with one small task each (refusing the
 * rest for only {@value #REST_REFUSE_MS} ms), keeping at most a given number of its tasks in flight; it acknowledges
 * every status update. An offer too small for a task is
 * declined. An Accept with no news of its task is sent again (the master refuses a repeat: the offer is used, the task
 * id taken), at once after the session follows a new leader. Everything runs on the thread that calls
 * {@link #doWork(long)}.
 * <p>
 * Idle sessions are kept alive by reconciling a task that never exists (task id {@value #KEEPALIVE_TASK_ID}): the
 * cluster closes a session that sends nothing for its session timeout.
 */
final class EmulatedFrameworks implements AutoCloseable
{
    static final long KEEPALIVE_TASK_ID = 0;
    static final long KEEPALIVE_INTERVAL_NS = 1_000_000_000L;
    static final long FAILOVER_TIMEOUT_MS = 3_600_000;
    /**
     * The filter an Accept puts on the unused rest of its offer: 1 ms, so the master may offer the rest again at once
     * (0 would hold it back until the next periodic pass, and the launch rate would measure the allocation interval).
     */
    static final long REST_REFUSE_MS = 1;
    static final int MAX_SUBSCRIBES_IN_FLIGHT = 64;
    static final int MAX_DECLINE_IDS = 64;
    static final int MAX_ERRORS_KEPT = 10;
    private static final Pattern UNKNOWN_OFFER = Pattern.compile("^offer (\\d+) is unknown");

    private final BenchSession[] sessions;
    private final Framework[] frameworks;
    private final Long2ObjectHashMap<Framework> byId = new Long2ObjectHashMap<>();
    private final Resources taskResources;
    private final Resources offered;
    private final boolean holdsOffers;
    private final String namePrefix;
    private final long acceptResendNs;
    private final long[] sessionNewLeaderNs;
    private final List<ArrayDeque<long[]>> acks = new ArrayList<>();
    private final LongHashSet rescinded = new LongHashSet();
    private final List<String> errors = new ArrayList<>();
    private final long[] declineIds = new long[MAX_DECLINE_IDS];
    private final long[] keepaliveTaskIds = { KEEPALIVE_TASK_ID };
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SubscribedDecoder subscribedDecoder = new SubscribedDecoder();
    private final OffersDecoder offers = new OffersDecoder();
    private final UpdateDecoder update = new UpdateDecoder();
    private final RescindDecoder rescind = new RescindDecoder();
    private final ErrorDecoder error = new ErrorDecoder();
    private int inFlightPerFramework;
    private boolean isLaunching;
    private int nextToSubscribe = -1;
    private int subscribed;
    private long nextTaskId;
    private long nextResendScanNs;
    private long markNs;
    private long firstNewLeaderNs;
    private long firstOfferAfterNewLeaderNs;
    private long firstUpdateAfterNewLeaderNs;
    private long offersReceived;
    private long acceptsSent;
    private long acceptResends;
    private long acceptsRefused;
    private long finished;
    private long lost;
    private long duplicateAcks;
    private long unexpectedErrors;

    private static final class Framework
    {
        final int index;
        final BenchSession session;
        final LongArrayQueue heldOfferIds = new LongArrayQueue();
        final LongArrayQueue declines = new LongArrayQueue();
        final Long2ObjectHashMap<PendingTask> tasks = new Long2ObjectHashMap<>();
        long id;

        Framework(final int index, final BenchSession session)
        {
            this.index = index;
            this.session = session;
        }
    }

    private static final class PendingTask
    {
        final long taskId;
        final long offerId;
        long lastSentNs;
        int sends;
        boolean hasNews;

        PendingTask(final long taskId, final long offerId)
        {
            this.taskId = taskId;
            this.offerId = offerId;
        }
    }

    /**
     * Open the sessions; nothing is sent until {@link #subscribe()}.
     *
     * @param clients          where sessions are opened.
     * @param frameworkCount   frameworks to emulate.
     * @param sessionCount     sessions to spread them over (framework i on session i modulo the count).
     * @param egressTermLength egress term of each session: room for the offers of a whole allocation pass.
     * @param namePrefix       framework names are the prefix and the index.
     * @param taskResources    each task's resources.
     * @param holdsOffers      false for a framework that only counts the offers it gets and never answers them.
     * @param firstTaskId      task ids are unique across the emulator from this one on.
     * @param acceptResendMs   how long an Accept waits for news of its task before it is sent again.
     */
    EmulatedFrameworks(
        final BenchClients clients,
        final int frameworkCount,
        final int sessionCount,
        final int egressTermLength,
        final String namePrefix,
        final Resources taskResources,
        final boolean holdsOffers,
        final long firstTaskId,
        final long acceptResendMs)
    {
        this.namePrefix = namePrefix;
        this.taskResources = taskResources;
        this.offered = new Resources(taskResources.names());
        this.holdsOffers = holdsOffers;
        this.nextTaskId = firstTaskId;
        this.acceptResendNs = acceptResendMs * 1_000_000L;
        sessions = new BenchSession[sessionCount];
        sessionNewLeaderNs = new long[sessionCount];
        frameworks = new Framework[frameworkCount];
        try
        {
            for (int s = 0; s < sessionCount; s++)
            {
                final int index = s;
                acks.add(new ArrayDeque<>());
                sessions[s] = clients.connect(s, egressTermLength,
                    (buffer, offset, length) -> onEgress(index, buffer, offset, length), this::onNewLeader);
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(sessions);
            throw ex;
        }
        for (int i = 0; i < frameworkCount; i++)
        {
            frameworks[i] = new Framework(i, sessions[i % sessionCount]);
        }
    }

    /**
     * Start subscribing every framework, a bounded number in flight.
     */
    void subscribe()
    {
        nextToSubscribe = 0;
    }

    /**
     * Accept held offers with a task each, at most {@code inFlightPerFramework} tasks per framework in flight.
     */
    void startLaunching(final int inFlightPerFramework)
    {
        this.inFlightPerFramework = inFlightPerFramework;
        isLaunching = true;
    }

    /**
     * Stop accepting offers; tasks in flight run to their end.
     */
    void stopLaunching()
    {
        isLaunching = false;
    }

    /**
     * Measure the failover from now: the first new leader each session follows, and the first offer after it.
     */
    void mark(final long nowNs)
    {
        markNs = nowNs;
        firstNewLeaderNs = 0;
        firstOfferAfterNewLeaderNs = 0;
        firstUpdateAfterNewLeaderNs = 0;
        Arrays.fill(sessionNewLeaderNs, 0);
    }

    /**
     * Send a Teardown for every subscribed framework, polling until all went.
     *
     * @param loop runs the emulator while waiting.
     */
    void teardownAll(final BenchLoop loop)
    {
        for (final Framework framework : frameworks)
        {
            if (0 != framework.id)
            {
                loop.runUntil("a Teardown of framework " + framework.id + " to go", BenchLoop.SEND_TIMEOUT_MS,
                    () -> framework.session.send(framework.session.encoder().teardown(framework.id), System.nanoTime()));
                byId.remove(framework.id);
                framework.id = 0;
            }
        }
    }

    /**
     * One duty cycle: poll, subscribe, launch, decline, acknowledge, resend, keep alive.
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
        work += sendSubscribes(nowNs);
        work += sendAcks(nowNs);
        for (final Framework framework : frameworks)
        {
            if (0 != framework.id)
            {
                work += sendDeclines(framework, nowNs);
                if (isLaunching)
                {
                    work += launch(framework, nowNs);
                }
            }
        }
        if (nowNs - nextResendScanNs >= 0)
        {
            nextResendScanNs = nowNs + acceptResendNs / 4;
            work += resendAccepts(nowNs);
        }
        keepAlive(nowNs);
        return work;
    }

    private int sendSubscribes(final long nowNs)
    {
        int work = 0;
        while (nextToSubscribe >= 0 && nextToSubscribe < frameworks.length && nextToSubscribe - subscribed < MAX_SUBSCRIBES_IN_FLIGHT)
        {
            final Framework framework = frameworks[nextToSubscribe];
            final BenchSession session = framework.session;
            if (!session.send(session.encoder().subscribe(framework.index + 1L, 0, FAILOVER_TIMEOUT_MS, false,
                namePrefix + framework.index, "*"), nowNs))
            {
                break;
            }
            nextToSubscribe++;
            work++;
        }
        return work;
    }

    private int sendAcks(final long nowNs)
    {
        int work = 0;
        for (int s = 0; s < sessions.length; s++)
        {
            final BenchSession session = sessions[s];
            final ArrayDeque<long[]> queue = acks.get(s);
            while (!queue.isEmpty())
            {
                final long[] a = queue.peekFirst();
                if (!session.send(session.encoder().acknowledge(a[0], a[1], a[2], a[3], a[4]), nowNs))
                {
                    break;
                }
                queue.pollFirst();
                work++;
            }
        }
        return work;
    }

    private int sendDeclines(final Framework framework, final long nowNs)
    {
        if (framework.declines.isEmpty() || !framework.session.canSend())
        {
            return 0;
        }
        int count = 0;
        while (count < MAX_DECLINE_IDS && !framework.declines.isEmpty())
        {
            declineIds[count++] = framework.declines.pollLong();
        }
        final BenchSession session = framework.session;
        if (!session.send(session.encoder().decline(framework.id, -1, declineIds, count), nowNs))
        {
            for (int i = 0; i < count; i++)
            {
                framework.declines.offerLong(declineIds[i]);
            }
            return 0;
        }
        return 1;
    }

    private int launch(final Framework framework, final long nowNs)
    {
        int work = 0;
        final BenchSession session = framework.session;
        while (framework.tasks.size() < inFlightPerFramework && !framework.heldOfferIds.isEmpty() && session.canSend())
        {
            final long offerId = framework.heldOfferIds.peekLong();
            if (rescinded.remove(offerId))
            {
                framework.heldOfferIds.pollLong();
                continue;
            }
            final PendingTask task = new PendingTask(nextTaskId, offerId);
            if (!sendAccept(framework, task, nowNs))
            {
                break;
            }
            framework.heldOfferIds.pollLong();
            framework.tasks.put(task.taskId, task);
            nextTaskId++;
            acceptsSent++;
            work++;
        }
        return work;
    }

    private boolean sendAccept(final Framework framework, final PendingTask task, final long nowNs)
    {
        final BenchSession session = framework.session;
        final int length = session.encoder().accept(
            framework.id, REST_REFUSE_MS, task.offerId, task.taskId, 1, taskResources, "bench", "true");
        if (session.send(length, nowNs))
        {
            task.lastSentNs = nowNs;
            task.sends++;
            return true;
        }
        return false;
    }

    private int resendAccepts(final long nowNs)
    {
        int work = 0;
        for (final Framework framework : frameworks)
        {
            for (final PendingTask task : framework.tasks.values())
            {
                if (!task.hasNews && nowNs - task.lastSentNs >= acceptResendNs && framework.session.canSend() &&
                    sendAccept(framework, task, nowNs))
                {
                    acceptResends++;
                    work++;
                }
            }
        }
        return work;
    }

    private void keepAlive(final long nowNs)
    {
        for (final Framework framework : frameworks)
        {
            final BenchSession session = framework.session;
            if (0 != framework.id && nowNs - session.lastSentNs() >= KEEPALIVE_INTERVAL_NS)
            {
                session.send(session.encoder().reconcile(framework.id, keepaliveTaskIds, null, 1), nowNs);
            }
        }
    }

    private void onNewLeader(final BenchSession session, final long nowNs)
    {
        if (0 != markNs && 0 == sessionNewLeaderNs[session.index()])
        {
            sessionNewLeaderNs[session.index()] = nowNs;
            if (0 == firstNewLeaderNs)
            {
                firstNewLeaderNs = nowNs;
            }
        }
        for (final Framework framework : frameworks)
        {
            if (framework.session == session)
            {
                for (final PendingTask task : framework.tasks.values())
                {
                    task.lastSentNs = nowNs - acceptResendNs;
                }
            }
        }
        nextResendScanNs = nowNs;
    }

    private void onEgress(final int session, final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        switch (header.templateId())
        {
            case SubscribedDecoder.TEMPLATE_ID:
                subscribedDecoder.wrapAndApplyHeader(buffer, offset, header);
                final long index = subscribedDecoder.correlationId() - 1;
                if (index >= 0 && index < frameworks.length && 0 == frameworks[(int)index].id)
                {
                    frameworks[(int)index].id = subscribedDecoder.frameworkId();
                    byId.put(subscribedDecoder.frameworkId(), frameworks[(int)index]);
                    subscribed++;
                }
                break;
            case OffersDecoder.TEMPLATE_ID:
                onOffers(session, buffer, offset);
                break;
            case UpdateDecoder.TEMPLATE_ID:
                if (0 != sessionNewLeaderNs[session] && 0 == firstUpdateAfterNewLeaderNs)
                {
                    firstUpdateAfterNewLeaderNs = System.nanoTime();
                }
                onUpdate(buffer, offset);
                break;
            case RescindDecoder.TEMPLATE_ID:
                rescinded.add(rescind.wrapAndApplyHeader(buffer, offset, header).offerId());
                break;
            case ErrorDecoder.TEMPLATE_ID:
                onError(buffer, offset);
                break;
            default:
                break;
        }
    }

    private void onOffers(final int session, final DirectBuffer buffer, final int offset)
    {
        offers.wrapAndApplyHeader(buffer, offset, header);
        final Framework framework = byId.get(offers.frameworkId());
        for (final OffersDecoder.OfferDecoder offer : offers.offer())
        {
            final long offerId = offer.offerId();
            ResourceCodec.decode(offer, offered);
            offer.skipHostname();
            offer.skipAttributes();
            offersReceived++;
            if (0 != sessionNewLeaderNs[session] && 0 == firstOfferAfterNewLeaderNs)
            {
                firstOfferAfterNewLeaderNs = System.nanoTime();
            }
            if (holdsOffers && null != framework)
            {
                if (offered.contains(taskResources))
                {
                    framework.heldOfferIds.offerLong(offerId);
                }
                else
                {
                    framework.declines.offerLong(offerId);
                }
            }
        }
    }

    private void onUpdate(final DirectBuffer buffer, final int offset)
    {
        update.wrapAndApplyHeader(buffer, offset, header);
        final Framework framework = byId.get(update.frameworkId());
        final long taskId = update.taskId();
        if (null == framework || KEEPALIVE_TASK_ID == taskId)
        {
            return;
        }
        final long uuidMsb = update.uuid().msb();
        final long uuidLsb = update.uuid().lsb();
        final TaskState state = update.state();
        if (0 != uuidMsb || 0 != uuidLsb)
        {
            acks.get(framework.session.index()).addLast(new long[]{ framework.id, update.agentId(), taskId, uuidMsb, uuidLsb });
        }
        final PendingTask task = framework.tasks.get(taskId);
        if (null == task)
        {
            return;
        }
        task.hasNews = true;
        if (TaskState.TASK_FINISHED == state)
        {
            finished++;
            framework.tasks.remove(taskId);
        }
        else if (isTerminal(state))
        {
            lost++;
            framework.tasks.remove(taskId);
            if (errors.size() < MAX_ERRORS_KEPT)
            {
                errors.add("task " + taskId + " of framework " + framework.id + " ended " + state + " (" + update.reason() + ")");
            }
        }
    }

    private void onError(final DirectBuffer buffer, final int offset)
    {
        error.wrapAndApplyHeader(buffer, offset, header);
        final ErrorCode code = error.code();
        final int templateId = error.templateId();
        final Framework framework = byId.get(error.frameworkId());
        final String message = error.message();
        if (AcceptDecoder.TEMPLATE_ID == templateId && (ErrorCode.UNKNOWN_OFFER == code || ErrorCode.DUPLICATE_TASK_ID == code))
        {
            acceptsRefused++;
            final Matcher matcher = UNKNOWN_OFFER.matcher(message);
            if (null != framework && matcher.find())
            {
                dropRefusedAccept(framework, Long.parseLong(matcher.group(1)));
            }
        }
        else if (AcknowledgeDecoder.TEMPLATE_ID == templateId && ErrorCode.UNKNOWN_TASK == code)
        {
            duplicateAcks++;
        }
        else if ((DeclineDecoder.TEMPLATE_ID == templateId && ErrorCode.UNKNOWN_OFFER == code) ||
            ReconcileDecoder.TEMPLATE_ID == templateId)
        {
            // A declined offer that was rescinded meanwhile; a keepalive of a session whose framework is gone.
            return;
        }
        else
        {
            unexpectedErrors++;
            if (errors.size() < MAX_ERRORS_KEPT)
            {
                errors.add(code + " (framework " + error.frameworkId() + ", template " + templateId + "): " + message);
            }
        }
    }

    /**
     * The master refused an Accept because its offer is unknown. A first Accept refused so never launched anything
     * (its offer went away): the task is dropped. A resent one may have been refused because the first went through:
     * its task stays, and its updates will come.
     */
    private void dropRefusedAccept(final Framework framework, final long offerId)
    {
        for (final PendingTask task : framework.tasks.values())
        {
            if (task.offerId == offerId && 1 == task.sends && !task.hasNews)
            {
                framework.tasks.remove(task.taskId);
                acceptsSent--;
                return;
            }
        }
    }


    int subscribedCount()
    {
        return subscribed;
    }

    long offersReceived()
    {
        return offersReceived;
    }

    long acceptsSent()
    {
        return acceptsSent;
    }

    long acceptResends()
    {
        return acceptResends;
    }

    long acceptsRefused()
    {
        return acceptsRefused;
    }

    long finished()
    {
        return finished;
    }

    /**
     * @return tasks that ended in a terminal state other than TASK_FINISHED.
     */
    long lost()
    {
        return lost;
    }

    long duplicateAcks()
    {
        return duplicateAcks;
    }

    long unexpectedErrors()
    {
        return unexpectedErrors;
    }

    List<String> errors()
    {
        return errors;
    }

    /**
     * @return accepted tasks that have not ended yet.
     */
    int tasksInFlight()
    {
        int count = 0;
        for (final Framework framework : frameworks)
        {
            count += framework.tasks.size();
        }
        return count;
    }

    /**
     * @return true when no task is in flight and no acknowledgement waits to be sent.
     */
    boolean isQuiet()
    {
        for (final ArrayDeque<long[]> queue : acks)
        {
            if (!queue.isEmpty())
            {
                return false;
            }
        }
        return 0 == tasksInFlight();
    }

    long firstNewLeaderNs()
    {
        return firstNewLeaderNs;
    }

    long firstOfferAfterNewLeaderNs()
    {
        return firstOfferAfterNewLeaderNs;
    }

    long firstUpdateAfterNewLeaderNs()
    {
        return firstUpdateAfterNewLeaderNs;
    }

    public void close()
    {
        CloseHelper.closeAll(sessions);
    }
}
