/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.client.ClusterMembers;
import io.allot.engine.EngineContext;
import org.agrona.ErrorHandler;
import org.agrona.SystemUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Configuration of a {@link MasterNode}. Setters are fluent; {@link #conclude()} validates and is called once by
 * {@link MasterNode#launch(MasterNodeContext)}.
 */
public final class MasterNodeContext
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
    private long snapshotIntervalNs = 0;
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
    public MasterNodeContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("MasterNodeContext already concluded");
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
        if (snapshotIntervalNs < 0)
        {
            throw new IllegalArgumentException("the snapshot interval must be 0 (off) or positive: " + snapshotIntervalNs + " ns");
        }
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
    public MasterNodeContext memberId(final int memberId)
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
    public MasterNodeContext clusterId(final int clusterId)
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
    public MasterNodeContext members(final String members)
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
    public MasterNodeContext dir(final File dir)
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
    public MasterNodeContext cleanStart(final boolean cleanStart)
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
    public MasterNodeContext leaderHeartbeatTimeoutNs(final long timeoutNs)
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
    public MasterNodeContext leaderHeartbeatIntervalNs(final long intervalNs)
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
    public MasterNodeContext electionTimeoutNs(final long timeoutNs)
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
    public MasterNodeContext startupCanvassTimeoutNs(final long timeoutNs)
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
    public MasterNodeContext sessionTimeoutNs(final long timeoutNs)
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
     * @param intervalNs how often the member asks the cluster for a snapshot while it is the leader; 0 (the default)
     *                   for never: snapshots are then taken only on request ({@code allot snapshot}).
     * @return this for a fluent API.
     */
    public MasterNodeContext snapshotIntervalNs(final long intervalNs)
    {
        this.snapshotIntervalNs = intervalNs;
        return this;
    }

    /**
     * @return how often the leader asks for a snapshot; 0 for never.
     */
    public long snapshotIntervalNs()
    {
        return snapshotIntervalNs;
    }

    /**
     * @param engineContext the engine's configuration: every member must be given an equal one, and each member
     *                      its own instance.
     * @return this for a fluent API.
     */
    public MasterNodeContext engineContext(final EngineContext engineContext)
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
    public MasterNodeContext idleStrategySupplier(final Supplier<IdleStrategy> supplier)
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
    public MasterNodeContext errorHandler(final ErrorHandler errorHandler)
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
