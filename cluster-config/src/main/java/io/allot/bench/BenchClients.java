/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.client.MasterConnection;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * The emulator's side of the wire: one media driver that every emulated session shares (a session per agent or
 * framework would need a driver each), and the sessions opened on it. Each session names its egress term length:
 * the master drops egress that its back-pressure retries cannot place, so a session that receives bursts (a whole
 * allocation pass of offers, a periodic pass of pings) needs room for the whole burst.
 */
final class BenchClients implements AutoCloseable
{
    /** Ingress term of the emulator's sessions: room for a few thousand messages in flight. */
    static final String INGRESS_CHANNEL = "aeron:udp?term-length=1m";
    static final int MIN_TERM_LENGTH = 64 * 1024;
    static final int MAX_TERM_LENGTH = 1024 * 1024 * 1024;
    static final int MAX_OFFER_ATTEMPTS = 3;

    private final String members;
    private final MediaDriver driver;

    /**
     * @param members the masters, {@code id=host:port,...}.
     * @param dir     the driver's directory (created and deleted by the driver).
     */
    BenchClients(final String members, final File dir)
    {
        this(members, dir, new BackoffIdleStrategy(10, 10, 1_000, 1_000_000));
    }

    /**
     * @param members the masters, {@code id=host:port,...}.
     * @param dir     the driver's directory (created and deleted by the driver).
     * @param idle    the driver thread's idle strategy.
     */
    BenchClients(final String members, final File dir, final IdleStrategy idle)
    {
        this.members = members;
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir.getAbsolutePath())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idle)
            .termBufferSparseFile(true)
            .publicationTermBufferLength(MIN_TERM_LENGTH)
            .ipcTermBufferLength(MIN_TERM_LENGTH)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler((throwable) -> System.err.println("allot bench: emulator driver error: " + throwable)));
    }

    /**
     * Open a session with the leader.
     *
     * @param index            the session's index among its kind.
     * @param egressTermLength term length of the session's egress, a power of two.
     * @param handler          receives every egress message.
     * @param listener         told when the session follows a new leader.
     * @return the open session.
     */
    BenchSession connect(
        final int index,
        final int egressTermLength,
        final MasterConnection.EgressHandler handler,
        final BenchSession.NewLeaderListener listener)
    {
        final MasterConnection.Context context = new MasterConnection.Context()
            .members(members)
            .aeronDirectoryName(driver.aeronDirectoryName())
            .ingressChannel(INGRESS_CHANNEL)
            .egressChannel("aeron:udp?endpoint=localhost:0|term-length=" + egressTermLength)
            .messageTimeoutNs(TimeUnit.SECONDS.toNanos(10))
            .maxOfferAttempts(MAX_OFFER_ATTEMPTS)
            .errorHandler((throwable) -> System.err.println("allot bench: session error: " + throwable));
        try
        {
            return new BenchSession(index, context, handler, listener);
        }
        catch (final RuntimeException ex)
        {
            throw new BenchException("cannot open a session with the master: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param bytes a burst the session must be able to take whole.
     * @return the smallest power-of-two term length whose window (half a term) holds it, within Aeron's limits.
     */
    static int termLengthFor(final long bytes)
    {
        final long wanted = Math.max(MIN_TERM_LENGTH, 2 * bytes);
        if (wanted >= MAX_TERM_LENGTH)
        {
            return MAX_TERM_LENGTH;
        }
        return Integer.highestOneBit((int)wanted - 1) << 1;
    }

    /**
     * @return the media driver's directory, for other clients (framework drivers) to share it.
     */
    String aeronDirectoryName()
    {
        return driver.aeronDirectoryName();
    }

    public void close()
    {
        CloseHelper.close(driver);
    }
}
