/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.FrameworkState;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;

import java.util.Arrays;

/**
 * Sharing policies beyond DRF: role weights ({@code updateWeights}), guarantees ({@code updateQuota}), and the
 * paper's remedy for long tasks, revocation. When roles below their guarantee want more than the free resources
 * hold, offers of roles at or above their guarantee are rescinded first; then tasks of roles above their
 * guarantee are revoked, the role furthest above first and its most recently launched tasks first, never taking
 * a role below its guarantee. Their frameworks are told with a deadline; what still runs then is killed with
 * reason REVOKED.
 */
final class Quotas
{
    private final EngineState s;
    private final Allocator allocator;
    private final RoleTable roles;
    private final Resources resources;
    private final long[] need = new long[ResourceNames.MAX_SCALARS];
    private final long[] sums = new long[ResourceNames.MAX_SCALARS];
    private final long[] remaining = new long[ResourceNames.MAX_SCALARS];
    private long[] revoked = new long[16];
    private int revokedCount;
    private long[] scratch = new long[16];
    private int[] roleOrder = new int[16];
    private int[] markedTasks = new int[16];
    private long[] eventTasks = new long[16];
    private long[] eventAgents = new long[16];

    Quotas(final EngineState state, final Allocator allocator)
    {
        this.s = state;
        this.allocator = allocator;
        this.roles = allocator.roles();
        this.resources = new Resources(state.names);
    }

    // ---------------------------------------------------------------- operator calls

    void onUpdateWeight(final long sessionId, final long correlationId, final String role, final long weightMilli, final int templateId)
    {
        final String roleError = Roles.validate(role);
        if (null != roleError || weightMilli <= 0)
        {
            s.error(sessionId, correlationId, 0, 0, ErrorCode.INVALID_ARGUMENT, templateId, null != roleError ? roleError :
                s.text().append("weight of role '").append(role).append("' must be positive: ").append(weightMilli / 1000.0));
            return;
        }
        roles.weight(roles.getOrCreate(role), weightMilli / 1000.0);
        allocator.markAllDirty();
        s.output.operatorAck(sessionId, correlationId, templateId);
    }

    void onUpdateQuota(
        final long sessionId,
        final long correlationId,
        final String role,
        final Resources guarantee,
        final boolean force,
        final int templateId)
    {
        final String error = validateQuota(role, guarantee, force);
        if (null != error)
        {
            s.error(sessionId, correlationId, 0, 0, ErrorCode.INVALID_ARGUMENT, templateId, error);
            return;
        }
        roles.quota(roles.getOrCreate(role), guarantee);
        allocator.markAllDirty();
        s.output.operatorAck(sessionId, correlationId, templateId);
    }

    private String validateQuota(final String role, final Resources guarantee, final boolean force)
    {
        final String roleError = Roles.validate(role);
        if (null != roleError)
        {
            return roleError;
        }
        if (!guarantee.ports().isEmpty())
        {
            return "quota of role '" + role + "': ports cannot be guaranteed (quota is for scalars, as in Mesos)";
        }
        if (guarantee.hasNegative())
        {
            return "quota of role '" + role + "' has a negative quantity: " + guarantee;
        }
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            if (guarantee.scalar(d) > 0 && !s.agents.isKnownDimension(d))
            {
                return "quota of role '" + role + "': unknown resource '" + s.names.name(d) + "' (no agent has it)";
            }
        }
        if (!force)
        {
            final int slot = roles.slot(role);
            roles.sumQuotasExcept(slot, sums);
            for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
            {
                if (sums[d] + guarantee.scalar(d) > s.clusterTotal[d])
                {
                    return "quota of role '" + role + "' (" + guarantee + ") with the other guarantees exceeds the cluster's total " +
                        s.names.name(d) + " of " + Resources.formatMilli(s.clusterTotal[d]) + ": use force to set it anyway";
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- revocation

    /**
     * Periodic pass: kill revoked tasks whose deadline passed, then revoke more where unmet guarantees need it.
     */
    void onPeriodicPass()
    {
        killDueRevocations();
        if (roles.anyUnsatisfied() && computeNeed())
        {
            rescindOffersForGuarantees();
            if (computeNeed())
            {
                revokeTasks();
            }
        }
    }

    /**
     * A task loaded from a snapshot that was revoked and still runs.
     */
    void loaded(final int task)
    {
        s.tasks.read(task, resources);
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            s.revokedPending[d] += resources.scalar(d);
        }
        addRevoked(s.tasks.sequence[task]);
    }

    private boolean computeNeed()
    {
        boolean needed = false;
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            need[d] = roles.required[d] > 0 ? roles.required[d] - s.agents.freeTotal[d] - s.revokedPending[d] : 0;
            needed |= need[d] > 0;
        }
        return needed;
    }

    private void killDueRevocations()
    {
        final TaskTable tasks = s.tasks;
        int kept = 0;
        for (int i = 0; i < revokedCount; i++)
        {
            final int task = tasks.slots.slot(revoked[i]);
            if (IdSlots.NONE == task || !tasks.holdsResources[task])
            {
                continue;
            }
            revoked[kept++] = revoked[i];
            final long deadline = tasks.revokeDeadlineMs[task];
            if (deadline > 0 && s.nowMs >= deadline)
            {
                tasks.revokeDeadlineMs[task] = -deadline;
                final int agent = tasks.agentSlot[task];
                s.output.killTask(s.agents.sessionId[agent], tasks.agentId[task], tasks.frameworkId[task], tasks.taskId[task],
                    tasks.killGracePeriodMs[task]);
            }
        }
        revokedCount = kept;
    }

    private void rescindOffersForGuarantees()
    {
        final OfferTable offers = s.offers;
        for (int i = offers.slots.orderCount() - 1; i >= 0; i--)
        {
            final int offer = offers.slots.orderSlot(i);
            if (IdSlots.NONE != offer && !roles.isUnsatisfied(s.frameworks.roleSlot[offers.frameworkSlot[offer]]))
            {
                allocator.removeOffer(offer, true);
                if (!computeNeed())
                {
                    return;
                }
            }
        }
    }

    private void revokeTasks()
    {
        final int roleCount = orderRolesAboveGuarantee();
        for (int i = 0; i < roleCount && computeNeed(); i++)
        {
            revokeFromRole(roleOrder[i]);
        }
    }

    /**
     * @return the number of roles above their guarantee, in {@link #roleOrder}, furthest above first.
     */
    private int orderRolesAboveGuarantee()
    {
        int count = 0;
        if (roleOrder.length < roles.count())
        {
            roleOrder = new int[roles.count()];
        }
        for (int role = 0; role < roles.count(); role++)
        {
            if (roles.isUnsatisfied(role) || roles.overShare(role) <= 0.0)
            {
                continue;
            }
            int index = count++;
            while (index > 0 && before(role, roleOrder[index - 1]))
            {
                roleOrder[index] = roleOrder[index - 1];
                index--;
            }
            roleOrder[index] = role;
        }
        return count;
    }

    private boolean before(final int a, final int b)
    {
        final int byOver = Double.compare(roles.overShare(b), roles.overShare(a));
        return byOver != 0 ? byOver < 0 : roles.name(a).compareTo(roles.name(b)) < 0;
    }

    private void revokeFromRole(final int role)
    {
        final TaskTable tasks = s.tasks;
        int count = 0;
        for (int i = 0; i < s.frameworks.slots.orderCount(); i++)
        {
            final int framework = s.frameworks.slots.orderSlot(i);
            if (IdSlots.NONE == framework || s.frameworks.roleSlot[framework] != role)
            {
                continue;
            }
            for (int task = s.frameworks.firstTask[framework]; IdSlots.NONE != task; task = tasks.nextOnFramework[task])
            {
                if (tasks.holdsResources[task] && 0 == tasks.revokeDeadlineMs[task])
                {
                    count = addScratch(count, tasks.sequence[task]);
                }
            }
        }
        LongSort.sort(scratch, 0, count);
        remainingOf(role);
        final long deadline = s.nowMs + s.ctx.revocationGraceMs();
        int marked = 0;
        for (int i = count - 1; i >= 0 && computeNeed(); i--)
        {
            final int task = tasks.slots.slot(scratch[i]);
            tasks.read(task, resources);
            if (!staysAtOrAboveGuarantee(role))
            {
                continue;
            }
            for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
            {
                remaining[d] -= resources.scalar(d);
                s.revokedPending[d] += resources.scalar(d);
            }
            tasks.revokeDeadlineMs[task] = Math.max(1, deadline);
            addRevoked(tasks.sequence[task]);
            if (marked == markedTasks.length)
            {
                markedTasks = Arrays.copyOf(markedTasks, marked * 2);
                eventTasks = new long[marked * 2];
                eventAgents = new long[marked * 2];
            }
            markedTasks[marked++] = task;
        }
        announce(marked, deadline);
    }

    private void remainingOf(final int role)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            remaining[d] = roles.allocation(role, d);
        }
        final TaskTable tasks = s.tasks;
        for (int i = 0; i < revokedCount; i++)
        {
            final int task = tasks.slots.slot(revoked[i]);
            if (IdSlots.NONE != task && tasks.holdsResources[task] && s.frameworks.roleSlot[tasks.frameworkSlot[task]] == role)
            {
                tasks.read(task, resources);
                for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
                {
                    remaining[d] -= resources.scalar(d);
                }
            }
        }
    }

    private boolean staysAtOrAboveGuarantee(final int role)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            final long quota = roles.quota(role, d);
            if (quota > 0 && remaining[d] - resources.scalar(d) < quota)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Tell each framework, in framework id order, which of its tasks were revoked (the first {@code count} slots
     * in {@link #markedTasks}).
     */
    private void announce(final int count, final long deadline)
    {
        final TaskTable tasks = s.tasks;
        final IdSlots frameworkSlots = s.frameworks.slots;
        for (int i = 0; i < frameworkSlots.orderCount() && count > 0; i++)
        {
            final int framework = frameworkSlots.orderSlot(i);
            if (IdSlots.NONE == framework || FrameworkState.ACTIVE != s.frameworks.state[framework])
            {
                continue;
            }
            int n = 0;
            for (int j = 0; j < count; j++)
            {
                final int task = markedTasks[j];
                if (tasks.frameworkSlot[task] == framework)
                {
                    eventTasks[n] = tasks.taskId[task];
                    eventAgents[n] = tasks.agentId[task];
                    n++;
                }
            }
            if (n > 0)
            {
                s.output.revocation(s.frameworks.sessionId[framework], s.frameworks.id[framework], deadline, eventTasks, eventAgents, n);
            }
        }
    }

    private int addScratch(final int count, final long value)
    {
        if (count == scratch.length)
        {
            scratch = Arrays.copyOf(scratch, count * 2);
        }
        scratch[count] = value;
        return count + 1;
    }

    private void addRevoked(final long sequence)
    {
        if (revokedCount == revoked.length)
        {
            revoked = Arrays.copyOf(revoked, revokedCount * 2);
        }
        revoked[revokedCount++] = sequence;
    }
}
