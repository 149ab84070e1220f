/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.client.MasterConnection;
import io.allot.codecs.IngressEncoder;
import org.agrona.CloseHelper;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * One cluster session of the emulator, speaking for many agents or many frameworks: a {@link MasterConnection}, an
 * encoder, and what the benchmark needs to know about it (when it last sent, when it followed a new leader). A send
 * that fails (back pressure beyond the connection's retries, or no leader) blocks further sends on the session until
 * its next {@link #poll()}, so one stuck session never stalls the loop. Used by one thread.
 */
final class BenchSession implements AutoCloseable
{
    /**
     * Told when a session follows a new leader.
     */
    @FunctionalInterface
    interface NewLeaderListener
    {
        /**
         * @param session the session.
         * @param nowNs   when it heard of the new leader.
         */
        void onNewLeader(BenchSession session, long nowNs);
    }

    /**
     * Polls of the connection per {@link #poll()} while it has messages: one poll delivers at most 10 (Aeron's egress
     * fragment limit), too few for a session that receives a burst while the loop is busy sending.
     */
    static final int MAX_POLLS = 100;

    private final int index;
    private final IngressEncoder encoder = new IngressEncoder(new ExpandableDirectByteBuffer(1024));
    private final MasterConnection connection;
    private long lastSentNs;
    private long sendFailures;
    private boolean isBlocked;

    BenchSession(
        final int index,
        final MasterConnection.Context context,
        final MasterConnection.EgressHandler handler,
        final NewLeaderListener listener)
    {
        this.index = index;
        connection = MasterConnection.connect(context
            .egressHandler(handler)
            .newLeaderHandler((leaderMemberId, leadershipTermId) -> listener.onNewLeader(this, System.nanoTime())));
        lastSentNs = System.nanoTime();
    }

    /**
     * @return the session's index among its kind.
     */
    int index()
    {
        return index;
    }

    /**
     * @return the encoder whose buffer {@link #send} sends.
     */
    IngressEncoder encoder()
    {
        return encoder;
    }

    /**
     * Poll the egress until it is empty or {@value #MAX_POLLS} polls were made (delivering messages to the handler),
     * and allow sending again.
     *
     * @return work done.
     */
    int poll()
    {
        isBlocked = false;
        int work = 0;
        for (int i = 0; i < MAX_POLLS; i++)
        {
            final int fragments = connection.poll();
            work += fragments;
            if (0 == fragments)
            {
                break;
            }
        }
        return work;
    }

    /**
     * @return true when a send may be tried now.
     */
    boolean canSend()
    {
        return !isBlocked;
    }

    /**
     * Send the message just encoded with {@link #encoder()}.
     *
     * @param length of the message.
     * @param nowNs  the time now.
     * @return true when sent; false when it could not go now (the session is blocked until its next poll).
     */
    boolean send(final int length, final long nowNs)
    {
        if (isBlocked)
        {
            return false;
        }
        if (connection.offer(encoder.buffer(), 0, length))
        {
            lastSentNs = nowNs;
            return true;
        }
        isBlocked = true;
        sendFailures++;
        return false;
    }

    /**
     * @return when the session last sent.
     */
    long lastSentNs()
    {
        return lastSentNs;
    }

    /**
     * @return sends that failed (back pressure or no leader).
     */
    long sendFailures()
    {
        return sendFailures;
    }

    /**
     * @return true once the session is closed (no new leader in time, or closed by the cluster).
     */
    boolean isClosed()
    {
        return connection.isClosed();
    }

    public void close()
    {
        CloseHelper.close(connection);
    }
}
