/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.codecs.sbe.StatusUpdateDecoder;
import io.allot.codecs.sbe.SubscribeDecoder;
import io.allot.codecs.sbe.UpdateQuotaDecoder;
import io.allot.codecs.sbe.UpdateWeightDecoder;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Locale;

/**
 * Hands each queued engine output to the scripted framework or agent it is addressed to: frameworks by session,
 * agents by agent id. An agent that is silenced or shut down hears nothing. A refusal of an operator's role change
 * is kept, with the scenario line that asked for it, as the reason the run stops.
 */
final class SimDispatcher
{
    private final SimCluster cluster;
    private final Long2ObjectHashMap<ScriptedAgent> registrations = new Long2ObjectHashMap<>();
    private final Long2LongHashMap roleUpdateLines = new Long2LongHashMap(0);
    private int refusedLine;
    private String refusal;
    private long errors;
    private String firstError;

    SimDispatcher(final SimCluster cluster)
    {
        this.cluster = cluster;
    }

    void expectRegistration(final long correlationId, final ScriptedAgent agent)
    {
        registrations.put(correlationId, agent);
    }

    /**
     * A role change is sent with this correlation id for the given scenario line.
     */
    void expectRoleUpdate(final long correlationId, final int line)
    {
        roleUpdateLines.put(correlationId, line);
    }

    /**
     * @return line of the first role change the engine refused, 0 if none.
     */
    int refusedLine()
    {
        return refusedLine;
    }

    /**
     * @return why the engine refused the role change of {@link #refusedLine()}, null if it refused none.
     */
    String refusal()
    {
        return refusal;
    }

    long errors()
    {
        return errors;
    }

    String firstError()
    {
        return firstError;
    }

    void dispatch(final OutputQueue.Entry entry)
    {
        switch (entry.kind)
        {
            case OutputQueue.SUBSCRIBED:
            case OutputQueue.OFFER:
            case OutputQueue.UPDATE:
            case OutputQueue.REVOCATION:
                toFramework(entry);
                break;
            case OutputQueue.ERROR:
                onError(entry);
                break;
            case OutputQueue.AGENT_REGISTERED:
            {
                final ScriptedAgent agent = registrations.remove(entry.correlationId);
                if (null != agent)
                {
                    agent.onRegistered(entry.agentId);
                }
                break;
            }
            case OutputQueue.RESCIND:
            case OutputQueue.FAILURE:
                break;
            default:
                toAgent(entry);
        }
    }

    private void toFramework(final OutputQueue.Entry entry)
    {
        final ScriptedFramework framework = cluster.frameworkBySession(entry.sessionId);
        if (null == framework)
        {
            return;
        }

        switch (entry.kind)
        {
            case OutputQueue.SUBSCRIBED:
                framework.onSubscribed(entry.frameworkId);
                break;
            case OutputQueue.OFFER:
                framework.onOffer(entry.id, entry.agentId, entry.resources);
                break;
            case OutputQueue.UPDATE:
                framework.onUpdate(entry.agentId, entry.id, entry.state, entry.reason, entry.uuidMsb, entry.uuidLsb);
                break;
            case OutputQueue.REVOCATION:
                framework.onRevocation((int)entry.id);
                break;
            default:
                throw new IllegalStateException("not a framework output: " + entry.kind);
        }
    }

    private void toAgent(final OutputQueue.Entry entry)
    {
        final ScriptedAgent agent = cluster.agentById(entry.agentId);
        if (null == agent || !agent.isReachable())
        {
            return;
        }

        switch (entry.kind)
        {
            case OutputQueue.RUN_TASK:
                agent.onRunTask(entry.frameworkId, entry.id);
                break;
            case OutputQueue.KILL_TASK:
                agent.onKillTask(entry.frameworkId, entry.id);
                break;
            case OutputQueue.STATUS_UPDATE_ACK:
                agent.onStatusUpdateAck(entry.uuidMsb, entry.uuidLsb);
                break;
            case OutputQueue.SHUTDOWN_FRAMEWORK:
                agent.onShutdownFramework(entry.frameworkId);
                break;
            case OutputQueue.AGENT_PING:
                agent.onPing(entry.id);
                break;
            case OutputQueue.SHUTDOWN_AGENT:
                agent.onShutdownAgent();
                break;
            default:
                throw new IllegalStateException("not an agent output: " + entry.kind);
        }
    }

    private void onError(final OutputQueue.Entry entry)
    {
        if (StatusUpdateDecoder.TEMPLATE_ID == entry.templateId && cluster.isShutDown(entry.frameworkId))
        {
            // TASK_KILLED of a framework the master removed: it no longer knows the tasks, as Mesos's master doesn't.
            return;
        }

        final int roleLine = SimCluster.OPERATOR_SESSION == entry.sessionId ? (int)roleUpdateLines.get(entry.correlationId) : 0;
        if (0 != roleLine && null == refusal)
        {
            refusedLine = roleLine;
            refusal = "the engine refused " + (UpdateQuotaDecoder.TEMPLATE_ID == entry.templateId ? "UpdateQuota" :
                UpdateWeightDecoder.TEMPLATE_ID == entry.templateId ? "UpdateWeight" : "template " + entry.templateId) + ": " +
                entry.message;
        }

        errors++;
        if (null == firstError)
        {
            firstError = String.format(Locale.ROOT, "at %d ms, session %d, template %d: %s %s",
                cluster.nowMs(), entry.sessionId, entry.templateId, entry.code, entry.message);
        }

        if (SubscribeDecoder.TEMPLATE_ID == entry.templateId)
        {
            final ScriptedFramework framework = cluster.frameworkBySession(entry.sessionId);
            if (null != framework)
            {
                framework.onSubscribeRefused();
            }
        }
    }
}
