/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.codecs.sbe.TaskState;
import io.allot.resources.Resources;

import java.io.IOException;

/**
 * What the simulator records as it runs: offers and task states as the frameworks see them, and dominant shares
 * sampled over time.
 */
interface SimRecorder extends AutoCloseable
{
    /**
     * A recorder that keeps nothing.
     *
     * @return the recorder.
     */
    static SimRecorder none()
    {
        return NoRecorder.INSTANCE;
    }

    /**
     * @return whether {@link #shares(long, double[])} is wanted; sampling is skipped otherwise.
     */
    boolean wantsShares();

    /**
     * A framework received an offer.
     *
     * @param timeMs    virtual time.
     * @param framework scenario id of the framework.
     * @param offerId   engine's offer id.
     * @param agent     scenario id of the agent.
     * @param resources offered resources.
     */
    void offer(long timeMs, String framework, long offerId, String agent, Resources resources);

    /**
     * A framework launched a task ({@code TASK_STAGING}) or saw its state change.
     *
     * @param timeMs    virtual time.
     * @param framework scenario id of the framework.
     * @param taskId    the framework's task id.
     * @param agent     scenario id of the agent.
     * @param state     the new state.
     */
    void task(long timeMs, String framework, long taskId, String agent, TaskState state);

    /**
     * A sample of dominant shares.
     *
     * @param timeMs virtual time.
     * @param shares one per framework in sorted id order, NaN where the engine does not know it.
     */
    void shares(long timeMs, double[] shares);

    /**
     * Finish the files.
     *
     * @throws IOException if a file can not be written.
     */
    void close() throws IOException;

    /**
     * Keeps nothing.
     */
    final class NoRecorder implements SimRecorder
    {
        static final NoRecorder INSTANCE = new NoRecorder();

        private NoRecorder()
        {
        }

        public boolean wantsShares()
        {
            return false;
        }

        public void offer(final long timeMs, final String framework, final long offerId, final String agent, final Resources resources)
        {
        }

        public void task(final long timeMs, final String framework, final long taskId, final String agent, final TaskState state)
        {
        }

        public void shares(final long timeMs, final double[] shares)
        {
        }

        public void close()
        {
        }
    }
}
