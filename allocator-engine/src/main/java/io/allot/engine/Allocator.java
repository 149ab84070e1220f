/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.AgentState;
import io.allot.codecs.sbe.FrameworkState;
import io.allot.resources.Resources;
import org.agrona.collections.Object2IntHashMap;

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
    private static final int NO_ROLE = -1;

    private final EngineState s;
    private final Sorter roleSorter;
    private final Object2IntHashMap<String> roleSlotByName = new Object2IntHashMap<>(NO_ROLE);
    private final Resources offerable;
    private final Resources delta;
    private String[] roleNames = new String[16];
    private Sorter[] frameworkSorters = new Sorter[16];
    private int[] roleFrameworkCount = new int[16];
    private int roleCount;
    private long[] dirtyIds = new long[64];
    private int dirtyCount;

    Allocator(final EngineState state)
    {
        this.s = state;
        this.roleSorter = newSorter(state.ctx.roleSorter());
        this.offerable = new Resources(state.names);
        this.delta = new Resources(state.names);
    }

    private Sorter newSorter(final String kind)
    {
        return Sorter.RANDOM.equals(kind) ? new RandomSorter(s.clusterTotal, s::nextRandom) : new DrfSorter(s.clusterTotal, 16);
    }

    // ---------------------------------------------------------------- frameworks in the sorters

    void addFramework(final int framework)
    {
        final String role = s.frameworks.role[framework];
        int roleSlot = roleSlotByName.getValue(role);
        if (NO_ROLE == roleSlot)
        {
            roleSlot = roleCount++;
            if (roleSlot == roleNames.length)
            {
                roleNames = Arrays.copyOf(roleNames, roleSlot * 2);
                frameworkSorters = Arrays.copyOf(frameworkSorters, roleSlot * 2);
                roleFrameworkCount = Arrays.copyOf(roleFrameworkCount, roleSlot * 2);
            }
            roleNames[roleSlot] = role;
            frameworkSorters[roleSlot] = newSorter(s.ctx.frameworkSorter());
            roleSlotByName.put(role, roleSlot);
            roleSorter.add(roleSlot, 0, role, 1.0);
            roleSorter.activate(roleSlot);
        }
        s.frameworks.roleSlot[framework] = roleSlot;
        roleFrameworkCount[roleSlot]++;
        frameworkSorters[roleSlot].add(framework, s.frameworks.id[framework], null, 1.0);
    }

    void removeFramework(final int framework)
    {
        final int roleSlot = s.frameworks.roleSlot[framework];
        frameworkSorters[roleSlot].remove(framework);
        roleFrameworkCount[roleSlot]--;
    }

    /**
     * Put a framework in or out of the offer rotation according to its state and suppression.
     */
    void updateActivation(final int framework)
    {
        final Sorter sorter = frameworkSorters[s.frameworks.roleSlot[framework]];
        if (FrameworkState.ACTIVE == s.frameworks.state[framework] && !s.frameworks.suppressed[framework])
        {
            sorter.activate(framework);
        }
        else
        {
            sorter.deactivate(framework);
        }
    }

    void allocate(final int framework, final Resources resources, final int sign)
    {
        final int roleSlot = s.frameworks.roleSlot[framework];
        frameworkSorters[roleSlot].allocated(framework, resources, sign);
        roleSorter.allocated(roleSlot, resources, sign);
    }

    void totalChanged()
    {
        roleSorter.totalChanged();
        for (int r = 0; r < roleCount; r++)
        {
            frameworkSorters[r].totalChanged();
        }
    }

    double dominantShare(final int framework)
    {
        return frameworkSorters[s.frameworks.roleSlot[framework]].share(framework);
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

        int chosen = IdSlots.NONE;
        for (int role = roleSorter.poll(); NO_ROLE != role; role = roleSorter.poll())
        {
            final Sorter sorter = frameworkSorters[role];
            for (int framework = sorter.poll(); IdSlots.NONE != framework; framework = sorter.poll())
            {
                if (!s.filters.isFiltered(framework, agent, offerable, s.nowMs))
                {
                    chosen = framework;
                    break;
                }
            }
            if (IdSlots.NONE != chosen)
            {
                makeOffer(chosen, agent, offerable);
                sorter.restore();
                break;
            }
            sorter.restore();
        }
        roleSorter.restore();
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

    int roleCount()
    {
        return roleCount;
    }

    String roleName(final int roleSlot)
    {
        return roleNames[roleSlot];
    }

    double roleShare(final int roleSlot)
    {
        return roleSorter.share(roleSlot);
    }

    int roleFrameworkCount(final int roleSlot)
    {
        return roleFrameworkCount[roleSlot];
    }
}
