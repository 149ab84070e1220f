/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.AgentState;
import io.allot.codecs.sbe.FrameworkState;
import io.allot.resources.Resources;

import java.util.Arrays;

/**
 * Hierarchical DRF allocation (Mesos's {@code HierarchicalDRFAllocator}): roles are sorted by weighted dominant
 * share, frameworks within a role likewise, and an agent's free resources go whole to the first framework in that
 * order that does not filter them. Allocation is event driven: an agent whose free resources change is marked
 * dirty and allocated at the end of the input that changed it, in ascending agent id order so that the result
 * never depends on the order in which agents were marked.
 * <p>
 * Resources in outstanding offers count toward a framework's allocation, as in the paper and in Mesos.
 */
final class Allocator
{
    private final EngineState s;
    private final RoleTable roles;
    private final Resources offerable;
    private final Resources delta;
    private long[] dirtyIds = new long[64];
    private int dirtyCount;
    private int[] preferring = new int[16];
    private int preferringCount;
    private int[] contenders = new int[16];
    private double[] tickets = new double[16];
    private int[] belowGuarantee = new int[16];

    Allocator(final EngineState state)
    {
        this.s = state;
        this.roles = new RoleTable(this::newSorter, state.clusterTotal);
        this.offerable = new Resources(state.names);
        this.delta = new Resources(state.names);
    }

    private Sorter newSorter(final boolean forRoles)
    {
        final String kind = forRoles ? s.ctx.roleSorter() : s.ctx.frameworkSorter();
        return Sorter.RANDOM.equals(kind) ? new RandomSorter(s.clusterTotal, s::nextRandom) : new DrfSorter(s.clusterTotal, 16);
    }

    RoleTable roles()
    {
        return roles;
    }

    // ---------------------------------------------------------------- frameworks in the sorters

    void addFramework(final int framework)
    {
        final int role = roles.getOrCreate(s.frameworks.role[framework]);
        s.frameworks.roleSlot[framework] = role;
        roles.frameworks(role).add(framework, s.frameworks.id[framework], null, 1.0);
        if (null != s.frameworks.prefer[framework])
        {
            addPreferring(framework);
        }
    }

    void removeFramework(final int framework)
    {
        final int role = s.frameworks.roleSlot[framework];
        final Sorter sorter = roles.frameworks(role);
        if (sorter.isActive(framework))
        {
            sorter.deactivate(framework);
            roles.demandChanged(role, -1);
        }
        sorter.remove(framework);
        removePreferring(framework);
    }

    /**
     * Put a framework in or out of the offer rotation according to its state and suppression.
     */
    void updateActivation(final int framework)
    {
        final int role = s.frameworks.roleSlot[framework];
        final Sorter sorter = roles.frameworks(role);
        final boolean wants = FrameworkState.ACTIVE == s.frameworks.state[framework] && !s.frameworks.suppressed[framework];
        if (wants != sorter.isActive(framework))
        {
            if (wants)
            {
                sorter.activate(framework);
            }
            else
            {
                sorter.deactivate(framework);
            }
            roles.demandChanged(role, wants ? +1 : -1);
            if (roles.hasQuota(role))
            {
                markAllDirty();
            }
        }
    }

    void allocate(final int framework, final Resources resources, final int sign)
    {
        final int role = s.frameworks.roleSlot[framework];
        roles.frameworks(role).allocated(framework, resources, sign);
        roles.roleSorter.allocated(role, resources, sign);
        roles.refresh(role);
    }

    void totalChanged()
    {
        roles.totalChanged();
    }

    double dominantShare(final int framework)
    {
        return roles.frameworks(s.frameworks.roleSlot[framework]).share(framework);
    }

    void updatePreferences(final int framework, final Preferences preferences)
    {
        removePreferring(framework);
        s.frameworks.prefer[framework] = preferences;
        if (null != preferences)
        {
            addPreferring(framework);
        }
    }

    private void addPreferring(final int framework)
    {
        if (preferringCount == preferring.length)
        {
            preferring = Arrays.copyOf(preferring, preferringCount * 2);
            contenders = Arrays.copyOf(contenders, preferringCount * 2);
            tickets = Arrays.copyOf(tickets, preferringCount * 2);
        }
        int index = preferringCount++;
        final long id = s.frameworks.id[framework];
        while (index > 0 && s.frameworks.id[preferring[index - 1]] > id)
        {
            preferring[index] = preferring[index - 1];
            index--;
        }
        preferring[index] = framework;
    }

    private void removePreferring(final int framework)
    {
        for (int i = 0; i < preferringCount; i++)
        {
            if (preferring[i] == framework)
            {
                System.arraycopy(preferring, i + 1, preferring, i, preferringCount - i - 1);
                preferringCount--;
                return;
            }
        }
    }

    // ---------------------------------------------------------------- dirty agents

    void markDirty(final int agent)
    {
        if (!s.agents.dirty[agent])
        {
            s.agents.dirty[agent] = true;
            if (dirtyCount == dirtyIds.length)
            {
                dirtyIds = Arrays.copyOf(dirtyIds, dirtyCount * 2);
            }
            dirtyIds[dirtyCount++] = s.agents.id[agent];
        }
    }

    void markAllDirty()
    {
        final IdSlots slots = s.agents.slots;
        for (int i = 0, n = slots.orderCount(); i < n; i++)
        {
            final int agent = slots.orderSlot(i);
            if (IdSlots.NONE != agent && s.agents.isOfferable(agent) && s.agents.hasFree(agent))
            {
                markDirty(agent);
            }
        }
    }

    /**
     * Allocate every dirty agent, in ascending agent id order.
     *
     * @return the number of agents visited.
     */
    int allocateDirty()
    {
        int visited = 0;
        while (dirtyCount > 0)
        {
            final int count = dirtyCount;
            LongSort.sort(dirtyIds, 0, count);
            for (int i = 0; i < count; i++)
            {
                final int agent = s.agents.slot(dirtyIds[i]);
                if (IdSlots.NONE != agent && s.agents.dirty[agent])
                {
                    s.agents.dirty[agent] = false;
                    allocateAgent(agent);
                    visited++;
                }
            }
            if (dirtyCount == count)
            {
                dirtyCount = 0;
            }
            else
            {
                System.arraycopy(dirtyIds, count, dirtyIds, 0, dirtyCount - count);
                dirtyCount -= count;
            }
        }
        return visited;
    }

    /**
     * Offer an agent's free resources, whole, in three stages: to a role below its guarantee (in role order), then
     * by lottery among the frameworks that prefer the agent, then by DRF. Only the first stage may use what is
     * set aside for unmet guarantees.
     */
    private void allocateAgent(final int agent)
    {
        if (AgentState.ACTIVE != s.agents.state[agent])
        {
            return;
        }
        s.agents.readFree(agent, offerable);
        if (offerable.isEmpty() || !s.ctx.minAllocatable().isSatisfiedBy(offerable))
        {
            return;
        }
        if (roles.anyUnsatisfied())
        {
            final int chosen = pickBelowGuarantee(agent);
            if (IdSlots.NONE != chosen)
            {
                makeOffer(chosen, agent, offerable);
                return;
            }
            if (!roles.headroomAllows(offerable, s.agents.freeTotal))
            {
                return;
            }
        }
        if (preferringCount > 0)
        {
            final int chosen = lottery(agent);
            if (IdSlots.NONE != chosen)
            {
                makeOffer(chosen, agent, offerable);
                return;
            }
        }
        final int chosen = pick(agent);
        if (IdSlots.NONE != chosen)
        {
            makeOffer(chosen, agent, offerable);
        }
    }

    /**
     * The first framework, in role order then framework order, that does not filter the agent.
     */
    private int pick(final int agent)
    {
        final Sorter roleSorter = roles.roleSorter;
        int chosen = IdSlots.NONE;
        for (int role = roleSorter.poll(); RoleTable.NONE != role && IdSlots.NONE == chosen; role = roleSorter.poll())
        {
            chosen = pickInRole(role, agent);
        }
        roleSorter.restore();
        return chosen;
    }

    /**
     * Like {@link #pick} over the roles below their guarantee only, which are few: they are sorted on their own
     * rather than by walking every role's heap.
     */
    private int pickBelowGuarantee(final int agent)
    {
        if (belowGuarantee.length < roles.count())
        {
            belowGuarantee = new int[roles.count()];
        }
        final int count = roles.unsatisfiedInOrder(belowGuarantee);
        for (int i = 0; i < count; i++)
        {
            final int chosen = pickInRole(belowGuarantee[i], agent);
            if (IdSlots.NONE != chosen)
            {
                return chosen;
            }
        }
        return IdSlots.NONE;
    }

    private int pickInRole(final int role, final int agent)
    {
        int chosen = IdSlots.NONE;
        final Sorter sorter = roles.frameworks(role);
        for (int framework = sorter.poll(); IdSlots.NONE != framework; framework = sorter.poll())
        {
            if (!s.filters.isFiltered(framework, agent, offerable, s.nowMs))
            {
                chosen = framework;
                break;
            }
        }
        sorter.restore();
        return chosen;
    }

    /**
     * Among the frameworks that prefer this agent and want it, draw one with tickets in proportion to its intended
     * allocation: its role's weighted fair share divided among the role's frameworks. Seeded, so replayable.
     */
    private int lottery(final int agent)
    {
        int count = 0;
        double total = 0.0;
        for (int i = 0; i < preferringCount; i++)
        {
            final int framework = preferring[i];
            final int role = s.frameworks.roleSlot[framework];
            if (roles.frameworks(role).isActive(framework) &&
                Preferences.matches(s.frameworks.prefer[framework], s.agents.hostname[agent], s.agents.id[agent],
                    s.agents.attributes[agent]) &&
                !s.filters.isFiltered(framework, agent, offerable, s.nowMs))
            {
                final double share = roles.fairShare(role) / roles.activeFrameworks(role);
                contenders[count] = framework;
                tickets[count] = share;
                total += share;
                count++;
            }
        }
        if (0 == count)
        {
            return IdSlots.NONE;
        }
        if (1 == count || total <= 0.0)
        {
            return contenders[0];
        }
        final double draw = ((s.nextRandom() >>> 11) * 0x1.0p-53) * total;
        double cumulative = 0.0;
        for (int i = 0; i < count - 1; i++)
        {
            cumulative += tickets[i];
            if (draw < cumulative)
            {
                return contenders[i];
            }
        }
        return contenders[count - 1];
    }

    private void makeOffer(final int framework, final int agent, final Resources resources)
    {
        final long offerId = s.nextOfferId++;
        final OfferTable offers = s.offers;
        final int offer = offers.add(offerId, framework, agent, s.nowMs, resources);
        Lists.push(s.agents.firstOffer, agent, offers.prevOnAgent, offers.nextOnAgent, offer);
        Lists.push(s.frameworks.firstOffer, framework, offers.prevOnFramework, offers.nextOnFramework, offer);
        s.agents.subtractFree(agent, resources);
        allocate(framework, resources, +1);
        s.offersSent++;
        s.output.offer(
            s.frameworks.sessionId[framework],
            s.frameworks.id[framework],
            offerId,
            s.agents.id[agent],
            resources,
            s.agents.hostname[agent],
            s.agents.attributes[agent]);
    }

    // ---------------------------------------------------------------- giving offers back

    /**
     * Remove an offer and give its resources back to its agent, which becomes dirty.
     *
     * @param offer     slot of the offer.
     * @param rescind   tell the framework with a Rescind.
     */
    void removeOffer(final int offer, final boolean rescind)
    {
        final OfferTable offers = s.offers;
        final int agent = offers.agentSlot[offer];
        final int framework = offers.frameworkSlot[offer];
        Lists.unlink(s.agents.firstOffer, agent, offers.prevOnAgent, offers.nextOnAgent, offer);
        Lists.unlink(s.frameworks.firstOffer, framework, offers.prevOnFramework, offers.nextOnFramework, offer);
        offers.read(offer, delta);
        s.agents.addFree(agent, delta);
        allocate(framework, delta, -1);
        final long offerId = offers.id[offer];
        offers.slots.remove(offerId);
        markDirty(agent);
        if (rescind)
        {
            s.offersRescinded++;
            s.output.rescind(s.frameworks.sessionId[framework], s.frameworks.id[framework], offerId);
        }
    }

    void rescindOffersOfAgent(final int agent)
    {
        for (int offer = s.agents.firstOffer[agent]; IdSlots.NONE != offer; offer = s.agents.firstOffer[agent])
        {
            final int framework = s.offers.frameworkSlot[offer];
            removeOffer(offer, FrameworkState.ACTIVE == s.frameworks.state[framework]);
        }
    }

    void rescindOffersOfFramework(final int framework, final boolean tell)
    {
        for (int offer = s.frameworks.firstOffer[framework]; IdSlots.NONE != offer; offer = s.frameworks.firstOffer[framework])
        {
            removeOffer(offer, tell);
        }
    }
}
