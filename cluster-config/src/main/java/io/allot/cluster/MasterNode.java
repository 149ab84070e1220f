/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

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
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One member of the replicated master: a {@link ClusteredMediaDriver} (media driver, archive and consensus module)
 * and a {@link ClusteredServiceContainer} running a {@link MasterService}. Everything lives under the member's
 * {@link MasterNodeContext#dir(File)}: {@code aeron/} (the driver's files, removed on close), {@code archive/} (the recorded
 * log) and {@code cluster/} (the recording log and snapshots index). Unless {@link MasterNodeContext#cleanStart(boolean)} is
 * set, a member launched on an existing directory recovers its state from the latest snapshot and the log after it.
 * <pre>
 * try (MasterNode node = MasterNode.launch(new MasterNodeContext().memberId(0).members("0=localhost:9000")
 *     .dir(new File("/var/lib/allot/master-0"))))
 * {
 *     ...
 * }
 * </pre>
 */
public final class MasterNode implements AutoCloseable
{
    /** The periodic snapshot thread checks its deadline at least this often. */
    static final long PERIODIC_SNAPSHOTS_MAX_SLEEP_MS = 100;

    private final MasterNodeContext ctx;
    private final MasterService masterService;
    private final LeadershipTracker tracker;
    private final AtomicLong errorCount = new AtomicLong();
    private final AtomicLong warningCount = new AtomicLong();
    private volatile boolean isTerminated;
    private ClusteredMediaDriver clusteredMediaDriver;
    private ClusteredServiceContainer container;
    private PeriodicSnapshots periodicSnapshots;
    private AgentRunner periodicSnapshotsRunner;
    private volatile boolean isClosed;

    private MasterNode(final MasterNodeContext ctx)
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
    public static MasterNode launch(final MasterNodeContext ctx)
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
        if (ctx.snapshotIntervalNs() > 0)
        {
            startPeriodicSnapshots(errorHandler);
        }
    }

    private void startPeriodicSnapshots(final ErrorHandler errorHandler)
    {
        final ConsensusModule.Context cmCtx = consensusModuleContext();
        periodicSnapshots = new PeriodicSnapshots(
            ctx.snapshotIntervalNs(),
            SystemNanoClock.INSTANCE,
            () -> Cluster.Role.LEADER == role(),
            () -> ClusterControl.findControlToggle(cmCtx.aeron().countersReader(), ctx.clusterId()),
            ctx.memberId());
        final long intervalMs = TimeUnit.NANOSECONDS.toMillis(ctx.snapshotIntervalNs());
        final long sleepMs = Math.max(1, Math.min(PERIODIC_SNAPSHOTS_MAX_SLEEP_MS, intervalMs / 10));
        periodicSnapshotsRunner = new AgentRunner(new SleepingMillisIdleStrategy(sleepMs), errorHandler, null, periodicSnapshots);
        AgentRunner.startOnThread(periodicSnapshotsRunner);
    }

    /**
     * @return the member's concluded configuration.
     */
    public MasterNodeContext context()
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
     * @return snapshots this member asked for on its {@link MasterNodeContext#snapshotIntervalNs(long)}, as leader.
     */
    public long periodicSnapshotRequests()
    {
        return null == periodicSnapshots ? 0 : periodicSnapshots.requests();
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
            CloseHelper.closeAll(periodicSnapshotsRunner, container, clusteredMediaDriver);
        }
    }

    private ConsensusModule.Context consensusModuleContext()
    {
        return clusteredMediaDriver.consensusModule().context();
    }
}
