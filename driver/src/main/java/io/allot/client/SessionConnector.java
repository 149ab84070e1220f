/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.client;

import io.aeron.Aeron;
import io.aeron.RethrowingErrorHandler;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.SystemUtil;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.File;
import java.util.UUID;

/**
 * Opens the sessions of a {@link MasterConnection}: the embedded media driver and the Aeron client, made once, then
 * one {@link AeronCluster} per session, either blocking or through {@link AeronCluster#asyncConnect} moved along by
 * {@link #poll()}, with an exponential backoff between failed attempts. Used by the connection's polling thread only.
 */
final class SessionConnector implements AutoCloseable
{
    private final MasterConnection.Context ctx;
    private final EgressListener listener;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private MediaDriver mediaDriver;
    private Aeron aeron;
    private AeronCluster.AsyncConnect asyncConnect;
    private AeronCluster connected;
    private boolean isAwaitingAttempt;
    private long nextAttemptNs;
    private long backoffNs;
    private long connectFailures;
    private Throwable lastError;

    SessionConnector(final MasterConnection.Context ctx, final EgressListener listener)
    {
        this.ctx = ctx;
        this.listener = listener;
        this.backoffNs = ctx.reconnectBackoffNs();
    }

    /**
     * Launch the embedded driver (unless the context names one) and connect the Aeron client.
     */
    void open()
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
                .publicationTermBufferLength(MasterConnection.TERM_LENGTH)
                .ipcTermBufferLength(MasterConnection.TERM_LENGTH)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .errorHandler(ctx.errorHandler()));
            aeronDirectoryName = mediaDriver.aeronDirectoryName();
        }

        aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .errorHandler(ctx.errorHandler())
            .subscriberErrorHandler(RethrowingErrorHandler.INSTANCE)
            .clientName("allot-client"));
    }

    /**
     * Open a session, blocking until it is open or the message timeout passes.
     *
     * @return the session.
     */
    AeronCluster connect()
    {
        return AeronCluster.connect(clusterContext());
    }

    /**
     * Begin opening a session now; {@link #poll()} completes it.
     */
    void beginAttempt()
    {
        isAwaitingAttempt = false;
        asyncConnect = AeronCluster.asyncConnect(clusterContext());
    }

    /**
     * A session closed: with reconnection on, the next attempt begins at once and the backoff starts again.
     */
    void onSessionClosed()
    {
        if (ctx.reconnect())
        {
            backoffNs = ctx.reconnectBackoffNs();
            isAwaitingAttempt = true;
            nextAttemptNs = clock.nanoTime();
        }
    }

    /**
     * Move an attempt along, or begin the next once its backoff passed.
     *
     * @return the work done.
     */
    int poll()
    {
        if (null == asyncConnect)
        {
            if (isAwaitingAttempt && clock.nanoTime() - nextAttemptNs >= 0)
            {
                beginAttempt();
                return 1;
            }
            return 0;
        }

        final int step = asyncConnect.step();
        try
        {
            final AeronCluster session = asyncConnect.poll();
            if (null == session)
            {
                return step == asyncConnect.step() ? 0 : 1;
            }
            asyncConnect = null;
            connected = session;
            backoffNs = ctx.reconnectBackoffNs();
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(asyncConnect);
            asyncConnect = null;
            connectFailures++;
            lastError = ex;
            if (ctx.reconnect())
            {
                isAwaitingAttempt = true;
                nextAttemptNs = clock.nanoTime() + backoffNs;
                backoffNs = Math.min(backoffNs * 2, ctx.maxReconnectBackoffNs());
            }
            else
            {
                ctx.errorHandler().onError(ex);
            }
        }

        return 1;
    }

    /**
     * @return the session an attempt just opened, once; null when none did since the last call.
     */
    AeronCluster takeConnected()
    {
        final AeronCluster session = connected;
        connected = null;
        return session;
    }

    /**
     * @return attempts that failed.
     */
    long connectFailures()
    {
        return connectFailures;
    }

    /**
     * @return why the last attempt failed, or null.
     */
    Throwable lastError()
    {
        return lastError;
    }

    private AeronCluster.Context clusterContext()
    {
        // a new context for each attempt: Aeron concludes a context once
        return new AeronCluster.Context()
            .aeron(aeron)
            .ownsAeronClient(false)
            .ingressChannel(ctx.ingressChannel())
            .ingressEndpoints(ctx.clusterMembers().ingressEndpoints())
            .egressChannel(ctx.egressChannel())
            .messageTimeoutNs(ctx.messageTimeoutNs())
            .newLeaderTimeoutNs(ctx.newLeaderTimeoutNs())
            .idleStrategy(ctx.idleStrategySupplier().get())
            .errorHandler(ctx.errorHandler())
            .egressListener(listener);
    }

    /**
     * Abandon an attempt in progress and close the Aeron client and the embedded driver; close sessions first.
     */
    public void close()
    {
        isAwaitingAttempt = false;
        if (null != asyncConnect)
        {
            CloseHelper.quietClose(asyncConnect);
            asyncConnect = null;
        }
        CloseHelper.closeAll(connected, aeron, mediaDriver);
    }
}
