/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.agent;

import org.agrona.DirectBuffer;

/**
 * The agent's connection to the master: SBE messages of the ingress toward it, and the master's messages polled
 * back. Both methods are called only on the agent's duty-cycle thread. The Aeron Cluster client is one
 * implementation; tests connect the agent to an in-memory engine.
 */
public interface AgentTransport
{
    /**
     * Receives one message from the master.
     */
    @FunctionalInterface
    interface MessageHandler
    {
        /**
         * @param buffer holding the message, valid only for the duration of the call.
         * @param offset of the message header.
         * @param length of the message.
         */
        void onMessage(DirectBuffer buffer, int offset, int length);
    }

    /**
     * Send one message to the master.
     *
     * @param buffer holding the message.
     * @param offset of the message header.
     * @param length of the message.
     * @return true when the message was sent; false when back-pressured or not connected (try again later).
     */
    boolean offer(DirectBuffer buffer, int offset, int length);

    /**
     * Deliver the master's pending messages, in order, to the handler.
     *
     * @param handler receives each message.
     * @return the number of messages delivered.
     */
    int poll(MessageHandler handler);

    /**
     * A count of the sessions opened with the master: when it changes, the old session closed and the agent
     * registers again on the new one (with its running tasks). A transport that never reconnects returns 0.
     *
     * @return the number of the current session.
     */
    default long connectionGeneration()
    {
        return 0;
    }
}
