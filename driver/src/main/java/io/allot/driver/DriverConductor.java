/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.client.MasterConnection;
import io.allot.codecs.sbe.AcknowledgeDecoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.ErrorDecoder;
import io.allot.codecs.sbe.SubscribeDecoder;
import io.allot.codecs.sbe.SuppressDecoder;
import io.allot.resources.ResourceNames;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver's one thread of control: it alone owns the {@link MasterConnection}, the subscription state and the
 * conductor's {@link CallEncoder}, and alone calls the {@link Scheduler}. Each duty cycle polls the connection (events
 * are decoded by the {@link SchedulerAdapter} and dispatched here), sends a Subscribe when one is due, and drains the
 * ring buffer of calls made on other threads. Run by an {@code AgentRunner} on its own thread, or by an
 * {@code AgentInvoker} on the thread that calls {@link AllotSchedulerDriver#poll()}.
 * <p>
 * The subscription: on every new session, and on every leader change within a session (whose egress may have lost
 * events), the framework subscribes again with its id. The master then withdraws the framework's outstanding offers
 * without a word, makes new ones and resends the unacknowledged updates; so until the answer to the latest Subscribe
 * arrives, offers and rescinds are dropped (they are void) and calls wait in the ring buffer. After a re-subscription or
 * a failover the conductor asks for an implicit reconciliation.
 */
final class DriverConductor implements Agent, MasterConnection.ConnectionHandler, MasterConnection.NewLeaderHandler
{
    static final int RUNNING = 0;
    static final int STOP_FAILOVER = 1;
    static final int STOP_TEARDOWN = 2;
    static final int ABORT = 3;

    private static final int CALL_DRAIN_LIMIT = 64;

    private final DriverContext ctx;
    private final AllotSchedulerDriver driver;
    private final Scheduler scheduler;
    private final FrameworkInfo framework;
    private final ManyToOneRingBuffer calls;
    private final CallEncoder encoder;
    private final SchedulerAdapter adapter;
    private final ControlledMessageHandler callHandler = this::onQueuedCall;
    private final ManyToOneConcurrentLinkedQueue<CallError> refusals = new ManyToOneConcurrentLinkedQueue<>();
    private final LongHashSet orphansTornDown = new LongHashSet();
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicLong offersReceived = new AtomicLong();
    private final AtomicLong updatesReceived = new AtomicLong();
    private final AtomicLong callsSent = new AtomicLong();
    private final AtomicLong callsRefused = new AtomicLong();
    private final AtomicLong callbackErrors = new AtomicLong();
    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicLong invalidEvents = new AtomicLong();
    private final AtomicLong staleAcknowledgements = new AtomicLong();
    private MasterConnection connection;
    private volatile Thread dispatchingThread;
    private volatile long frameworkId;
    private volatile int terminationMode = RUNNING;
    private long nowNs;
    private long subscribeCorrelationId;
    private long subscribeSentNs;
    private boolean isSubscribePending;
    private boolean isSubscribing;
    private boolean isSubscribed;
    private boolean isFailoverSubscribe;
    private boolean wasSubscribed;
    private boolean isDisconnectReported;
    private boolean isFinishing;
    private boolean isFinished;
    private boolean isTeardownConfirmed;

    DriverConductor(final DriverContext ctx, final AllotSchedulerDriver driver, final ManyToOneRingBuffer calls)
    {
        this.ctx = ctx;
        this.driver = driver;
        this.scheduler = ctx.scheduler();
        this.framework = ctx.frameworkInfo();
        this.calls = calls;
        this.encoder = new CallEncoder(calls.maxMsgLength());
        this.adapter = new SchedulerAdapter(this, new ResourceNames());
        this.frameworkId = framework.frameworkId();
    }

    SchedulerAdapter adapter()
    {
        return adapter;
    }

    void connection(final MasterConnection connection)
    {
        this.connection = connection;
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "allot-driver";
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        dispatchingThread = Thread.currentThread();
        try
        {
            nowNs = clock.nanoTime();
            if (RUNNING != terminationMode)
            {
                finish();
                throw new AgentTerminationException("driver stopped");
            }
            int work = connection.poll();
            work += sendSubscribeIfDue();
            work += calls.controlledRead(callHandler, CALL_DRAIN_LIMIT);
            work += reportRefusals();
            return work;
        }
        finally
        {
            dispatchingThread = null;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onClose()
    {
        final Thread previous = dispatchingThread;
        dispatchingThread = Thread.currentThread();
        try
        {
            finish();
        }
        finally
        {
            dispatchingThread = previous;
        }
    }

    // ---------------------------------------------------------------- state seen by other threads

    boolean isConductorThread()
    {
        return Thread.currentThread() == dispatchingThread;
    }

    long frameworkId()
    {
        return frameworkId;
    }

    CallEncoder encoder()
    {
        return encoder;
    }

    void requestTermination(final int mode)
    {
        terminationMode = mode;
    }

    boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return terminated.await(timeout, unit);
    }

    void awaitTermination() throws InterruptedException
    {
        terminated.await();
    }

    boolean isTerminated()
    {
        return 0 == terminated.getCount();
    }

    /**
     * A call was refused before it reached the conductor (queue full, too large): reported on the conductor thread.
     */
    void refuse(final int templateId, final ErrorCode code, final String message)
    {
        callsRefused.incrementAndGet();
        refusals.offer(new CallError(code, templateId, message, false, true));
    }

    long offersReceived()
    {
        return offersReceived.get();
    }

    long updatesReceived()
    {
        return updatesReceived.get();
    }

    long callsSent()
    {
        return callsSent.get();
    }

    long callsRefused()
    {
        return callsRefused.get();
    }

    long callbackErrors()
    {
        return callbackErrors.get();
    }

    long subscriptions()
    {
        return subscriptions.get();
    }

    long invalidEvents()
    {
        return invalidEvents.get();
    }

    long staleAcknowledgements()
    {
        return staleAcknowledgements.get();
    }

    MasterConnection connection()
    {
        return connection;
    }

    // ---------------------------------------------------------------- calls

    /**
     * Send a call just encoded with the conductor's {@link #encoder()}: at once when subscribed and nothing is queued
     * before it, else into the queue to go later.
     */
    void send(final int length)
    {
        if (isSubscribed && 0 == calls.size() && offerCall(encoder.body(), 0, length, encoder.templateId()))
        {
            return;
        }
        driver.enqueue(encoder, length);
    }

    private ControlledMessageHandler.Action onQueuedCall(
        final int templateId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (isSubscribed)
        {
            final int callIndex = index + CallEncoder.CALL_OFFSET;
            if (SubscribeDecoder.TEMPLATE_ID != templateId)
            {
                buffer.putLong(callIndex + CallEncoder.FRAMEWORK_ID_OFFSET, frameworkId);
            }
            if (offerCall(buffer, callIndex, length - CallEncoder.CALL_OFFSET, templateId))
            {
                return ControlledMessageHandler.Action.COMMIT;
            }
        }
        final long waitedNs = nowNs - buffer.getLong(index);
        if (waitedNs > ctx.callTimeoutNs())
        {
            refuseNow(templateId, ErrorCode.CAPACITY_EXCEEDED, "not sent within the call timeout of " +
                TimeUnit.NANOSECONDS.toMillis(ctx.callTimeoutNs()) + " ms: " +
                (isSubscribed ? "the master is back-pressuring" : "the driver is not subscribed"));
            return ControlledMessageHandler.Action.COMMIT;
        }
        return ControlledMessageHandler.Action.ABORT;
    }

    /**
     * @return true when the call is done with: sent, or refused as too large.
     */
    private boolean offerCall(final DirectBuffer buffer, final int offset, final int length, final int templateId)
    {
        try
        {
            if (connection.offer(buffer, offset, length))
            {
                callsSent.lazySet(callsSent.get() + 1);
                return true;
            }
            return false;
        }
        catch (final IllegalArgumentException ex)
        {
            refuseNow(templateId, ErrorCode.INVALID_ARGUMENT, "the call of " + length +
                " bytes is larger than the master's ingress takes: " + ex.getMessage());
            return true;
        }
    }

    private void refuseNow(final int templateId, final ErrorCode code, final String message)
    {
        callsRefused.incrementAndGet();
        deliverError(new CallError(code, templateId, message, false, true));
    }

    private int reportRefusals()
    {
        int work = 0;
        CallError refusal;
        while (null != (refusal = refusals.poll()))
        {
            deliverError(refusal);
            work++;
        }
        return work;
    }

    // ---------------------------------------------------------------- subscription

    private int sendSubscribeIfDue()
    {
        if (isSubscribing && nowNs - subscribeSentNs > ctx.subscribeTimeoutNs())
        {
            isSubscribePending = true;
        }
        if (!isSubscribePending || !connection.isConnected())
        {
            return 0;
        }
        final long id = frameworkId;
        final int length = encoder.subscribe(subscribeCorrelationId + 1, id, framework);
        if (!connection.offer(encoder.body(), 0, length))
        {
            return 0;
        }
        subscribeCorrelationId++;
        subscribeSentNs = nowNs;
        isSubscribePending = false;
        isSubscribing = true;
        isFailoverSubscribe = 0 != id;
        return 1;
    }

    /**
     * {@inheritDoc}
     */
    public void onConnected(final long clusterSessionId, final int leaderMemberId, final boolean isReconnect)
    {
        isSubscribePending = true;
    }

    /**
     * {@inheritDoc}
     */
    public void onDisconnected()
    {
        lostMaster();
        isSubscribePending = false;
    }

    /**
     * {@inheritDoc}
     */
    public void onNewLeader(final int leaderMemberId, final long leadershipTermId)
    {
        lostMaster();
        isSubscribePending = true;
    }

    private void lostMaster()
    {
        isSubscribed = false;
        isSubscribing = false;
        if (wasSubscribed && !isDisconnectReported && !isFinishing)
        {
            isDisconnectReported = true;
            try
            {
                scheduler.disconnected(driver);
            }
            catch (final Exception | AssertionError ex)
            {
                onCallbackError(ex);
            }
        }
    }

    void onSubscribed(final long correlationId, final long id)
    {
        if (isFinishing)
        {
            return;
        }
        if (correlationId != subscribeCorrelationId || !isSubscribing)
        {
            // the answer to an earlier Subscribe of ours: a new framework adopts its id, another id is an orphan
            if (0 == frameworkId)
            {
                frameworkId = id;
            }
            else if (id != frameworkId)
            {
                tearDownOrphan(id);
            }
            return;
        }
        if (0 != frameworkId && id != frameworkId)
        {
            tearDownOrphan(id);
            isSubscribing = false;
            isSubscribePending = true;
            return;
        }

        frameworkId = id;
        isSubscribing = false;
        isSubscribed = true;
        final boolean isResubscription = wasSubscribed;
        final boolean reconcile = isResubscription || isFailoverSubscribe;
        wasSubscribed = true;
        isDisconnectReported = false;
        subscriptions.lazySet(subscriptions.get() + 1);
        try
        {
            scheduler.subscribed(driver, id, isResubscription);
        }
        catch (final Exception | AssertionError ex)
        {
            onCallbackError(ex);
        }
        if (reconcile && isRunning())
        {
            send(encoder.reconcile(frameworkId, null));
        }
    }

    private void tearDownOrphan(final long id)
    {
        if (orphansTornDown.add(id))
        {
            offerCall(encoder.body(), 0, encoder.teardown(id), encoder.templateId());
        }
    }

    // ---------------------------------------------------------------- events

    void onOffers(final long id, final List<Offer> offers)
    {
        if (id != frameworkId)
        {
            if (isSubscribed && 0 != id)
            {
                tearDownOrphan(id);
            }
            return;
        }
        if (!isSubscribed || !isRunning())
        {
            return;
        }
        offersReceived.lazySet(offersReceived.get() + offers.size());
        try
        {
            scheduler.resourceOffers(driver, offers);
        }
        catch (final Exception | AssertionError ex)
        {
            onCallbackError(ex);
        }
    }

    void onUndecodableOffer(final long id, final long offerId, final CharSequence reason)
    {
        invalidEvents.incrementAndGet();
        ctx.errorHandler().onError(new IllegalStateException("offer " + offerId + " cannot be decoded (" + reason +
            "): declined"));
        if (id == frameworkId && isRunning())
        {
            send(encoder.decline(frameworkId, offerId, -1));
        }
    }

    void onRescind(final long id, final long offerId)
    {
        if (id != frameworkId || !isSubscribed || !isRunning())
        {
            return;
        }
        try
        {
            scheduler.offerRescinded(driver, offerId);
        }
        catch (final Exception | AssertionError ex)
        {
            onCallbackError(ex);
        }
    }

    void onUpdate(final TaskStatus status)
    {
        if (status.frameworkId() != frameworkId || !isRunning())
        {
            return;
        }
        updatesReceived.lazySet(updatesReceived.get() + 1);
        try
        {
            scheduler.statusUpdate(driver, status);
        }
        catch (final Exception | AssertionError ex)
        {
            onCallbackError(ex);
            return;
        }
        if (ctx.implicitAcknowledgements() && status.hasUuid() && isRunning())
        {
            send(encoder.acknowledge(frameworkId, status));
        }
    }

    void onFrameworkMessage(
        final long id, final long agentId, final long taskId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (id != frameworkId || !isRunning())
        {
            return;
        }
        try
        {
            scheduler.frameworkMessage(driver, agentId, taskId, buffer, offset, length);
        }
        catch (final Exception | AssertionError ex)
        {
            onCallbackError(ex);
        }
    }

    void onFailure(final long id, final long agentId, final long taskId, final int status)
    {
        if (id != frameworkId || !isRunning())
        {
            return;
        }
        try
        {
            if (0 == taskId)
            {
                scheduler.agentLost(driver, agentId);
            }
            else
            {
                scheduler.executorLost(driver, agentId, taskId, status);
            }
        }
        catch (final Exception | AssertionError ex)
        {
            onCallbackError(ex);
        }
    }

    void onRevocation(final long id, final long deadlineMs, final long[] taskIds, final long[] agentIds, final int count)
    {
        if (id != frameworkId || !isRunning())
        {
            return;
        }
        try
        {
            scheduler.revocation(driver, deadlineMs, taskIds, agentIds, count);
        }
        catch (final Exception | AssertionError ex)
        {
            onCallbackError(ex);
        }
    }

    void onHeartbeat(final long id)
    {
        // the session's liveness is Aeron's; a heartbeat needs no answer
    }

    void onError(final long correlationId, final long id, final ErrorCode code, final int templateId, final ErrorDecoder error)
    {
        if (ctx.implicitAcknowledgements() && AcknowledgeDecoder.TEMPLATE_ID == templateId && ErrorCode.UNKNOWN_TASK == code)
        {
            // the driver's own acknowledgement of an update delivered twice (the agent resent it before the first
            // acknowledgement reached it) or replaced by a newer one: nothing for the scheduler to do
            staleAcknowledgements.lazySet(staleAcknowledgements.get() + 1);
            return;
        }
        final String message = error.message();
        if (isFinishing)
        {
            if (SuppressDecoder.TEMPLATE_ID == templateId && ErrorCode.UNKNOWN_FRAMEWORK == code)
            {
                isTeardownConfirmed = true;
            }
            return;
        }
        if (!isRunning())
        {
            return;
        }
        if (SubscribeDecoder.TEMPLATE_ID == templateId && (0 != correlationId || ErrorCode.FRAMEWORK_OF_ANOTHER_SESSION == code))
        {
            final String reason = 0 != correlationId ? "the master refused the subscription: " + message :
                "the framework failed over to another scheduler: " + message;
            deliverError(new CallError(code, templateId, reason, true, false));
            driver.onFatalError();
            return;
        }
        deliverError(new CallError(code, templateId, message, false, false));
    }

    void onInvalidEvent(final CharSequence reason)
    {
        invalidEvents.incrementAndGet();
        ctx.errorHandler().onError(new IllegalStateException("invalid event from the master: " + reason));
    }

    private void deliverError(final CallError error)
    {
        try
        {
            scheduler.error(driver, error);
        }
        catch (final Exception | AssertionError ex)
        {
            onCallbackError(ex);
        }
    }

    private void onCallbackError(final Throwable throwable)
    {
        callbackErrors.incrementAndGet();
        ctx.errorHandler().onError(throwable);
    }

    private boolean isRunning()
    {
        return RUNNING == terminationMode && !isFinishing;
    }

    // ---------------------------------------------------------------- termination

    /**
     * Stop on the conductor thread, once: tear the framework down if asked (and wait until the master applied it),
     * close the session, release {@link #awaitTermination()}.
     */
    private void finish()
    {
        if (isFinished)
        {
            return;
        }
        isFinished = true;
        isFinishing = true;
        try
        {
            if (STOP_TEARDOWN == terminationMode && null != connection && 0 != frameworkId)
            {
                tearDown();
            }
            else if (STOP_FAILOVER == terminationMode)
            {
                flushQueuedCalls();
            }
        }
        finally
        {
            isSubscribed = false;
            CloseHelper.close(ctx.errorHandler(), connection);
            terminated.countDown();
        }
    }

    /**
     * Stopping with failover: calls queued before the stop are sent if the driver is subscribed; those that cannot go
     * are counted as refused (no callbacks after a stop, as in Mesos).
     */
    private void flushQueuedCalls()
    {
        calls.read((templateId, buffer, index, length) ->
        {
            final int callIndex = index + CallEncoder.CALL_OFFSET;
            buffer.putLong(callIndex + CallEncoder.FRAMEWORK_ID_OFFSET, frameworkId);
            boolean isSent = false;
            try
            {
                isSent = isSubscribed && connection.offer(buffer, callIndex, length - CallEncoder.CALL_OFFSET);
            }
            catch (final IllegalArgumentException ignore)
            {
                // too large for the ingress: counted as refused below
            }
            if (!isSent)
            {
                callsRefused.incrementAndGet();
            }
        }, Integer.MAX_VALUE);
    }

    /**
     * Send a Teardown, then a Suppress as a probe: the master refuses it as of an unknown framework once it has applied
     * the Teardown, which proves it arrived before the session and its media driver are closed.
     */
    private void tearDown()
    {
        final long deadlineNs = clock.nanoTime() + ctx.messageTimeoutNs();
        final IdleStrategy idle = ctx.idleStrategySupplier().get();
        boolean isTeardownSent = false;
        boolean isProbeSent = false;
        while (!isTeardownConfirmed && clock.nanoTime() - deadlineNs < 0 && (isSubscribed || isTeardownSent))
        {
            final int work = connection.poll();
            if (!isTeardownSent)
            {
                isTeardownSent = connection.offer(encoder.body(), 0, encoder.teardown(frameworkId));
            }
            else if (!isProbeSent)
            {
                isProbeSent = connection.offer(encoder.body(), 0, encoder.suppress(frameworkId));
            }
            idle.idle(work);
        }
        if (!isTeardownConfirmed)
        {
            ctx.errorHandler().onError(new IllegalStateException("framework " + frameworkId + " may not be torn down: " +
                (isTeardownSent ? "the master did not confirm it" : "the driver was not subscribed") + " within " +
                TimeUnit.NANOSECONDS.toMillis(ctx.messageTimeoutNs()) + " ms"));
        }
    }
}
