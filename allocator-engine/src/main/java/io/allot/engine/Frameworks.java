/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.FrameworkState;

/**
 * Framework lifecycle as Mesos has it: subscribe (new, or failover with the framework id), disconnection with a
 * failover timeout during which tasks keep running, removal (teardown or expiry) that kills every task, and the
 * offer controls suppress and revive.
 */
final class Frameworks
{
    private final EngineState s;
    private final Allocator allocator;
    private Tasks tasks;

    Frameworks(final EngineState state, final Allocator allocator)
    {
        this.s = state;
        this.allocator = allocator;
    }

    void tasks(final Tasks tasks)
    {
        this.tasks = tasks;
    }

    void onSubscribe(
        final long sessionId,
        final long correlationId,
        final long frameworkId,
        final long failoverTimeoutMs,
        final boolean partitionAware,
        final String name,
        final String requestedRole,
        final String prefer,
        final int templateId)
    {
        final String role = requestedRole.isEmpty() ? "*" : requestedRole;
        final String roleError = Roles.validate(role);
        if (null != roleError)
        {
            s.error(sessionId, correlationId, frameworkId, 0, ErrorCode.INVALID_ARGUMENT, templateId, roleError);
            return;
        }
        if (failoverTimeoutMs < 0)
        {
            s.error(sessionId, correlationId, frameworkId, 0, ErrorCode.INVALID_ARGUMENT, templateId,
                s.text().append("failover timeout must be >= 0: ").append(failoverTimeoutMs).append(" ms"));
            return;
        }

        final Preferences preferences;
        try
        {
            preferences = Preferences.parse(prefer);
        }
        catch (final IllegalArgumentException ex)
        {
            s.error(sessionId, correlationId, frameworkId, 0, ErrorCode.INVALID_ARGUMENT, templateId, ex.getMessage());
            return;
        }

        final FrameworkTable frameworks = s.frameworks;
        final int framework;
        if (0 == frameworkId)
        {
            final long id = s.nextFrameworkId++;
            framework = frameworks.add(id);
            frameworks.role[framework] = role;
            frameworks.prefer[framework] = preferences;
            frameworks.subscribedAtMs[framework] = s.nowMs;
            allocator.addFramework(framework);
        }
        else
        {
            framework = frameworks.slot(frameworkId);
            if (IdSlots.NONE == framework)
            {
                s.error(sessionId, correlationId, frameworkId, 0, ErrorCode.UNKNOWN_FRAMEWORK, templateId,
                    s.text().append("framework ").append(frameworkId).append(" is unknown or was removed"));
                return;
            }
            if (!frameworks.role[framework].equals(role))
            {
                s.error(sessionId, correlationId, frameworkId, 0, ErrorCode.INVALID_ARGUMENT, templateId,
                    s.text().append("framework ").append(frameworkId).append(" has role '").append(frameworks.role[framework])
                        .append("': a failover cannot change it to '").append(role).append('\''));
                return;
            }
            final long oldSession = frameworks.sessionId[framework];
            if (FrameworkState.ACTIVE == frameworks.state[framework] && oldSession != sessionId)
            {
                s.output.error(oldSession, 0, frameworkId, 0, ErrorCode.FRAMEWORK_OF_ANOTHER_SESSION, templateId,
                    "framework failed over to another session");
            }
            allocator.rescindOffersOfFramework(framework, false);
            allocator.updatePreferences(framework, preferences);
        }

        frameworks.sessionId[framework] = sessionId;
        frameworks.state[framework] = FrameworkState.ACTIVE;
        frameworks.name[framework] = name;
        frameworks.failoverTimeoutMs[framework] = failoverTimeoutMs;
        frameworks.failoverDeadlineMs[framework] = Long.MAX_VALUE;
        frameworks.partitionAware[framework] = partitionAware;
        allocator.updateActivation(framework);
        s.output.subscribed(sessionId, correlationId, frameworks.id[framework], s.ctx.heartbeatIntervalMs());
        if (0 != frameworkId)
        {
            tasks.resendPendingUpdates(framework);
        }
        allocator.markAllDirty();
    }

    void onTeardown(final long sessionId, final long frameworkId, final int templateId)
    {
        final int framework = require(sessionId, 0, frameworkId, templateId);
        if (IdSlots.NONE != framework)
        {
            removeFramework(framework);
        }
    }

    void onRevive(final long sessionId, final long frameworkId, final int templateId)
    {
        final int framework = require(sessionId, 0, frameworkId, templateId);
        if (IdSlots.NONE != framework)
        {
            s.frameworks.suppressed[framework] = false;
            removeFilters(framework);
            s.frameworks.reviveEpoch[framework]++;
            allocator.updateActivation(framework);
            allocator.markAllDirty();
        }
    }

    void onSuppress(final long sessionId, final long frameworkId, final int templateId)
    {
        final int framework = require(sessionId, 0, frameworkId, templateId);
        if (IdSlots.NONE != framework)
        {
            s.frameworks.suppressed[framework] = true;
            allocator.updateActivation(framework);
        }
    }

    /**
     * A session closed: its frameworks are disconnected and their failover timeouts start.
     */
    void onSessionClosed(final long sessionId)
    {
        final IdSlots slots = s.frameworks.slots;
        for (int i = 0; i < slots.orderCount(); i++)
        {
            final int framework = slots.orderSlot(i);
            if (IdSlots.NONE != framework && s.frameworks.sessionId[framework] == sessionId &&
                FrameworkState.ACTIVE == s.frameworks.state[framework])
            {
                disconnect(framework);
            }
        }
    }

    private void disconnect(final int framework)
    {
        final FrameworkTable frameworks = s.frameworks;
        frameworks.state[framework] = FrameworkState.DISCONNECTED;
        allocator.rescindOffersOfFramework(framework, false);
        allocator.updateActivation(framework);
        if (0 == frameworks.failoverTimeoutMs[framework])
        {
            removeFramework(framework);
        }
        else
        {
            frameworks.failoverDeadlineMs[framework] = saturatedAdd(s.nowMs, frameworks.failoverTimeoutMs[framework]);
        }
    }

    /**
     * Periodic pass: remove frameworks whose failover timeout expired, send heartbeats when due.
     */
    void onPeriodicPass()
    {
        final FrameworkTable frameworks = s.frameworks;
        final IdSlots slots = frameworks.slots;
        final boolean heartbeat = s.nowMs >= s.nextHeartbeatMs;
        for (int i = 0; i < slots.orderCount(); i++)
        {
            final int framework = slots.orderSlot(i);
            if (IdSlots.NONE == framework)
            {
                continue;
            }
            if (FrameworkState.DISCONNECTED == frameworks.state[framework] &&
                s.nowMs >= frameworks.failoverDeadlineMs[framework])
            {
                removeFramework(framework);
            }
            else if (heartbeat && FrameworkState.ACTIVE == frameworks.state[framework])
            {
                s.output.heartbeat(frameworks.sessionId[framework], frameworks.id[framework], s.nowMs);
            }
        }
        if (heartbeat)
        {
            s.nextHeartbeatMs = s.nowMs + s.ctx.heartbeatIntervalMs();
        }
    }

    /**
     * Remove a framework: its offers go back, its filters go, every agent running its tasks is told to shut
     * the framework down, and its tasks are forgotten with their resources recovered.
     */
    void removeFramework(final int framework)
    {
        allocator.rescindOffersOfFramework(framework, false);
        removeFilters(framework);
        tasks.removeAllOf(framework);
        allocator.removeFramework(framework);
        s.frameworks.remove(framework);
    }

    private void removeFilters(final int framework)
    {
        final FilterTable filters = s.filters;
        final IdSlots slots = filters.slots;
        for (int i = 0; i < slots.orderCount(); i++)
        {
            final int filter = slots.orderSlot(i);
            if (IdSlots.NONE != filter && filters.frameworkSlot[filter] == framework)
            {
                allocator.markDirty(filters.agentSlot[filter]);
                filters.remove(filter);
            }
        }
    }

    /**
     * Look up a framework named by a call and check that the calling session owns it and that it is subscribed.
     *
     * @return the framework's slot, or {@link IdSlots#NONE} after an error was sent.
     */
    int require(final long sessionId, final long correlationId, final long frameworkId, final int templateId)
    {
        final int framework = s.frameworks.slot(frameworkId);
        if (IdSlots.NONE == framework)
        {
            s.error(sessionId, correlationId, frameworkId, 0, ErrorCode.UNKNOWN_FRAMEWORK, templateId,
                s.text().append("framework ").append(frameworkId).append(" is unknown or was removed"));
            return IdSlots.NONE;
        }
        if (s.frameworks.sessionId[framework] != sessionId || FrameworkState.ACTIVE != s.frameworks.state[framework])
        {
            s.error(sessionId, correlationId, frameworkId, 0, ErrorCode.FRAMEWORK_OF_ANOTHER_SESSION, templateId,
                s.text().append("framework ").append(frameworkId).append(" is not subscribed on this session"));
            return IdSlots.NONE;
        }
        return framework;
    }

    static long saturatedAdd(final long a, final long b)
    {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
