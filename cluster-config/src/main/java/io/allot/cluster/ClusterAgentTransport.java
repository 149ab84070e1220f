/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.client.MasterConnection;
import io.allot.agent.AgentTransport;
import io.allot.codecs.sbe.AgentRegisteredDecoder;
import io.allot.codecs.sbe.AgentReregisteredDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

/**
 * An {@link AgentTransport} over a {@link MasterConnection}: one cluster session per agent. The connection is opened
 * by the thread that calls {@link #connect(MasterConnection.Context)} and from then on is used only by the agent's
 * duty-cycle thread, which calls {@link #offer} and {@link #poll}; egress messages the connection receives during a
 * {@link #poll} go to that poll's handler.
 * <p>
 * The transport also notes the agent id from the master's {@code AgentRegistered} or {@code AgentReregistered}, which
 * any thread may read with {@link #agentId()}.
 */
public final class ClusterAgentTransport implements AgentTransport, AutoCloseable
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AgentRegisteredDecoder agentRegistered = new AgentRegisteredDecoder();
    private final AgentReregisteredDecoder agentReregistered = new AgentReregisteredDecoder();
    private MasterConnection connection;
    private MessageHandler handler;
    private int delivered;
    private volatile long agentId;

    private ClusterAgentTransport()
    {
    }

    /**
     * Open a session with the master for one agent. The context's egress handler is set here; any given is replaced.
     *
     * @param ctx the connection's configuration: members, channels, timeouts.
     * @return the transport, to give to one agent and to close after the agent.
     */
    public static ClusterAgentTransport connect(final MasterConnection.Context ctx)
    {
        final ClusterAgentTransport transport = new ClusterAgentTransport();
        // a closed session is replaced by a new one; the agent then registers again on it with its tasks
        transport.connection = MasterConnection.connect(ctx.egressHandler(transport::onEgress).reconnect(true));
        return transport;
    }

    /**
     * {@inheritDoc}
     */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return connection.offer(buffer, offset, length);
    }

    /**
     * {@inheritDoc}
     */
    public int poll(final MessageHandler handler)
    {
        this.handler = handler;
        delivered = 0;
        try
        {
            connection.poll();
        }
        finally
        {
            this.handler = null;
        }

        return delivered;
    }

    /**
     * {@inheritDoc}
     * <p>
     * The connection's count of sessions opened: it reconnects by itself when its session closes.
     */
    public long connectionGeneration()
    {
        return connection.connectCount();
    }

    /**
     * @return the agent id the master gave this session's agent, 0 until it registered.
     */
    public long agentId()
    {
        return agentId;
    }

    /**
     * @return the connection under the transport, for its leader and counters.
     */
    public MasterConnection connection()
    {
        return connection;
    }

    /**
     * Close the session and its driver; close the agent first.
     */
    public void close()
    {
        CloseHelper.close(connection);
    }

    private void onEgress(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length >= MessageHeaderDecoder.ENCODED_LENGTH)
        {
            header.wrap(buffer, offset);
            final int templateId = header.templateId();
            if (AgentRegisteredDecoder.TEMPLATE_ID == templateId)
            {
                agentId = agentRegistered.wrapAndApplyHeader(buffer, offset, header).agentId();
            }
            else if (AgentReregisteredDecoder.TEMPLATE_ID == templateId)
            {
                agentId = agentReregistered.wrapAndApplyHeader(buffer, offset, header).agentId();
            }
        }

        if (null != handler)
        {
            delivered++;
            handler.onMessage(buffer, offset, length);
        }
    }
}
