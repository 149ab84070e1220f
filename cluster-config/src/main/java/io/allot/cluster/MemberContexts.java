/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.client.ClusterMembers;
import io.allot.client.MasterConnection;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.ErrorHandler;

import java.io.File;

/**
 * Builds the Aeron contexts of one master member from a concluded {@link MasterNodeContext}: the media driver,
 * archive and consensus module that {@code ClusteredMediaDriver} launches, and the service container. The settings are
 * the ones verified for Aeron 1.51.0 on small machines (shared threading, short sparse terms, parking idle
 * strategies); see {@code shared/STACK.md}.
 */
final class MemberContexts
{
    static final int TERM_LENGTH = MasterConnection.TERM_LENGTH;
    static final String LOCAL_CONTROL_CHANNEL = "aeron:ipc?term-length=64k";
    static final String INGRESS_CHANNEL = MasterConnection.INGRESS_CHANNEL;
    static final String LOG_CHANNEL = "aeron:udp?term-length=256k";
    static final int SEGMENT_FILE_LENGTH = 1024 * 1024;

    /**
     * Cluster sessions open at once: every agent daemon and every framework has one (Aeron's default is 10). A
     * session costs the consensus module a small object and its egress publication; emulated agents share sessions.
     */
    static final int MAX_CONCURRENT_SESSIONS = 65_536;
    static final long CATALOG_CAPACITY = 128 * 1024;
    static final int SERVICE_ID = 0;

    private MemberContexts()
    {
    }

    static File aeronDir(final MasterNodeContext ctx)
    {
        return new File(ctx.dir(), "aeron");
    }

    static File archiveDir(final MasterNodeContext ctx)
    {
        return new File(ctx.dir(), "archive");
    }

    static File clusterDir(final MasterNodeContext ctx)
    {
        return new File(ctx.dir(), "cluster");
    }

    static MediaDriver.Context driver(final MasterNodeContext ctx, final ErrorHandler errorHandler)
    {
        return new MediaDriver.Context()
            .aeronDirectoryName(aeronDir(ctx).getAbsolutePath())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(ctx.idleStrategySupplier().get())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(TERM_LENGTH)
            .ipcTermBufferLength(TERM_LENGTH)
            .warnIfDirectoryExists(false)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(errorHandler);
    }

    static Archive.Context archive(final MasterNodeContext ctx, final ErrorHandler errorHandler)
    {
        final ClusterMembers.Member self = ctx.self();
        return new Archive.Context()
            .aeronDirectoryName(aeronDir(ctx).getAbsolutePath())
            .archiveDir(archiveDir(ctx))
            .archiveId(((long)ctx.clusterId() << 16) + ctx.memberId())
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(ctx.idleStrategySupplier())
            .controlChannel(udp(self, ClusterMembers.ARCHIVE_CONTROL_OFFSET))
            .localControlChannel(LOCAL_CONTROL_CHANNEL)
            .replicationChannel(udp(self, ClusterMembers.ARCHIVE_REPLICATION_OFFSET))
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:udp?endpoint=" + self.host() + ":0"))
            .recordingEventsEnabled(false)
            .segmentFileLength(SEGMENT_FILE_LENGTH)
            .catalogCapacity(CATALOG_CAPACITY)
            .deleteArchiveOnStart(ctx.cleanStart())
            .errorHandler(errorHandler);
    }

    /**
     * @return the client context the consensus module and the container use to reach the member's own archive.
     */
    static AeronArchive.Context archiveClient(final MasterNodeContext ctx, final Archive.Context archiveCtx)
    {
        return new AeronArchive.Context()
            .aeronDirectoryName(aeronDir(ctx).getAbsolutePath())
            .controlRequestChannel(archiveCtx.localControlChannel())
            .controlRequestStreamId(archiveCtx.localControlStreamId())
            .controlResponseChannel(LOCAL_CONTROL_CHANNEL);
    }

    static ConsensusModule.Context consensusModule(
        final MasterNodeContext ctx, final Archive.Context archiveCtx, final ErrorHandler errorHandler, final Runnable terminationHook)
    {
        return new ConsensusModule.Context()
            .aeronDirectoryName(aeronDir(ctx).getAbsolutePath())
            .clusterDir(clusterDir(ctx))
            .clusterId(ctx.clusterId())
            .clusterMemberId(ctx.memberId())
            .clusterMembers(ctx.clusterMembers().consensusModuleMembers())
            .serviceCount(1)
            .archiveContext(archiveClient(ctx, archiveCtx))
            .ingressChannel(INGRESS_CHANNEL)
            .logChannel(LOG_CHANNEL)
            .replicationChannel(udp(ctx.self(), ClusterMembers.CLUSTER_REPLICATION_OFFSET))
            .leaderHeartbeatTimeoutNs(ctx.leaderHeartbeatTimeoutNs())
            .leaderHeartbeatIntervalNs(ctx.leaderHeartbeatIntervalNs())
            .electionTimeoutNs(ctx.electionTimeoutNs())
            .electionStatusIntervalNs(ctx.leaderHeartbeatIntervalNs())
            .startupCanvassTimeoutNs(ctx.startupCanvassTimeoutNs())
            .sessionTimeoutNs(ctx.sessionTimeoutNs())
            .maxConcurrentSessions(MAX_CONCURRENT_SESSIONS)
            .terminationTimeoutNs(MasterNodeContext.DEFAULT_TERMINATION_TIMEOUT_NS)
            .idleStrategySupplier(ctx.idleStrategySupplier())
            .deleteDirOnStart(ctx.cleanStart())
            .terminationHook(terminationHook)
            .errorHandler(errorHandler);
    }

    static ClusteredServiceContainer.Context container(
        final MasterNodeContext ctx,
        final Archive.Context archiveCtx,
        final ClusteredService service,
        final ErrorHandler errorHandler,
        final Runnable terminationHook)
    {
        return new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir(ctx).getAbsolutePath())
            .clusterDir(clusterDir(ctx))
            .clusterId(ctx.clusterId())
            .serviceId(SERVICE_ID)
            .archiveContext(archiveClient(ctx, archiveCtx))
            .clusteredService(service)
            .idleStrategySupplier(ctx.idleStrategySupplier())
            .terminationHook(terminationHook)
            .errorHandler(errorHandler);
    }

    private static String udp(final ClusterMembers.Member member, final int offset)
    {
        return "aeron:udp?endpoint=" + member.endpoint(offset);
    }
}
