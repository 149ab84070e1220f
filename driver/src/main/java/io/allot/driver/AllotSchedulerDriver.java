/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.client.MasterConnection;
import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.MessageDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.ReconcileDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The framework's driver: Mesos's {@code MesosSchedulerDriver} for an Allot master. It connects to the master cluster,
 * subscribes the framework, delivers the master's events to the {@link Scheduler} and sends the framework's calls,
 * follows a new leader by itself, and opens a new session (subscribing again with the framework's id) when the old one
 * closes.
 * <pre>{@code
 * AllotSchedulerDriver driver = new AllotSchedulerDriver(scheduler, new FrameworkInfo().name("batch"), "0=m1:9000,1=m2:9000,2=m3:9000");
 * driver.run();   // start() and join()
 * }</pre>
 * <b>Threads.</b> One conductor owns the cluster session and calls the scheduler: a thread of its own (the default), or,
 * with {@link DriverContext#useConductorAgentInvoker(boolean)}, the thread that calls {@link #poll()}. Calls may be made
 * from any thread: inside a callback they are encoded and sent at once (no hand-off, no allocation); from another
 * thread they are encoded on that thread and passed to the conductor through a {@link ManyToOneRingBuffer}, whose full
 * state is retried a bounded number of times and then refused with a {@link Scheduler#error} and a counter.
 * <p>
 * <b>Allocation.</b> Receiving offers and updates and answering them (launch, decline, acknowledge, kill) allocate
 * nothing in the steady state: events are decoded into reused {@link Offer}s and {@link TaskStatus}es, calls are
 * encoded from reused {@link TaskInfo}s and {@link Filters} into reused buffers. Errors, subscriptions, the text of an
 * update's message and the first sight of an agent's hostname allocate.
 * <p>
 * Where Allot differs from Mesos: ids are {@code long}s; {@link Scheduler#error} is a refused call, not a fatal abort
 * (unless {@link CallError#isFatal()}); the driver reconciles implicitly after every re-subscription; and a call made
 * while disconnected waits (up to {@link DriverContext#callTimeoutNs(long)}) instead of being dropped.
 */
public final class AllotSchedulerDriver implements SchedulerDriver, AutoCloseable
{
    private final DriverContext ctx;
    private final ManyToOneRingBuffer calls;
    private final DriverConductor conductor;
    private final ThreadLocal<CallEncoder> threadEncoders;
    private final AtomicReference<Status> state = new AtomicReference<>(Status.DRIVER_NOT_STARTED);
    private final AgentRunner runner;
    private final AgentInvoker invoker;
    private volatile Thread pollThread;

    /**
     * Mesos's constructor: a driver on its own thread with implicit acknowledgements; call {@link #start()} or
     * {@link #run()}.
     *
     * @param scheduler the framework's callbacks.
     * @param framework the framework (copied).
     * @param members   the master's members, {@code 0=host:port,...}, or one {@code host:port}; null for the embedded
     *                  single member on {@code localhost:9000}.
     */
    public AllotSchedulerDriver(final Scheduler scheduler, final FrameworkInfo framework, final String members)
    {
        this(scheduler, framework, members, true);
    }

    /**
     * Mesos's constructor with the choice of acknowledgements.
     *
     * @param scheduler                the framework's callbacks.
     * @param framework                the framework (copied).
     * @param members                  the master's members; null for the embedded single member.
     * @param implicitAcknowledgements true for the driver to acknowledge status updates itself.
     */
    public AllotSchedulerDriver(
        final Scheduler scheduler, final FrameworkInfo framework, final String members, final boolean implicitAcknowledgements)
    {
        this(new DriverContext().scheduler(scheduler).frameworkInfo(framework).members(members)
            .implicitAcknowledgements(implicitAcknowledgements));
    }

    /**
     * A driver from a context, concluded here; call {@link #start()} or {@link #run()}.
     *
     * @param ctx the configuration.
     */
    public AllotSchedulerDriver(final DriverContext ctx)
    {
        this.ctx = ctx.conclude();
        final int capacity = ctx.callQueueCapacity() + RingBufferDescriptor.TRAILER_LENGTH;
        calls = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(capacity)));
        conductor = new DriverConductor(ctx, this, calls);
        final int encoderCapacity = calls.maxMsgLength();
        threadEncoders = ThreadLocal.withInitial(() -> new CallEncoder(encoderCapacity));
        final ErrorHandler errorHandler = (throwable) ->
        {
            if (!(throwable instanceof AgentTerminationException))
            {
                ctx.errorHandler().onError(throwable);
            }
        };
        if (ctx.useConductorAgentInvoker())
        {
            runner = null;
            invoker = new AgentInvoker(errorHandler, null, conductor);
        }
        else
        {
            runner = new AgentRunner(ctx.idleStrategySupplier().get(), errorHandler, null, conductor);
            invoker = null;
        }
    }

    /**
     * Build and {@link #start()} a driver.
     *
     * @param ctx the configuration, concluded here.
     * @return the running driver, to {@link #stop(boolean)} or close.
     */
    public static AllotSchedulerDriver launch(final DriverContext ctx)
    {
        final AllotSchedulerDriver driver = new AllotSchedulerDriver(ctx);
        driver.start();
        return driver;
    }

    /**
     * @return the configuration.
     */
    public DriverContext context()
    {
        return ctx;
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * {@inheritDoc}
     */
    public synchronized Status start()
    {
        final Status current = state.get();
        if (Status.DRIVER_NOT_STARTED != current)
        {
            return current;
        }
        final MasterConnection connection = MasterConnection.connectAsync(new MasterConnection.Context()
            .members(ctx.members())
            .ingressChannel(ctx.ingressChannel())
            .egressChannel(ctx.egressChannel())
            .aeronDirectoryName(ctx.aeronDirectoryName())
            .messageTimeoutNs(ctx.messageTimeoutNs())
            .newLeaderTimeoutNs(ctx.newLeaderTimeoutNs())
            .maxOfferAttempts(ctx.maxOfferAttempts())
            .reconnect(true)
            .reconnectBackoffNs(ctx.reconnectBackoffNs())
            .maxReconnectBackoffNs(ctx.maxReconnectBackoffNs())
            .egressHandler(conductor.adapter())
            .newLeaderHandler(conductor)
            .connectionHandler(conductor)
            .idleStrategySupplier(ctx.idleStrategySupplier())
            .errorHandler(ctx.errorHandler()));
        conductor.connection(connection);
        state.set(Status.DRIVER_RUNNING);
        if (null != runner)
        {
            AgentRunner.startOnThread(runner);
        }
        else
        {
            invoker.start();
        }
        return Status.DRIVER_RUNNING;
    }

    /**
     * {@inheritDoc}
     */
    public Status stop(final boolean failover)
    {
        return terminate(failover ? DriverConductor.STOP_FAILOVER : DriverConductor.STOP_TEARDOWN, Status.DRIVER_STOPPED);
    }

    /**
     * {@inheritDoc}
     */
    public Status stop()
    {
        return stop(false);
    }

    /**
     * {@inheritDoc}
     */
    public Status abort()
    {
        return terminate(DriverConductor.ABORT, Status.DRIVER_ABORTED);
    }

    /**
     * Stop from any thread. Inside a callback the conductor finishes once the callback returns. In poll mode, a call
     * from a thread other than the polling one takes effect at the next {@link #poll()}.
     */
    private Status terminate(final int mode, final Status next)
    {
        if (!state.compareAndSet(Status.DRIVER_RUNNING, next))
        {
            return state.get();
        }
        conductor.requestTermination(mode);
        if (!conductor.isConductorThread())
        {
            if (null != runner)
            {
                runner.close();
            }
            else if (isPollingThread())
            {
                invoker.invoke();
            }
        }
        return next;
    }

    /**
     * The master refused the subscription, or the framework failed over elsewhere: abort.
     */
    void onFatalError()
    {
        if (state.compareAndSet(Status.DRIVER_RUNNING, Status.DRIVER_ABORTED))
        {
            conductor.requestTermination(DriverConductor.ABORT);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when called inside a callback of a driver on its own thread, where it would wait
     *                               forever.
     */
    public Status join()
    {
        if (Status.DRIVER_NOT_STARTED == state.get())
        {
            return Status.DRIVER_NOT_STARTED;
        }
        if (conductor.isConductorThread())
        {
            throw new IllegalStateException("join() inside a scheduler callback would wait forever");
        }
        if (null != invoker && isPollingThread())
        {
            final IdleStrategy idle = ctx.idleStrategySupplier().get();
            while (!conductor.isTerminated())
            {
                idle.idle(poll());
            }
        }
        else
        {
            try
            {
                conductor.awaitTermination();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        return state.get();
    }

    /**
     * {@inheritDoc}
     */
    public Status run()
    {
        final Status started = start();
        return Status.DRIVER_RUNNING == started ? join() : started;
    }

    /**
     * Run one duty cycle on the calling thread: poll the master's events (calling the scheduler), send a due Subscribe,
     * and send the calls queued by other threads. For a driver built with
     * {@link DriverContext#useConductorAgentInvoker(boolean)}; call it from one thread, in a loop.
     *
     * @return the work done, 0 when there was nothing to do (idle then).
     * @throws IllegalStateException when the driver runs on its own thread.
     */
    public int poll()
    {
        if (null == invoker)
        {
            throw new IllegalStateException("poll() is for a driver with DriverContext.useConductorAgentInvoker(true)");
        }
        pollThread = Thread.currentThread();
        return invoker.invoke();
    }

    /**
     * Stop the driver with failover if it is running (the framework and its tasks stay for their failover timeout), and
     * release its thread, session and media driver. In poll mode, close on the polling thread.
     */
    public void close()
    {
        if (Status.DRIVER_RUNNING == state.get())
        {
            stop(true);
        }
        if (null != runner)
        {
            CloseHelper.close(runner);
        }
        else if (isPollingThread())
        {
            CloseHelper.close(invoker);
        }
    }

    private boolean isPollingThread()
    {
        final Thread thread = pollThread;
        return null == thread || Thread.currentThread() == thread;
    }

    // ---------------------------------------------------------------- calls

    /**
     * {@inheritDoc}
     */
    public Status acceptOffers(final long[] offerIds, final List<TaskInfo> tasks, final Filters filters)
    {
        return acceptOffers(offerIds, offerIds.length, tasks, filters);
    }

    /**
     * {@inheritDoc}
     */
    public Status acceptOffers(final long[] offerIds, final int offerCount, final List<TaskInfo> tasks, final Filters filters)
    {
        final Status current = state.get();
        if (Status.DRIVER_RUNNING != current)
        {
            return current;
        }
        final boolean isConductor = conductor.isConductorThread();
        final CallEncoder encoder = isConductor ? conductor.encoder() : threadEncoders.get();
        try
        {
            return submit(isConductor, encoder,
                encoder.accept(conductor.frameworkId(), offerIds, offerCount, tasks, Filters.refuseMs(filters)));
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return tooLarge(AcceptDecoder.TEMPLATE_ID);
        }
    }

    /**
     * {@inheritDoc}
     */
    public Status launchTasks(final long offerId, final List<TaskInfo> tasks, final Filters filters)
    {
        final Status current = state.get();
        if (Status.DRIVER_RUNNING != current)
        {
            return current;
        }
        final boolean isConductor = conductor.isConductorThread();
        final CallEncoder encoder = isConductor ? conductor.encoder() : threadEncoders.get();
        try
        {
            return submit(isConductor, encoder, encoder.launch(conductor.frameworkId(), offerId, tasks, Filters.refuseMs(filters)));
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return tooLarge(AcceptDecoder.TEMPLATE_ID);
        }
    }

    /**
     * {@inheritDoc}
     */
    public Status launchTasks(final long offerId, final TaskInfo task, final Filters filters)
    {
        final Status current = state.get();
        if (Status.DRIVER_RUNNING != current)
        {
            return current;
        }
        final boolean isConductor = conductor.isConductorThread();
        final CallEncoder encoder = isConductor ? conductor.encoder() : threadEncoders.get();
        try
        {
            return submit(isConductor, encoder, encoder.launch(conductor.frameworkId(), offerId, task, Filters.refuseMs(filters)));
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return tooLarge(AcceptDecoder.TEMPLATE_ID);
        }
    }

    /**
     * {@inheritDoc}
     */
    public Status declineOffer(final long offerId, final Filters filters)
    {
        final Status current = state.get();
        if (Status.DRIVER_RUNNING != current)
        {
            return current;
        }
        final boolean isConductor = conductor.isConductorThread();
        final CallEncoder encoder = isConductor ? conductor.encoder() : threadEncoders.get();
        return submit(isConductor, encoder, encoder.decline(conductor.frameworkId(), offerId, Filters.refuseMs(filters)));
    }

    /**
     * {@inheritDoc}
     */
    public Status declineOffer(final long offerId)
    {
        return declineOffer(offerId, null);
    }

    /**
     * {@inheritDoc}
     */
    public Status reviveOffers()
    {
        final Status current = state.get();
        if (Status.DRIVER_RUNNING != current)
        {
            return current;
        }
        final boolean isConductor = conductor.isConductorThread();
        final CallEncoder encoder = isConductor ? conductor.encoder() : threadEncoders.get();
        return submit(isConductor, encoder, encoder.revive(conductor.frameworkId()));
    }

    /**
     * {@inheritDoc}
     */
    public Status suppressOffers()
    {
        final Status current = state.get();
        if (Status.DRIVER_RUNNING != current)
        {
            return current;
        }
        final boolean isConductor = conductor.isConductorThread();
        final CallEncoder encoder = isConductor ? conductor.encoder() : threadEncoders.get();
        return submit(isConductor, encoder, encoder.suppress(conductor.frameworkId()));
    }

    /**
     * {@inheritDoc}
     */
    public Status killTask(final long taskId)
    {
        final Status current = state.get();
        if (Status.DRIVER_RUNNING != current)
        {
            return current;
        }
        final boolean isConductor = conductor.isConductorThread();
        final CallEncoder encoder = isConductor ? conductor.encoder() : threadEncoders.get();
        return submit(isConductor, encoder, encoder.kill(conductor.frameworkId(), taskId));
    }

    /**
     * {@inheritDoc}
     */
    public Status acknowledgeStatusUpdate(final TaskStatus status)
    {
        final Status current = state.get();
        if (Status.DRIVER_RUNNING != current || !status.hasUuid() || ctx.implicitAcknowledgements())
        {
            return current;
        }
        final boolean isConductor = conductor.isConductorThread();
        final CallEncoder encoder = isConductor ? conductor.encoder() : threadEncoders.get();
        return submit(isConductor, encoder, encoder.acknowledge(conductor.frameworkId(), status));
    }

    /**
     * {@inheritDoc}
     */
    public Status reconcileTasks(final List<TaskStatus> statuses)
    {
        final Status current = state.get();
        if (Status.DRIVER_RUNNING != current)
        {
            return current;
        }
        final boolean isConductor = conductor.isConductorThread();
        final CallEncoder encoder = isConductor ? conductor.encoder() : threadEncoders.get();
        try
        {
            return submit(isConductor, encoder, encoder.reconcile(conductor.frameworkId(), statuses));
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return tooLarge(ReconcileDecoder.TEMPLATE_ID);
        }
    }

    /**
     * {@inheritDoc}
     */
    public Status sendFrameworkMessage(final long agentId, final long taskId, final byte[] data)
    {
        return sendFrameworkMessage(agentId, taskId, new UnsafeBuffer(data), 0, data.length);
    }

    /**
     * {@inheritDoc}
     */
    public Status sendFrameworkMessage(
        final long agentId, final long taskId, final DirectBuffer buffer, final int offset, final int length)
    {
        final Status current = state.get();
        if (Status.DRIVER_RUNNING != current)
        {
            return current;
        }
        final boolean isConductor = conductor.isConductorThread();
        final CallEncoder encoder = isConductor ? conductor.encoder() : threadEncoders.get();
        try
        {
            return submit(isConductor, encoder, encoder.message(conductor.frameworkId(), agentId, taskId, buffer, offset, length));
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return tooLarge(MessageDecoder.TEMPLATE_ID);
        }
    }

    /**
     * {@inheritDoc}
     */
    public long frameworkId()
    {
        return conductor.frameworkId();
    }

    /**
     * {@inheritDoc}
     */
    public Status status()
    {
        return state.get();
    }

    private Status submit(final boolean isConductor, final CallEncoder encoder, final int length)
    {
        if (isConductor)
        {
            conductor.send(length);
        }
        else
        {
            enqueue(encoder, length);
        }
        return Status.DRIVER_RUNNING;
    }

    /**
     * Queue a call for the conductor, stamped with the time: retried a bounded number of times while the queue is full
     * (not on the conductor thread, which alone empties it), then refused.
     */
    void enqueue(final CallEncoder encoder, final int length)
    {
        final int templateId = encoder.templateId();
        final UnsafeBuffer buffer = encoder.buffer();
        buffer.putLong(0, System.nanoTime());
        final int recordLength = CallEncoder.CALL_OFFSET + length;
        final boolean isConductor = conductor.isConductorThread();
        for (int attempt = 0, attempts = ctx.queueAttempts(); attempt < attempts; attempt++)
        {
            if (calls.write(templateId, buffer, 0, recordLength))
            {
                return;
            }
            if (isConductor)
            {
                break;
            }
            Thread.yield();
        }
        conductor.refuse(templateId, ErrorCode.CAPACITY_EXCEEDED,
            "the driver's call queue is full (" + calls.capacity() + " bytes): the call was not sent");
    }

    private Status tooLarge(final int templateId)
    {
        conductor.refuse(templateId, ErrorCode.INVALID_ARGUMENT, "the call is larger than the driver's largest call of " +
            (calls.maxMsgLength() - CallEncoder.CALL_OFFSET - MessageHeaderDecoder.ENCODED_LENGTH) + " bytes");
        return Status.DRIVER_RUNNING;
    }

    // ---------------------------------------------------------------- counters and tests

    /**
     * @return offers delivered to the scheduler.
     */
    public long offersReceived()
    {
        return conductor.offersReceived();
    }

    /**
     * @return status updates delivered to the scheduler.
     */
    public long updatesReceived()
    {
        return conductor.updatesReceived();
    }

    /**
     * @return calls sent to the master.
     */
    public long callsSent()
    {
        return conductor.callsSent();
    }

    /**
     * @return calls the driver refused (queue full, not sent within the call timeout, too large).
     */
    public long callsRefused()
    {
        return conductor.callsRefused();
    }

    /**
     * @return exceptions thrown by scheduler callbacks.
     */
    public long callbackErrors()
    {
        return conductor.callbackErrors();
    }

    /**
     * @return subscriptions the master confirmed: 1 after the first, one more per re-subscription.
     */
    public long subscriptions()
    {
        return conductor.subscriptions();
    }

    /**
     * @return implicit acknowledgements the master refused because the update was already acknowledged (delivered
     *         twice) or replaced by a newer one; not reported to the scheduler.
     */
    public long staleAcknowledgements()
    {
        return conductor.staleAcknowledgements();
    }

    /**
     * @return the thread running the conductor: the driver's own, or the one that last polled; null before either.
     */
    Thread conductorThread()
    {
        return null != runner ? runner.thread() : pollThread;
    }

    /**
     * @return the connection, to be read on the conductor thread only (tests).
     */
    MasterConnection connection()
    {
        return conductor.connection();
    }
}
