/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.client.ClusterMembers;
import io.allot.client.MasterConnection;
import org.agrona.BitUtil;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Configuration of an {@link AllotSchedulerDriver}: fluent setters, then {@link #conclude()} (called by the driver) fills
 * in defaults and validates with a clear message. Only the scheduler and the framework are required.
 * <pre>{@code
 * AllotSchedulerDriver driver = AllotSchedulerDriver.launch(new DriverContext()
 *     .scheduler(myScheduler)
 *     .frameworkInfo(new FrameworkInfo().name("batch").failoverTimeoutSeconds(60))
 *     .members("0=m1:9000,1=m2:9000,2=m3:9000"));
 * }</pre>
 */
public final class DriverContext
{
    /** Default capacity of the queue of calls from other threads to the conductor: 1 MiB. */
    public static final int DEFAULT_CALL_QUEUE_CAPACITY = 1024 * 1024;
    /** Default time a call may wait to be sent (while disconnected or back-pressured) before it is refused: 30 s. */
    public static final long DEFAULT_CALL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    /** Default time to wait for the answer to a Subscribe before sending it again: 2 s. */
    public static final long DEFAULT_SUBSCRIBE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(2);
    /** Default attempts to put a call in a full queue before refusing it. */
    public static final int DEFAULT_QUEUE_ATTEMPTS = 1000;

    private boolean isConcluded;
    private Scheduler scheduler;
    private FrameworkInfo frameworkInfo;
    private String members;
    private boolean implicitAcknowledgements = true;
    private boolean useConductorAgentInvoker;
    private Supplier<IdleStrategy> idleStrategySupplier;
    private String aeronDirectoryName;
    private String ingressChannel = MasterConnection.INGRESS_CHANNEL;
    private String egressChannel = MasterConnection.Context.DEFAULT_EGRESS_CHANNEL;
    private long messageTimeoutNs = TimeUnit.SECONDS.toNanos(5);
    private long newLeaderTimeoutNs = TimeUnit.SECONDS.toNanos(10);
    private long reconnectBackoffNs = MasterConnection.Context.DEFAULT_RECONNECT_BACKOFF_NS;
    private long maxReconnectBackoffNs = MasterConnection.Context.DEFAULT_MAX_RECONNECT_BACKOFF_NS;
    private long subscribeTimeoutNs = DEFAULT_SUBSCRIBE_TIMEOUT_NS;
    private long callTimeoutNs = DEFAULT_CALL_TIMEOUT_NS;
    private int callQueueCapacity = DEFAULT_CALL_QUEUE_CAPACITY;
    private int maxOfferAttempts = MasterConnection.Context.DEFAULT_MAX_OFFER_ATTEMPTS;
    private int queueAttempts = DEFAULT_QUEUE_ATTEMPTS;
    private ErrorHandler errorHandler;

    /**
     * Validate and fill in defaults.
     *
     * @return this for a fluent API.
     * @throws IllegalStateException    if called twice.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public DriverContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("DriverContext already concluded");
        }
        isConcluded = true;

        if (null == scheduler)
        {
            throw new IllegalArgumentException("a scheduler is required");
        }
        if (null == frameworkInfo)
        {
            throw new IllegalArgumentException("a framework info is required");
        }
        frameworkInfo = new FrameworkInfo(frameworkInfo);
        ClusterMembers.parseEndpoints(members);
        requirePositive("message timeout", messageTimeoutNs);
        requirePositive("new leader timeout", newLeaderTimeoutNs);
        requirePositive("subscribe timeout", subscribeTimeoutNs);
        requirePositive("call timeout", callTimeoutNs);
        requirePositive("reconnect backoff", reconnectBackoffNs);
        if (maxReconnectBackoffNs < reconnectBackoffNs)
        {
            throw new IllegalArgumentException("max reconnect backoff " + maxReconnectBackoffNs +
                " ns is below the reconnect backoff " + reconnectBackoffNs + " ns");
        }
        if (callQueueCapacity < 4096 || !BitUtil.isPowerOfTwo(callQueueCapacity))
        {
            throw new IllegalArgumentException("call queue capacity must be a power of two >= 4096: " + callQueueCapacity);
        }
        if (maxOfferAttempts < 1 || queueAttempts < 1)
        {
            throw new IllegalArgumentException("attempts must be at least 1: offer " + maxOfferAttempts + ", queue " + queueAttempts);
        }
        if (null == idleStrategySupplier)
        {
            idleStrategySupplier = () -> new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
        }
        if (null == errorHandler)
        {
            errorHandler = (throwable) -> System.err.println("allot driver: " + throwable);
        }

        return this;
    }

    private static void requirePositive(final String what, final long valueNs)
    {
        if (valueNs <= 0)
        {
            throw new IllegalArgumentException(what + " must be positive: " + valueNs + " ns");
        }
    }

    /**
     * @param scheduler the framework's callbacks; required.
     * @return this for a fluent API.
     */
    public DriverContext scheduler(final Scheduler scheduler)
    {
        this.scheduler = scheduler;
        return this;
    }

    /**
     * @return the framework's callbacks.
     */
    public Scheduler scheduler()
    {
        return scheduler;
    }

    /**
     * @param frameworkInfo the framework: name, role, failover timeout, and its id to fail over; required, copied by
     *                      {@link #conclude()}.
     * @return this for a fluent API.
     */
    public DriverContext frameworkInfo(final FrameworkInfo frameworkInfo)
    {
        this.frameworkInfo = frameworkInfo;
        return this;
    }

    /**
     * @return the framework.
     */
    public FrameworkInfo frameworkInfo()
    {
        return frameworkInfo;
    }

    /**
     * @param members the master's members, {@code 0=host:port,1=host:port,...} (base ports), or the {@code host:port}
     *                of one member; null for the embedded single member on {@code localhost:9000}.
     * @return this for a fluent API.
     */
    public DriverContext members(final String members)
    {
        this.members = members;
        return this;
    }

    /**
     * @return the master's members as given.
     */
    public String members()
    {
        return members;
    }

    /**
     * @param implicitAcknowledgements true (the default, as in Mesos) for the driver to acknowledge each status update
     *                                 when {@link Scheduler#statusUpdate} returns; false to acknowledge explicitly.
     * @return this for a fluent API.
     */
    public DriverContext implicitAcknowledgements(final boolean implicitAcknowledgements)
    {
        this.implicitAcknowledgements = implicitAcknowledgements;
        return this;
    }

    /**
     * @return whether the driver acknowledges status updates itself.
     */
    public boolean implicitAcknowledgements()
    {
        return implicitAcknowledgements;
    }

    /**
     * @param useConductorAgentInvoker true to run the driver's duty cycle on the caller's thread, by calling
     *                                 {@link AllotSchedulerDriver#poll()} (for latency-critical frameworks that own their
     *                                 thread); false (the default) to run it on a thread of its own.
     * @return this for a fluent API.
     */
    public DriverContext useConductorAgentInvoker(final boolean useConductorAgentInvoker)
    {
        this.useConductorAgentInvoker = useConductorAgentInvoker;
        return this;
    }

    /**
     * @return whether the caller runs the duty cycle through {@link AllotSchedulerDriver#poll()}.
     */
    public boolean useConductorAgentInvoker()
    {
        return useConductorAgentInvoker;
    }

    /**
     * @param supplier idle strategies for the conductor thread, the embedded media driver and offer retries; by default
     *                 a backoff that parks up to 1 ms.
     * @return this for a fluent API.
     */
    public DriverContext idleStrategySupplier(final Supplier<IdleStrategy> supplier)
    {
        this.idleStrategySupplier = supplier;
        return this;
    }

    /**
     * @return supplier of idle strategies.
     */
    public Supplier<IdleStrategy> idleStrategySupplier()
    {
        return idleStrategySupplier;
    }

    /**
     * @param name directory of a running media driver to use instead of an embedded one; never a master member's.
     * @return this for a fluent API.
     */
    public DriverContext aeronDirectoryName(final String name)
    {
        this.aeronDirectoryName = name;
        return this;
    }

    /**
     * @return the external media driver's directory, or null for an embedded one.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * @param channel ingress channel without an endpoint (the members' endpoints are added).
     * @return this for a fluent API.
     */
    public DriverContext ingressChannel(final String channel)
    {
        this.ingressChannel = channel;
        return this;
    }

    /**
     * @return ingress channel.
     */
    public String ingressChannel()
    {
        return ingressChannel;
    }

    /**
     * @param channel where the master sends events: an endpoint of this host that the members can reach.
     * @return this for a fluent API.
     */
    public DriverContext egressChannel(final String channel)
    {
        this.egressChannel = channel;
        return this;
    }

    /**
     * @return egress channel.
     */
    public String egressChannel()
    {
        return egressChannel;
    }

    /**
     * @param timeoutNs how long one connection attempt waits for the cluster's answer.
     * @return this for a fluent API.
     */
    public DriverContext messageTimeoutNs(final long timeoutNs)
    {
        this.messageTimeoutNs = timeoutNs;
        return this;
    }

    /**
     * @return how long one connection attempt waits.
     */
    public long messageTimeoutNs()
    {
        return messageTimeoutNs;
    }

    /**
     * @param timeoutNs how long a session waits for a new leader before it closes and the driver opens a new one.
     * @return this for a fluent API.
     */
    public DriverContext newLeaderTimeoutNs(final long timeoutNs)
    {
        this.newLeaderTimeoutNs = timeoutNs;
        return this;
    }

    /**
     * @return how long a session waits for a new leader.
     */
    public long newLeaderTimeoutNs()
    {
        return newLeaderTimeoutNs;
    }

    /**
     * @param backoffNs wait after a failed connection attempt, doubled after each failure up to the maximum.
     * @return this for a fluent API.
     */
    public DriverContext reconnectBackoffNs(final long backoffNs)
    {
        this.reconnectBackoffNs = backoffNs;
        return this;
    }

    /**
     * @return wait after a failed connection attempt.
     */
    public long reconnectBackoffNs()
    {
        return reconnectBackoffNs;
    }

    /**
     * @param backoffNs longest wait between connection attempts.
     * @return this for a fluent API.
     */
    public DriverContext maxReconnectBackoffNs(final long backoffNs)
    {
        this.maxReconnectBackoffNs = backoffNs;
        return this;
    }

    /**
     * @return longest wait between connection attempts.
     */
    public long maxReconnectBackoffNs()
    {
        return maxReconnectBackoffNs;
    }

    /**
     * @param timeoutNs how long to wait for the answer to a Subscribe before sending it again.
     * @return this for a fluent API.
     */
    public DriverContext subscribeTimeoutNs(final long timeoutNs)
    {
        this.subscribeTimeoutNs = timeoutNs;
        return this;
    }

    /**
     * @return how long to wait for the answer to a Subscribe.
     */
    public long subscribeTimeoutNs()
    {
        return subscribeTimeoutNs;
    }

    /**
     * @param timeoutNs how long a call may wait to be sent (the driver disconnected, or the master back-pressuring)
     *                  before it is refused with a {@link Scheduler#error}.
     * @return this for a fluent API.
     */
    public DriverContext callTimeoutNs(final long timeoutNs)
    {
        this.callTimeoutNs = timeoutNs;
        return this;
    }

    /**
     * @return how long a call may wait to be sent.
     */
    public long callTimeoutNs()
    {
        return callTimeoutNs;
    }

    /**
     * @param capacity bytes of the queue of calls to the conductor, a power of two; a call is at most an eighth of it.
     * @return this for a fluent API.
     */
    public DriverContext callQueueCapacity(final int capacity)
    {
        this.callQueueCapacity = capacity;
        return this;
    }

    /**
     * @return bytes of the call queue.
     */
    public int callQueueCapacity()
    {
        return callQueueCapacity;
    }

    /**
     * @param attempts tries of an offer to the cluster that meets back pressure, per duty cycle.
     * @return this for a fluent API.
     */
    public DriverContext maxOfferAttempts(final int attempts)
    {
        this.maxOfferAttempts = attempts;
        return this;
    }

    /**
     * @return tries of an offer that meets back pressure.
     */
    public int maxOfferAttempts()
    {
        return maxOfferAttempts;
    }

    /**
     * @param attempts tries to put a call into a full queue (yielding between them) before it is refused.
     * @return this for a fluent API.
     */
    public DriverContext queueAttempts(final int attempts)
    {
        this.queueAttempts = attempts;
        return this;
    }

    /**
     * @return tries to put a call into a full queue.
     */
    public int queueAttempts()
    {
        return queueAttempts;
    }

    /**
     * @param errorHandler receives exceptions of callbacks, the connection and the media driver.
     * @return this for a fluent API.
     */
    public DriverContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /**
     * @return receiver of exceptions.
     */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }
}
