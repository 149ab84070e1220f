/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.client;

import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.SystemUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A client session of the master cluster, for tests, operators and tools: an {@link AeronCluster} on its own embedded
 * media driver (never a member's: it would die with the member), whose egress messages are handed to an
 * {@link EgressHandler}. Not thread safe: one thread offers and polls.
 * <p>
 * Failover is automatic as long as {@link #poll()} is called: when the leader changes, the cluster tells the session
 * and ingress is re-targeted. Messages offered while no leader is known fail ({@link #offer} returns false) and are
 * for the caller to send again, so requests should carry ids and be idempotent. If no new leader appears within
 * {@link Context#newLeaderTimeoutNs(long)} the session closes ({@link #isClosed()}).
 */
public final class MasterConnection implements AutoCloseable
{
    /**
     * Term length of the client's publications and of the members' (small: the messages are small).
     */
    public static final int TERM_LENGTH = 64 * 1024;

    /**
     * The members' ingress channel; the endpoints come from {@link ClusterMembers}.
     */
    public static final String INGRESS_CHANNEL = "aeron:udp?term-length=64k";

    private final Context ctx;
    private final Listener listener = new Listener();
    private MediaDriver mediaDriver;
    private AeronCluster aeronCluster;
    private int leaderMemberId = -1;
    private long newLeaderCount;
    private long offerFailures;

    /**
     * Receives each egress message of the master: one SBE message with its header, as the master sent it.
     */
    @FunctionalInterface
    public interface EgressHandler
    {
        /**
         * @param buffer holding the message, valid only during the call.
         * @param offset where the message begins.
         * @param length of the message.
         */
        void onMessage(DirectBuffer buffer, int offset, int length);
    }

    private MasterConnection(final Context ctx)
    {
        this.ctx = ctx;
    }

    /**
     * Connect to the cluster: launches the embedded driver (unless {@link Context#aeronDirectoryName(String)} names
     * one), then opens a session with the leader, blocking until it is open or the message timeout passes.
     *
     * @param ctx the connection's configuration.
     * @return the open connection.
     */
    public static MasterConnection connect(final Context ctx)
    {
        ctx.conclude();
        final MasterConnection connection = new MasterConnection(ctx);
        try
        {
            connection.open();
        }
        catch (final RuntimeException ex)
        {
            connection.close();
            throw ex;
        }

        return connection;
    }

    private void open()
    {
        String aeronDirectoryName = ctx.aeronDirectoryName();
        if (null == aeronDirectoryName)
        {
            aeronDirectoryName = new File(SystemUtil.tmpDirName(), "allot-client-" + UUID.randomUUID()).getAbsolutePath();
            mediaDriver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(aeronDirectoryName)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(ctx.idleStrategySupplier().get())
                .termBufferSparseFile(true)
                .publicationTermBufferLength(TERM_LENGTH)
                .ipcTermBufferLength(TERM_LENGTH)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .errorHandler(ctx.errorHandler()));
            aeronDirectoryName = mediaDriver.aeronDirectoryName();
        }

        aeronCluster = AeronCluster.connect(new AeronCluster.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .ingressChannel(ctx.ingressChannel())
            .ingressEndpoints(ctx.clusterMembers().ingressEndpoints())
            .egressChannel(ctx.egressChannel())
            .messageTimeoutNs(ctx.messageTimeoutNs())
            .newLeaderTimeoutNs(ctx.newLeaderTimeoutNs())
            .idleStrategy(ctx.idleStrategySupplier().get())
            .errorHandler(ctx.errorHandler())
            .egressListener(listener));
        leaderMemberId = aeronCluster.leaderMemberId();
    }

    /**
     * Offer one message to the cluster, retrying back pressure and admin actions up to
     * {@link Context#maxOfferAttempts(int)} times.
     *
     * @param buffer holding the message.
     * @param offset where it begins.
     * @param length its length.
     * @return true when the message was sent; false when it could not go (no leader now, back pressure beyond the
     *         retries, or closed): send it again later, after polling.
     */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (aeronCluster.isClosed())
        {
            offerFailures++;
            return false;
        }

        final IdleStrategy idle = ctx.idleStrategy();
        idle.reset();
        for (int attempt = 0; attempt < ctx.maxOfferAttempts(); attempt++)
        {
            final long result = aeronCluster.offer(buffer, offset, length);
            if (result > 0)
            {
                return true;
            }
            if (Publication.BACK_PRESSURED != result && Publication.ADMIN_ACTION != result)
            {
                break;
            }
            idle.idle();
        }

        offerFailures++;
        return false;
    }

    /**
     * Poll the egress: delivers messages to the handler and moves a failover along.
     *
     * @return the work done, 0 when there was nothing.
     */
    public int poll()
    {
        return aeronCluster.isClosed() ? 0 : aeronCluster.pollEgress();
    }

    /**
     * @return the leader's member id as this session last learned it.
     */
    public int leaderMemberId()
    {
        return leaderMemberId;
    }

    /**
     * @return the leadership term of the leader this session follows.
     */
    public long leadershipTermId()
    {
        return null == aeronCluster ? -1 : aeronCluster.leadershipTermId();
    }

    /**
     * @return the number of leader changes this session followed.
     */
    public long newLeaderCount()
    {
        return newLeaderCount;
    }

    /**
     * @return offers that could not be sent.
     */
    public long offerFailures()
    {
        return offerFailures;
    }

    /**
     * @return the cluster session id, the master's name for this connection.
     */
    public long clusterSessionId()
    {
        return aeronCluster.clusterSessionId();
    }

    /**
     * @return true once the session is closed (by {@link #close()} or because no new leader came in time).
     */
    public boolean isClosed()
    {
        return null == aeronCluster || aeronCluster.isClosed();
    }

    /**
     * Close the session and the embedded driver.
     */
    public void close()
    {
        CloseHelper.closeAll(aeronCluster, mediaDriver);
    }

    private final class Listener implements EgressListener
    {
        public void onMessage(
            final long clusterSessionId,
            final long timestamp,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final Header header)
        {
            ctx.egressHandler().onMessage(buffer, offset, length);
        }

        public void onNewLeader(
            final long clusterSessionId, final long leadershipTermId, final int leaderMemberId, final String ingressEndpoints)
        {
            MasterConnection.this.leaderMemberId = leaderMemberId;
            newLeaderCount++;
            ctx.newLeaderHandler().onNewLeader(leaderMemberId, leadershipTermId);
        }
    }

    /**
     * Told when the session follows a new leader.
     */
    @FunctionalInterface
    public interface NewLeaderHandler
    {
        /**
         * @param leaderMemberId   the new leader.
         * @param leadershipTermId its term.
         */
        void onNewLeader(int leaderMemberId, long leadershipTermId);
    }

    /**
     * Configuration of a {@link MasterConnection}; {@link #conclude()} validates and is called once by
     * {@link MasterConnection#connect(Context)}.
     */
    public static final class Context
    {
        /** Egress comes back to an ephemeral port of this host. */
        public static final String DEFAULT_EGRESS_CHANNEL = "aeron:udp?endpoint=localhost:0|term-length=64k";
        /** Default number of attempts of an offer that meets back pressure. */
        public static final int DEFAULT_MAX_OFFER_ATTEMPTS = 10;

        private boolean isConcluded;
        private String members;
        private ClusterMembers clusterMembers;
        private String ingressChannel = INGRESS_CHANNEL;
        private String egressChannel = DEFAULT_EGRESS_CHANNEL;
        private String aeronDirectoryName;
        private long messageTimeoutNs = TimeUnit.SECONDS.toNanos(5);
        private long newLeaderTimeoutNs = TimeUnit.SECONDS.toNanos(10);
        private int maxOfferAttempts = DEFAULT_MAX_OFFER_ATTEMPTS;
        private EgressHandler egressHandler;
        private NewLeaderHandler newLeaderHandler;
        private Supplier<IdleStrategy> idleStrategySupplier;
        private IdleStrategy idleStrategy;
        private ErrorHandler errorHandler;

        /**
         * Validate and fill in defaults.
         *
         * @return this for a fluent API.
         * @throws IllegalStateException    if called twice.
         * @throws IllegalArgumentException naming the bad setting.
         */
        public Context conclude()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("MasterConnection.Context already concluded");
            }
            isConcluded = true;

            clusterMembers = ClusterMembers.parse(members);
            if (null == egressHandler)
            {
                throw new IllegalArgumentException("an egress handler is required");
            }
            if (messageTimeoutNs <= 0 || newLeaderTimeoutNs <= 0)
            {
                throw new IllegalArgumentException("timeouts must be positive: message " + messageTimeoutNs +
                    " ns, new leader " + newLeaderTimeoutNs + " ns");
            }
            if (maxOfferAttempts < 1)
            {
                throw new IllegalArgumentException("max offer attempts must be at least 1: " + maxOfferAttempts);
            }
            if (null == newLeaderHandler)
            {
                newLeaderHandler = (leaderMemberId, leadershipTermId) -> {};
            }
            if (null == idleStrategySupplier)
            {
                idleStrategySupplier = () -> new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
            }
            idleStrategy = idleStrategySupplier.get();
            if (null == errorHandler)
            {
                errorHandler = (throwable) -> System.err.println("allot client: " + throwable);
            }

            return this;
        }

        /**
         * @param members the cluster's members as {@code id=host:port,...} with base ports; null for the embedded
         *                single member. Ingress goes to each member's base port + 1.
         * @return this for a fluent API.
         */
        public Context members(final String members)
        {
            this.members = members;
            return this;
        }

        /**
         * @return the members list as given.
         */
        public String members()
        {
            return members;
        }

        /**
         * @return the parsed members, after {@link #conclude()}.
         */
        public ClusterMembers clusterMembers()
        {
            return clusterMembers;
        }

        /**
         * @param channel ingress channel without an endpoint (the members' ingress endpoints are added).
         * @return this for a fluent API.
         */
        public Context ingressChannel(final String channel)
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
         * @param channel where the cluster sends egress: an endpoint of this host the members can reach
         *                ({@value #DEFAULT_EGRESS_CHANNEL} when every member runs on this host).
         * @return this for a fluent API.
         */
        public Context egressChannel(final String channel)
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
         * @param name directory of a running media driver to use instead of launching an embedded one; never a
         *             member's.
         * @return this for a fluent API.
         */
        public Context aeronDirectoryName(final String name)
        {
            this.aeronDirectoryName = name;
            return this;
        }

        /**
         * @return the external driver's directory, or null for an embedded driver.
         */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * @param timeoutNs how long connecting waits for the cluster's answer.
         * @return this for a fluent API.
         */
        public Context messageTimeoutNs(final long timeoutNs)
        {
            this.messageTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * @return how long connecting waits for the cluster's answer.
         */
        public long messageTimeoutNs()
        {
            return messageTimeoutNs;
        }

        /**
         * @param timeoutNs how long the session waits for a new leader before it closes.
         * @return this for a fluent API.
         */
        public Context newLeaderTimeoutNs(final long timeoutNs)
        {
            this.newLeaderTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * @return how long the session waits for a new leader.
         */
        public long newLeaderTimeoutNs()
        {
            return newLeaderTimeoutNs;
        }

        /**
         * @param attempts attempts of an offer that meets back pressure or an admin action.
         * @return this for a fluent API.
         */
        public Context maxOfferAttempts(final int attempts)
        {
            this.maxOfferAttempts = attempts;
            return this;
        }

        /**
         * @return attempts of an offer that meets back pressure.
         */
        public int maxOfferAttempts()
        {
            return maxOfferAttempts;
        }

        /**
         * @param handler receives every egress message, on the thread that polls.
         * @return this for a fluent API.
         */
        public Context egressHandler(final EgressHandler handler)
        {
            this.egressHandler = handler;
            return this;
        }

        /**
         * @return receiver of egress messages.
         */
        public EgressHandler egressHandler()
        {
            return egressHandler;
        }

        /**
         * @param handler told when the session follows a new leader; optional.
         * @return this for a fluent API.
         */
        public Context newLeaderHandler(final NewLeaderHandler handler)
        {
            this.newLeaderHandler = handler;
            return this;
        }

        /**
         * @return told when the session follows a new leader.
         */
        public NewLeaderHandler newLeaderHandler()
        {
            return newLeaderHandler;
        }

        /**
         * @param supplier idle strategies for the embedded driver, the session and offer retries.
         * @return this for a fluent API.
         */
        public Context idleStrategySupplier(final Supplier<IdleStrategy> supplier)
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

        IdleStrategy idleStrategy()
        {
            return idleStrategy;
        }

        /**
         * @param errorHandler receives errors of the session and the embedded driver.
         * @return this for a fluent API.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * @return receiver of errors.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }
    }
}
