/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.perf;

import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.engine.EngineOutput;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;

/**
 * An {@link EngineOutput} for benchmarks that allocates nothing once its lists have grown: it keeps the outstanding
 * offer ids of each framework in a primitive list, the ids the engine assigned, and counters of everything else.
 * Framework {@code i} speaks on session {@link #FRAMEWORK_SESSION_BASE} {@code + i}; agents on
 * {@link #AGENT_SESSION}.
 */
public final class BenchmarkOutput implements EngineOutput
{
    /** Session of every agent. */
    public static final long AGENT_SESSION = 1;

    /** Session of the operator (weights and quotas). */
    public static final long OPERATOR_SESSION = 2;

    /** Session of framework 0; framework {@code i} uses this plus {@code i}. */
    public static final long FRAMEWORK_SESSION_BASE = 1_000;

    private final LongArrayList[] offerIds;
    private final LongArrayList[] offerAgentIds;
    private final long[] frameworkIds;
    private final StringBuilder lastError = new StringBuilder(256);
    private long lastAgentId;
    private long lastOfferId;
    private long lastOfferAgentId;
    private int lastOfferFramework = -1;
    private long offers;
    private long rescinds;
    private long updates;
    private long runTasks;
    private long acks;
    private long errors;

    /**
     * @param frameworkCount  number of frameworks, on consecutive sessions from {@link #FRAMEWORK_SESSION_BASE}.
     * @param initialCapacity initial capacity of each framework's list of offer ids.
     */
    public BenchmarkOutput(final int frameworkCount, final int initialCapacity)
    {
        offerIds = new LongArrayList[frameworkCount];
        offerAgentIds = new LongArrayList[frameworkCount];
        frameworkIds = new long[frameworkCount];
        for (int i = 0; i < frameworkCount; i++)
        {
            offerIds[i] = new LongArrayList(initialCapacity, Long.MIN_VALUE);
            offerAgentIds[i] = new LongArrayList(initialCapacity, Long.MIN_VALUE);
        }
    }

    /**
     * @param framework index of a framework.
     * @return its session id.
     */
    public static long frameworkSession(final int framework)
    {
        return FRAMEWORK_SESSION_BASE + framework;
    }

    /**
     * @param framework index of a framework.
     * @return ids of the offers it holds, in the order they arrived; the caller removes those it answers.
     */
    public LongArrayList offerIds(final int framework)
    {
        return offerIds[framework];
    }

    /**
     * @param framework index of a framework.
     * @return agent ids of the offers it holds, parallel to {@link #offerIds(int)}.
     */
    public LongArrayList offerAgentIds(final int framework)
    {
        return offerAgentIds[framework];
    }

    /**
     * Forget the first offers a framework holds, once it answered them. Offers that arrived since stay.
     *
     * @param framework index of a framework.
     * @param count     number of offers to forget.
     */
    public void forgetFirstOffers(final int framework, final int count)
    {
        removeFirst(offerIds[framework], count);
        removeFirst(offerAgentIds[framework], count);
    }

    /**
     * Forget one offer a framework holds; the last one takes its place.
     *
     * @param framework index of a framework.
     * @param index     position of the offer in {@link #offerIds(int)}.
     */
    public void forgetOffer(final int framework, final int index)
    {
        offerIds[framework].fastUnorderedRemove(index);
        offerAgentIds[framework].fastUnorderedRemove(index);
    }

    private static void removeFirst(final LongArrayList ids, final int count)
    {
        final int size = ids.size();
        if (size == count)
        {
            ids.clear();
            return;
        }
        for (int i = count; i < size; i++)
        {
            ids.setLong(i - count, ids.getLong(i));
        }
        for (int i = 0; i < count; i++)
        {
            ids.popLong();
        }
    }

    /**
     * @param framework index of a framework.
     * @return the id the engine gave it, 0 before it subscribed.
     */
    public long frameworkId(final int framework)
    {
        return frameworkIds[framework];
    }

    /**
     * @return the number of outstanding offer ids held over all frameworks.
     */
    public int heldOfferCount()
    {
        int count = 0;
        for (final LongArrayList ids : offerIds)
        {
            count += ids.size();
        }
        return count;
    }

    /**
     * @return id of the last agent registered.
     */
    public long lastAgentId()
    {
        return lastAgentId;
    }

    /**
     * @return id of the last offer made.
     */
    public long lastOfferId()
    {
        return lastOfferId;
    }

    /**
     * @return agent of the last offer made.
     */
    public long lastOfferAgentId()
    {
        return lastOfferAgentId;
    }

    /**
     * @return index of the framework that got the last offer, -1 before any.
     */
    public int lastOfferFramework()
    {
        return lastOfferFramework;
    }

    /**
     * @return offers made.
     */
    public long offers()
    {
        return offers;
    }

    /**
     * @return offers rescinded.
     */
    public long rescinds()
    {
        return rescinds;
    }

    /**
     * @return status updates forwarded to frameworks.
     */
    public long updates()
    {
        return updates;
    }

    /**
     * @return tasks sent to agents.
     */
    public long runTasks()
    {
        return runTasks;
    }

    /**
     * @return acknowledgements forwarded to agents.
     */
    public long acks()
    {
        return acks;
    }

    /**
     * @return errors the engine replied with.
     */
    public long errors()
    {
        return errors;
    }

    /**
     * @return text of the last error, empty if none.
     */
    public CharSequence lastError()
    {
        return lastError;
    }

    private int framework(final long sessionId)
    {
        return (int)(sessionId - FRAMEWORK_SESSION_BASE);
    }

    /**
     * {@inheritDoc}
     */
    public void subscribed(final long sessionId, final long correlationId, final long frameworkId, final long heartbeatIntervalMs)
    {
        frameworkIds[framework(sessionId)] = frameworkId;
    }

    /**
     * {@inheritDoc}
     */
    public void offer(
        final long sessionId,
        final long frameworkId,
        final long offerId,
        final long agentId,
        final Resources resources,
        final CharSequence hostname,
        final CharSequence attributes)
    {
        final int framework = framework(sessionId);
        offerIds[framework].addLong(offerId);
        offerAgentIds[framework].addLong(agentId);
        lastOfferId = offerId;
        lastOfferAgentId = agentId;
        lastOfferFramework = framework;
        offers++;
    }

    /**
     * {@inheritDoc}
     */
    public void rescind(final long sessionId, final long frameworkId, final long offerId)
    {
        final int framework = framework(sessionId);
        final int index = offerIds[framework].indexOf(offerId);
        if (index >= 0)
        {
            offerIds[framework].removeAt(index);
            offerAgentIds[framework].removeAt(index);
        }
        rescinds++;
    }

    /**
     * {@inheritDoc}
     */
    public void update(
        final long sessionId,
        final long frameworkId,
        final long agentId,
        final long taskId,
        final TaskState state,
        final TaskReason reason,
        final UpdateSource source,
        final long uuidMsb,
        final long uuidLsb,
        final long timestampMs,
        final DirectBuffer message)
    {
        updates++;
    }

    /**
     * {@inheritDoc}
     */
    public void failure(final long sessionId, final long frameworkId, final long agentId, final long taskId, final int status)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void error(
        final long sessionId,
        final long correlationId,
        final long frameworkId,
        final long agentId,
        final ErrorCode code,
        final int templateId,
        final CharSequence message)
    {
        errors++;
        lastError.setLength(0);
        lastError.append(code).append(": ").append(message);
    }

    /**
     * {@inheritDoc}
     */
    public void heartbeat(final long sessionId, final long frameworkId, final long timestampMs)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void frameworkMessage(
        final long sessionId,
        final long frameworkId,
        final long agentId,
        final long taskId,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void agentRegistered(final long sessionId, final long correlationId, final long agentId, final long pingIntervalMs)
    {
        lastAgentId = agentId;
    }

    /**
     * {@inheritDoc}
     */
    public void agentReregistered(final long sessionId, final long correlationId, final long agentId)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void runTask(
        final long sessionId,
        final long agentId,
        final long frameworkId,
        final long taskId,
        final long killGracePeriodMs,
        final Resources resources,
        final DirectBuffer name,
        final DirectBuffer command,
        final CharSequence role)
    {
        runTasks++;
    }

    /**
     * {@inheritDoc}
     */
    public void killTask(final long sessionId, final long agentId, final long frameworkId, final long taskId, final long gracePeriodMs)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void statusUpdateAck(
        final long sessionId, final long agentId, final long frameworkId, final long taskId, final long uuidMsb, final long uuidLsb)
    {
        acks++;
    }

    /**
     * {@inheritDoc}
     */
    public void shutdownFramework(final long sessionId, final long agentId, final long frameworkId)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void agentPing(final long sessionId, final long agentId, final long sequence)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void executorMessage(
        final long sessionId,
        final long agentId,
        final long frameworkId,
        final long taskId,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void shutdownAgent(final long sessionId, final long agentId, final TaskReason reason)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void operatorAck(final long sessionId, final long correlationId, final int templateId)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void revocation(
        final long sessionId, final long frameworkId, final long deadlineMs, final long[] taskIds, final long[] agentIds, final int count)
    {
    }
}
