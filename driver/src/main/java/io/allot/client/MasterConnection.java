/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.client;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A client session of the master cluster, for the driver, agents, operators and tools: an {@link AeronCluster} on its
 * own embedded media driver (never a member's: it would die with the member), whose egress messages are handed to an
 * {@link EgressHandler}. Not thread safe: one thread offers and polls.
 * <p>
 * Failover is automatic as long as {@link #poll()} is called: when the leader changes, the cluster tells the session
 * and ingress is re-targeted ({@link NewLeaderHandler}). Messages offered while no leader is known fail ({@link #offer}
 * returns false) and are for the caller to send again, so requests should carry ids and be idempotent. If no new leader
 * appears within {@link Context#newLeaderTimeoutNs(long)}, or the cluster closes the session (a session timeout, a
 * cluster restarted from its files), the session closes. {@link #poll()} also keeps the session alive: the cluster
 * closes a session that sends nothing for its session timeout, so a keep-alive goes every
 * {@link Context#keepAliveIntervalNs(long)}.
 * <p>
 * With {@link Context#reconnect(boolean)} the connection then opens a new session by itself, without blocking: each
 * {@link #poll()} moves an {@link AeronCluster#asyncConnect} along, and failed attempts are retried with an exponential
 * backoff. A new session is a new client to the master, so the user re-establishes what it had (a framework subscribes
 * again with its id); the {@link ConnectionHandler} says when. {@link #connectAsync(Context)} opens even the first
 * session that way.
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

    private static final ConnectionHandler NO_CONNECTION_HANDLER = new ConnectionHandler()
    {
        public void onConnected(final long clusterSessionId, final int leaderMemberId, final boolean isReconnect)
        {
        }

        public void onDisconnected()
        {
        }
    };

    private final Context ctx;
    private final Listener listener = new Listener();
    private final SessionConnector connector;
    private AeronCluster aeronCluster;
    private boolean isConnectedOnce;
    private boolean isClosedByUser;
    private int leaderMemberId = -1;
    private long newLeaderCount;
    private long offerFailures;
    private long connectCount;
    private long lastKeepAliveNs;

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

    /**
     * Told when a session opens and when it closes, on the thread that polls.
     */
    public interface ConnectionHandler
    {
        /**
         * A session is open: the first one, or a new one after the last closed.
         *
         * @param clusterSessionId the master's name for the new session.
         * @param leaderMemberId   the leader it is connected to.
         * @param isReconnect      false for the first session of this connection, true for any later one.
         */
        void onConnected(long clusterSessionId, int leaderMemberId, boolean isReconnect);

        /**
         * The session closed (no new leader in time, or closed by the cluster). With reconnection on, a new session
         * is being opened; everything offered until {@link #onConnected} is refused.
         */
        void onDisconnected();
    }

    private MasterConnection(final Context ctx)
    {
        this.ctx = ctx;
        this.connector = new SessionConnector(ctx, listener);
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
            connection.connector.open();
            connection.aeronCluster = connection.connector.connect();
            connection.onSessionOpen();
        }
        catch (final RuntimeException ex)
        {
            connection.close();
            throw ex;
        }

        return connection;
    }

    /**
     * Start connecting to the cluster without waiting: launches the embedded driver (unless
     * {@link Context#aeronDirectoryName(String)} names one) and begins opening a session, which {@link #poll()} then
     * completes. The {@link ConnectionHandler} is told when the session is open; until then {@link #offer} refuses.
     * A failed attempt is retried after a backoff when {@link Context#reconnect(boolean)} is set, else reported to the
     * error handler and the connection stays closed.
     *
     * @param ctx the connection's configuration.
     * @return the connection, connecting.
     */
    public static MasterConnection connectAsync(final Context ctx)
    {
        ctx.conclude();
        final MasterConnection connection = new MasterConnection(ctx);
        try
        {
            connection.connector.open();
            connection.connector.beginAttempt();
        }
        catch (final RuntimeException ex)
        {
            connection.close();
            throw ex;
        }

        return connection;
    }

    private void onSessionOpen()
    {
        leaderMemberId = aeronCluster.leaderMemberId();
        connectCount++;
        final boolean isReconnect = isConnectedOnce;
        isConnectedOnce = true;
        ctx.connectionHandler().onConnected(aeronCluster.clusterSessionId(), leaderMemberId, isReconnect);
    }

    /**
     * Offer one message to the cluster, retrying back pressure and admin actions up to
     * {@link Context#maxOfferAttempts(int)} times.
     *
     * @param buffer holding the message.
     * @param offset where it begins.
     * @param length its length.
     * @return true when the message was sent; false when it could not go (no session or no leader now, back pressure
     *         beyond the retries, or closed): send it again later, after polling.
     */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null == aeronCluster || aeronCluster.isClosed())
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
     * Poll the egress: delivers messages to the handler and moves a failover along; when connecting, moves the
     * connection attempt along; when the session closed and reconnection is on, starts a new attempt once the backoff
     * passed.
     *
     * @return the work done, 0 when there was nothing.
     */
    public int poll()
    {
        if (isClosedByUser)
        {
            return 0;
        }
        if (null != aeronCluster && !aeronCluster.isClosed())
        {
            int work = aeronCluster.pollEgress();
            if (!aeronCluster.isClosed())
            {
                final long nowNs = System.nanoTime();
                if (nowNs - lastKeepAliveNs >= ctx.keepAliveIntervalNs())
                {
                    // not retried before the next interval when it fails: no leader now, or back pressure
                    lastKeepAliveNs = nowNs;
                    work += aeronCluster.sendKeepAlive() ? 1 : 0;
                }
                return work;
            }
            connector.onSessionClosed();
            ctx.connectionHandler().onDisconnected();
            return work + 1;
        }

        final int work = connector.poll();
        final AeronCluster session = connector.takeConnected();
        if (null != session)
        {
            aeronCluster = session;
            onSessionOpen();
        }

        return work;
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
     * @return sessions opened, the first included.
     */
    public long connectCount()
    {
        return connectCount;
    }

    /**
     * @return connection attempts that failed (timed out or refused).
     */
    public long connectFailures()
    {
        return connector.connectFailures();
    }

    /**
     * @return why the last connection attempt failed, or null.
     */
    public Throwable lastConnectError()
    {
        return connector.lastError();
    }

    /**
     * @return the cluster session id, the master's name for this connection; {@link Aeron#NULL_VALUE} before the first
     *         session opened.
     */
    public long clusterSessionId()
    {
        return null == aeronCluster ? Aeron.NULL_VALUE : aeronCluster.clusterSessionId();
    }

    /**
     * @return true when a session is open (it may be waiting for a new leader).
     */
    public boolean isConnected()
    {
        return null != aeronCluster && !aeronCluster.isClosed() && !isClosedByUser;
    }

    /**
     * @return true when no session is open: closed by {@link #close()} or because no new leader came in time, and
     *         before the first session of {@link #connectAsync(Context)} opened or while a new one is being opened.
     */
    public boolean isClosed()
    {
        return !isConnected();
    }

    /**
     * Close the session and the embedded driver.
     */
    public void close()
    {
        isClosedByUser = true;
        CloseHelper.closeAll(aeronCluster, connector);
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
     * {@link MasterConnection#connect(Context)} or {@link MasterConnection#connectAsync(Context)}.
     */
    public static final class Context
    {
        /** Egress comes back to an ephemeral port of this host. */
        public static final String DEFAULT_EGRESS_CHANNEL = "aeron:udp?endpoint=localhost:0|term-length=64k";
        /** Default number of attempts of an offer that meets back pressure. */
        public static final int DEFAULT_MAX_OFFER_ATTEMPTS = 10;
        /** Default wait before the first reconnection attempt after a failed one: 100 ms. */
        public static final long DEFAULT_RECONNECT_BACKOFF_NS = TimeUnit.MILLISECONDS.toNanos(100);
        /** Default interval of the session's keep-alives: 1 s (a member closes a silent session after 5 s). */
        public static final long DEFAULT_KEEP_ALIVE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
        /** Default longest wait between reconnection attempts: 2 s. */
        public static final long DEFAULT_MAX_RECONNECT_BACKOFF_NS = TimeUnit.SECONDS.toNanos(2);

        private boolean isConcluded;
        private String members;
        private ClusterMembers clusterMembers;
        private String ingressChannel = INGRESS_CHANNEL;
        private String egressChannel = DEFAULT_EGRESS_CHANNEL;
        private String aeronDirectoryName;
        private long messageTimeoutNs = TimeUnit.SECONDS.toNanos(5);
        private long newLeaderTimeoutNs = TimeUnit.SECONDS.toNanos(10);
        private int maxOfferAttempts = DEFAULT_MAX_OFFER_ATTEMPTS;
        private boolean reconnect;
        private long reconnectBackoffNs = DEFAULT_RECONNECT_BACKOFF_NS;
        private long maxReconnectBackoffNs = DEFAULT_MAX_RECONNECT_BACKOFF_NS;
        private ConnectionHandler connectionHandler;
        private long keepAliveIntervalNs = DEFAULT_KEEP_ALIVE_INTERVAL_NS;
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

            clusterMembers = ClusterMembers.parseEndpoints(members);
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
            if (keepAliveIntervalNs <= 0)
            {
                throw new IllegalArgumentException("keep-alive interval must be positive: " + keepAliveIntervalNs + " ns");
            }
            if (reconnectBackoffNs <= 0 || maxReconnectBackoffNs < reconnectBackoffNs)
            {
                throw new IllegalArgumentException("reconnect backoff must be positive and at most its maximum: " +
                    reconnectBackoffNs + " ns, max " + maxReconnectBackoffNs + " ns");
            }
            if (null == newLeaderHandler)
            {
                newLeaderHandler = (leaderMemberId, leadershipTermId) -> {};
            }
            if (null == connectionHandler)
            {
                connectionHandler = NO_CONNECTION_HANDLER;
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
         * @param members the cluster's members as {@code id=host:port,...} with base ports, or the {@code host:port}
         *                of one member (reached as member 0; a follower redirects to the leader); null for the
         *                embedded single member. Ingress goes to each member's base port + 1.
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
         * @param reconnect open a new session by itself, without blocking, when the session closes (and retry a failed
         *                  {@link MasterConnection#connectAsync} attempt); off by default, as a new session is a new
         *                  client to the master.
         * @return this for a fluent API.
         */
        public Context reconnect(final boolean reconnect)
        {
            this.reconnect = reconnect;
            return this;
        }

        /**
         * @return whether the connection opens a new session by itself.
         */
        public boolean reconnect()
        {
            return reconnect;
        }

        /**
         * @param backoffNs wait after a failed attempt before the next; doubled after each failure up to
         *                  {@link #maxReconnectBackoffNs(long)}. The first attempt after a session closed is immediate.
         * @return this for a fluent API.
         */
        public Context reconnectBackoffNs(final long backoffNs)
        {
            this.reconnectBackoffNs = backoffNs;
            return this;
        }

        /**
         * @return wait after a failed attempt before the next.
         */
        public long reconnectBackoffNs()
        {
            return reconnectBackoffNs;
        }

        /**
         * @param backoffNs longest wait between attempts.
         * @return this for a fluent API.
         */
        public Context maxReconnectBackoffNs(final long backoffNs)
        {
            this.maxReconnectBackoffNs = backoffNs;
            return this;
        }

        /**
         * @return longest wait between attempts.
         */
        public long maxReconnectBackoffNs()
        {
            return maxReconnectBackoffNs;
        }

        /**
         * @param intervalNs how often {@link MasterConnection#poll()} sends a keep-alive; below the members' session
         *                   timeout.
         * @return this for a fluent API.
         */
        public Context keepAliveIntervalNs(final long intervalNs)
        {
            this.keepAliveIntervalNs = intervalNs;
            return this;
        }

        /**
         * @return how often a keep-alive is sent.
         */
        public long keepAliveIntervalNs()
        {
            return keepAliveIntervalNs;
        }

        /**
         * @param handler told when a session opens and closes; optional.
         * @return this for a fluent API.
         */
        public Context connectionHandler(final ConnectionHandler handler)
        {
            this.connectionHandler = handler;
            return this;
        }

        /**
         * @return told when a session opens and closes.
         */
        public ConnectionHandler connectionHandler()
        {
            return connectionHandler;
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
