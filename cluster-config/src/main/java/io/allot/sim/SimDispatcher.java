/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.codecs.sbe.StatusUpdateDecoder;
import io.allot.codecs.sbe.SubscribeDecoder;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Locale;

/**
 * Hands each queued engine output to the scripted framework or agent it is addressed to: frameworks by session,
 * agents by agent id. An agent that is silenced or shut down hears nothing.
 */
final class SimDispatcher
{
    private final SimCluster cluster;
    private final Long2ObjectHashMap<ScriptedAgent> registrations = new Long2ObjectHashMap<>();
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
                framework.onUpdate(entry.agentId, entry.id, entry.state, entry.uuidMsb, entry.uuidLsb);
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
