/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.engine.EngineContext;
import io.allot.master.MasterService;
import io.aeron.CommonContext;
import io.aeron.Counter;
import io.aeron.archive.Archive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.exceptions.AeronException;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.SystemUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One member of the replicated master: a {@link ClusteredMediaDriver} (media driver, archive and consensus module)
 * and a {@link ClusteredServiceContainer} running a {@link MasterService}. Everything lives under the member's
 * {@link Context#dir(File)}: {@code aeron/} (the driver's files, removed on close), {@code archive/} (the recorded
 * log) and {@code cluster/} (the recording log and snapshots index). Unless {@link Context#cleanStart(boolean)} is
 * set, a member launched on an existing directory recovers its state from the latest snapshot and the log after it.
 * <pre>
 * try (MasterNode node = MasterNode.launch(new MasterNode.Context().memberId(0).members("0=localhost:9000")
 *     .dir(new File("/var/lib/allot/master-0"))))
 * {
 *     ...
 * }
 * </pre>
 */
public final class MasterNode implements AutoCloseable
{
    private final Context ctx;
    private final MasterService masterService;
    private final LeadershipTracker tracker;
    private final AtomicLong errorCount = new AtomicLong();
    private final AtomicLong warningCount = new AtomicLong();
    private volatile boolean isTerminated;
    private ClusteredMediaDriver clusteredMediaDriver;
    private ClusteredServiceContainer container;
    private volatile boolean isClosed;

    private MasterNode(final Context ctx)
    {
        this.ctx = ctx;
        masterService = new MasterService(ctx.engineContext());
        tracker = new LeadershipTracker(masterService);
    }

    /**
     * Launch a member: concludes the context, starts the driver, archive, consensus module and service container, and
     * returns at once; the member takes part in elections from then on.
     *
     * @param ctx the member's configuration.
     * @return the running member, to close when done.
     */
    public static MasterNode launch(final Context ctx)
    {
        ctx.conclude();
        final MasterNode node = new MasterNode(ctx);
        try
        {
            node.start();
        }
        catch (final RuntimeException ex)
        {
            node.close();
            throw ex;
        }

        return node;
    }

    /**
     * @param throwable reported by a member's component.
     * @return true for Aeron's warnings, such as the {@code ClusterEvent} of a leader heartbeat timeout.
     */
    public static boolean isWarning(final Throwable throwable)
    {
        return throwable instanceof AeronException && AeronException.Category.WARN == ((AeronException)throwable).category();
    }

    private void start()
    {
        if (CommonContext.isDriverActive(MemberContexts.aeronDir(ctx), CommonContext.DEFAULT_DRIVER_TIMEOUT_MS, (message) -> {}))
        {
            throw new DirectoryInUseException("the member directory " + ctx.dir() + " is in use: its media driver is active " +
                "(another member runs on it, or one stopped less than " + CommonContext.DEFAULT_DRIVER_TIMEOUT_MS / 1000 +
                " s ago without closing)");
        }

        final ErrorHandler errorHandler = (throwable) ->
        {
            if (isWarning(throwable))
            {
                warningCount.incrementAndGet();
            }
            else
            {
                errorCount.incrementAndGet();
            }
            ctx.errorHandler().onError(throwable);
        };
        final Runnable terminationHook = () -> isTerminated = true;
        final Archive.Context archiveCtx = MemberContexts.archive(ctx, errorHandler);
        clusteredMediaDriver = ClusteredMediaDriver.launch(
            MemberContexts.driver(ctx, errorHandler),
            archiveCtx,
            MemberContexts.consensusModule(ctx, archiveCtx, errorHandler, terminationHook));
        container = ClusteredServiceContainer.launch(
            MemberContexts.container(ctx, archiveCtx, tracker, errorHandler, terminationHook));
    }

    /**
     * @return the member's concluded configuration.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * @return this member's id.
     */
    public int memberId()
    {
        return ctx.memberId();
    }

    /**
     * @return the member's role as its consensus module reports it, or null once the member is closed.
     */
    public Cluster.Role role()
    {
        final Counter counter = isClosed ? null : consensusModuleContext().clusterNodeRoleCounter();
        if (null == counter || counter.isClosed())
        {
            return null;
        }

        return Cluster.Role.get(counter);
    }

    /**
     * @return the current leadership term, or -1 before the first election or once closed.
     */
    public long leadershipTermId()
    {
        final Counter counter = isClosed ? null : consensusModuleContext().leadershipTermIdCounter();
        if (null == counter || counter.isClosed())
        {
            return -1;
        }

        return counter.get();
    }

    /**
     * @return the id of the leader of the current term, or -1 while it is not known (an election is under way, or
     *         this member has not yet applied the new term).
     */
    public int leaderMemberId()
    {
        final Cluster.Role role = role();
        if (Cluster.Role.LEADER == role)
        {
            return ctx.memberId();
        }
        if (Cluster.Role.FOLLOWER == role && tracker.leadershipTermId() == leadershipTermId())
        {
            return tracker.leaderMemberId();
        }

        return -1;
    }

    /**
     * @return the number of snapshots the cluster has taken, as this member counts them.
     */
    public long snapshotCount()
    {
        final Counter counter = isClosed ? null : consensusModuleContext().snapshotCounter();
        return null == counter || counter.isClosed() ? 0 : counter.get();
    }

    /**
     * Ask the cluster for a snapshot and wait until this member has taken it. Only the leader acts on the request;
     * every member takes the snapshot at the same log position.
     *
     * @param timeout  how long to wait.
     * @param timeUnit unit of the timeout.
     * @return the snapshot count after the snapshot.
     * @throws IllegalStateException when this member is not the leader, or when no snapshot was taken in time.
     */
    public long takeSnapshot(final long timeout, final TimeUnit timeUnit)
    {
        if (Cluster.Role.LEADER != role())
        {
            throw new IllegalStateException("member " + ctx.memberId() + " is not the leader: ask the leader for a snapshot");
        }

        final ConsensusModule.Context cmCtx = consensusModuleContext();
        final AtomicCounter toggle = ClusterControl.findControlToggle(cmCtx.aeron().countersReader(), ctx.clusterId());
        if (null == toggle)
        {
            throw new IllegalStateException("the consensus module's control toggle was not found");
        }

        final long before = snapshotCount();
        final long deadlineNs = System.nanoTime() + timeUnit.toNanos(timeout);
        final IdleStrategy idle = ctx.idleStrategySupplier().get();
        boolean isToggled = false;
        while (snapshotCount() <= before)
        {
            if (!isToggled)
            {
                isToggled = ClusterControl.ToggleState.SNAPSHOT.toggle(toggle);
            }
            if (System.nanoTime() > deadlineNs || isClosed)
            {
                throw new IllegalStateException("no snapshot within " + timeout + " " + timeUnit.name().toLowerCase() +
                    (isToggled ? "" : " (the control toggle stayed busy)"));
            }
            idle.idle();
        }

        return snapshotCount();
    }

    /**
     * @return the master service of this member: read its accessors from any thread.
     */
    public MasterService masterService()
    {
        return masterService;
    }

    /**
     * @return errors reported by the member's driver, archive, consensus module or service container, warnings aside.
     */
    public long errorCount()
    {
        return errorCount.get();
    }

    /**
     * @return warnings reported by the member's components, such as Aeron's {@code ClusterEvent} for a leader
     *         heartbeat timeout; expected around a failover.
     */
    public long warningCount()
    {
        return warningCount.get();
    }

    /**
     * @return true once the consensus module or the service container terminated (a cluster shutdown, or a fatal
     *         error); the member must then be closed.
     */
    public boolean isTerminated()
    {
        return isTerminated;
    }

    /**
     * Stop the member: the service container, then the consensus module, archive and driver. The archive and cluster
     * directories stay for a restart; the driver's directory is removed.
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            CloseHelper.closeAll(container, clusteredMediaDriver);
        }
    }

    private ConsensusModule.Context consensusModuleContext()
    {
        return clusteredMediaDriver.consensusModule().context();
    }

    /**
     * Configuration of a {@link MasterNode}. Setters are fluent; {@link #conclude()} validates and is called once by
     * {@link MasterNode#launch(Context)}.
     */
    public static final class Context
    {
        /** Time without a leader heartbeat after which followers start an election. */
        public static final long DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
        /** Interval of the leader's heartbeats. */
        public static final long DEFAULT_LEADER_HEARTBEAT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
        /** Time an election phase waits for votes. */
        public static final long DEFAULT_ELECTION_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);
        /** Time after which a silent client session is closed (its framework or agents are disconnected). */
        public static final long DEFAULT_SESSION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
        /** Time the consensus module waits for the service and followers on a cluster shutdown. */
        public static final long DEFAULT_TERMINATION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

        private boolean isConcluded;
        private int memberId = 0;
        private int clusterId = 0;
        private String members;
        private ClusterMembers clusterMembers;
        private File dir;
        private boolean cleanStart = false;
        private long leaderHeartbeatTimeoutNs = DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS;
        private long leaderHeartbeatIntervalNs = DEFAULT_LEADER_HEARTBEAT_INTERVAL_NS;
        private long electionTimeoutNs = DEFAULT_ELECTION_TIMEOUT_NS;
        private long startupCanvassTimeoutNs = 0;
        private long sessionTimeoutNs = DEFAULT_SESSION_TIMEOUT_NS;
        private EngineContext engineContext;
        private Supplier<IdleStrategy> idleStrategySupplier;
        private ErrorHandler errorHandler;

        /**
         * Validate and fill in defaults: the members list ({@link ClusterMembers#DEFAULT_MEMBERS} when none), the
         * directory ({@code <tmp>/allot-master-<clusterId>-<memberId>}, created when missing), the startup canvass
         * timeout (twice the heartbeat timeout), the engine's context, a parking idle strategy, and an error handler
         * that prints to {@code System.err}.
         *
         * @return this for a fluent API.
         * @throws IllegalStateException    if called twice.
         * @throws IllegalArgumentException naming the bad setting.
         */
        public Context conclude()
        {
            if (isConcluded)
            {
                throw new IllegalStateException("MasterNode.Context already concluded");
            }
            isConcluded = true;

            clusterMembers = ClusterMembers.parse(members);
            members = clusterMembers.toString();
            if (null == clusterMembers.member(memberId))
            {
                throw new IllegalArgumentException(
                    "member id " + memberId + " is not in the members list (ids " + clusterMembers.ids() + ")");
            }
            if (clusterId < 0)
            {
                throw new IllegalArgumentException("cluster id must be 0 or more: " + clusterId);
            }
            requirePositive("leader heartbeat timeout", leaderHeartbeatTimeoutNs);
            requirePositive("leader heartbeat interval", leaderHeartbeatIntervalNs);
            requirePositive("election timeout", electionTimeoutNs);
            requirePositive("session timeout", sessionTimeoutNs);
            if (leaderHeartbeatIntervalNs >= leaderHeartbeatTimeoutNs)
            {
                throw new IllegalArgumentException("the leader heartbeat interval (" + leaderHeartbeatIntervalNs +
                    " ns) must be shorter than the heartbeat timeout (" + leaderHeartbeatTimeoutNs + " ns)");
            }
            if (0 == startupCanvassTimeoutNs)
            {
                startupCanvassTimeoutNs = 2 * leaderHeartbeatTimeoutNs;
            }
            else if (startupCanvassTimeoutNs / leaderHeartbeatTimeoutNs < 2)
            {
                throw new IllegalArgumentException("the startup canvass timeout (" + startupCanvassTimeoutNs +
                    " ns) must be at least twice the leader heartbeat timeout (" + leaderHeartbeatTimeoutNs + " ns)");
            }

            concludeDir();
            if (null == engineContext)
            {
                engineContext = new EngineContext();
            }
            if (null == idleStrategySupplier)
            {
                idleStrategySupplier = () -> new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
            }
            if (null == errorHandler)
            {
                final String prefix = "allot master " + memberId + ": ";
                errorHandler = (throwable) -> System.err.println(prefix + throwable);
            }

            return this;
        }

        private void concludeDir()
        {
            if (null == dir)
            {
                dir = new File(SystemUtil.tmpDirName(), "allot-master-" + clusterId + "-" + memberId);
            }
            try
            {
                Files.createDirectories(dir.toPath());
            }
            catch (final IOException | RuntimeException ex)
            {
                throw new IllegalArgumentException("cannot create the member directory " + dir + ": " + ex.getMessage());
            }
            if (!Files.isWritable(dir.toPath()))
            {
                throw new IllegalArgumentException("the member directory " + dir + " is not writable");
            }
        }

        private static void requirePositive(final String name, final long value)
        {
            if (value <= 0)
            {
                throw new IllegalArgumentException(name + " must be positive: " + value + " ns");
            }
        }

        /**
         * @param memberId this member's id in the members list.
         * @return this for a fluent API.
         */
        public Context memberId(final int memberId)
        {
            this.memberId = memberId;
            return this;
        }

        /**
         * @return this member's id in the members list.
         */
        public int memberId()
        {
            return memberId;
        }

        /**
         * @param clusterId id of the cluster, when several share hosts; 0 by default.
         * @return this for a fluent API.
         */
        public Context clusterId(final int clusterId)
        {
            this.clusterId = clusterId;
            return this;
        }

        /**
         * @return id of the cluster.
         */
        public int clusterId()
        {
            return clusterId;
        }

        /**
         * @param members {@code id=host:port,...} with each member's base port (see {@link ClusterMembers}); null
         *                for the embedded single member.
         * @return this for a fluent API.
         */
        public Context members(final String members)
        {
            this.members = members;
            return this;
        }

        /**
         * @return the members list as given, or in canonical form after {@link #conclude()}.
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
         * @return this member's entry, after {@link #conclude()}.
         */
        public ClusterMembers.Member self()
        {
            return clusterMembers.member(memberId);
        }

        /**
         * @param dir the member's directory: its Aeron, archive and cluster directories go under it.
         * @return this for a fluent API.
         */
        public Context dir(final File dir)
        {
            this.dir = dir;
            return this;
        }

        /**
         * @return the member's directory.
         */
        public File dir()
        {
            return dir;
        }

        /**
         * @param cleanStart true to delete the archive and cluster directories on launch (a new, empty master);
         *                   false (the default) to recover from the latest snapshot and the log.
         * @return this for a fluent API.
         */
        public Context cleanStart(final boolean cleanStart)
        {
            this.cleanStart = cleanStart;
            return this;
        }

        /**
         * @return whether the member starts empty.
         */
        public boolean cleanStart()
        {
            return cleanStart;
        }

        /**
         * @param timeoutNs time without a leader heartbeat after which followers start an election.
         * @return this for a fluent API.
         */
        public Context leaderHeartbeatTimeoutNs(final long timeoutNs)
        {
            this.leaderHeartbeatTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * @return time without a leader heartbeat after which followers start an election.
         */
        public long leaderHeartbeatTimeoutNs()
        {
            return leaderHeartbeatTimeoutNs;
        }

        /**
         * @param intervalNs interval of the leader's heartbeats (and of election status messages).
         * @return this for a fluent API.
         */
        public Context leaderHeartbeatIntervalNs(final long intervalNs)
        {
            this.leaderHeartbeatIntervalNs = intervalNs;
            return this;
        }

        /**
         * @return interval of the leader's heartbeats.
         */
        public long leaderHeartbeatIntervalNs()
        {
            return leaderHeartbeatIntervalNs;
        }

        /**
         * @param timeoutNs time an election phase waits for votes.
         * @return this for a fluent API.
         */
        public Context electionTimeoutNs(final long timeoutNs)
        {
            this.electionTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * @return time an election phase waits for votes.
         */
        public long electionTimeoutNs()
        {
            return electionTimeoutNs;
        }

        /**
         * @param timeoutNs time a starting member canvasses the others before an election; 0 (the default) for
         *                  twice the leader heartbeat timeout, the least Aeron accepts.
         * @return this for a fluent API.
         */
        public Context startupCanvassTimeoutNs(final long timeoutNs)
        {
            this.startupCanvassTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * @return time a starting member canvasses the others.
         */
        public long startupCanvassTimeoutNs()
        {
            return startupCanvassTimeoutNs;
        }

        /**
         * @param timeoutNs time after which a silent client session is closed.
         * @return this for a fluent API.
         */
        public Context sessionTimeoutNs(final long timeoutNs)
        {
            this.sessionTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * @return time after which a silent client session is closed.
         */
        public long sessionTimeoutNs()
        {
            return sessionTimeoutNs;
        }

        /**
         * @param engineContext the engine's configuration: every member must be given an equal one, and each member
         *                      its own instance.
         * @return this for a fluent API.
         */
        public Context engineContext(final EngineContext engineContext)
        {
            this.engineContext = engineContext;
            return this;
        }

        /**
         * @return the engine's configuration.
         */
        public EngineContext engineContext()
        {
            return engineContext;
        }

        /**
         * @param supplier idle strategies for the driver, archive, consensus module and container.
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

        /**
         * @param errorHandler receives the errors of every component of the member, on their threads.
         * @return this for a fluent API.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * @return receiver of the member's errors.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }
    }
}
