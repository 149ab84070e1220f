/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;

/**
 * Roles: each has a weight (Mesos's {@code /weights}, default 1.0), an optional guarantee (quota), its own sorter
 * of frameworks and a count of the frameworks that want offers (its demand). It keeps, per role and in total, how
 * much of each guarantee is unmet while the role has demand: what allocation must set aside and revocation must
 * find.
 */
final class RoleTable
{
    static final int NONE = -1;
    static final double DEFAULT_WEIGHT = 1.0;

    final Sorter roleSorter;
    /** Unmet guarantee per dimension, summed over roles with demand. */
    final long[] required = new long[ResourceNames.MAX_SCALARS];
    private final Object2IntHashMap<String> slotByName = new Object2IntHashMap<>(NONE);
    private final SorterFactory sorters;
    private final long[] clusterTotal;
    private String[] name = new String[16];
    private double[] weight = new double[16];
    private boolean[] hasQuota = new boolean[16];
    private final long[][] quota = new long[ResourceNames.MAX_SCALARS][16];
    private final long[][] unmet = new long[ResourceNames.MAX_SCALARS][16];
    private Sorter[] frameworkSorter = new Sorter[16];
    private int[] activeFrameworks = new int[16];
    private double activeWeightSum;
    private int count;
    private int[] unsatisfied = new int[16];
    private int unsatisfiedCount;

    /**
     * Makes the sorters of roles and of the frameworks in a role.
     */
    @FunctionalInterface
    interface SorterFactory
    {
        Sorter newSorter(boolean forRoles);
    }

    RoleTable(final SorterFactory sorters, final long[] clusterTotal)
    {
        this.sorters = sorters;
        this.clusterTotal = clusterTotal;
        this.roleSorter = sorters.newSorter(true);
    }

    int count()
    {
        return count;
    }

    int slot(final String role)
    {
        return slotByName.getValue(role);
    }

    int getOrCreate(final String role)
    {
        int slot = slotByName.getValue(role);
        if (NONE == slot)
        {
            slot = count++;
            ensureCapacity(count);
            name[slot] = role;
            weight[slot] = DEFAULT_WEIGHT;
            hasQuota[slot] = false;
            frameworkSorter[slot] = sorters.newSorter(false);
            slotByName.put(role, slot);
            roleSorter.add(slot, 0, role, DEFAULT_WEIGHT);
            roleSorter.activate(slot);
        }
        return slot;
    }

    String name(final int role)
    {
        return name[role];
    }

    Sorter frameworks(final int role)
    {
        return frameworkSorter[role];
    }

    /**
     * A framework of the role started (+1) or stopped (-1) wanting offers.
     */
    void demandChanged(final int role, final int delta)
    {
        final int before = activeFrameworks[role];
        activeFrameworks[role] += delta;
        if (0 == before && activeFrameworks[role] > 0)
        {
            activeWeightSum += weight[role];
        }
        else if (before > 0 && 0 == activeFrameworks[role])
        {
            activeWeightSum -= weight[role];
        }
        refresh(role);
    }

    double weight(final int role)
    {
        return weight[role];
    }

    void weight(final int role, final double newWeight)
    {
        if (activeFrameworks[role] > 0)
        {
            activeWeightSum += newWeight - weight[role];
        }
        weight[role] = newWeight;
        roleSorter.updateWeight(role, newWeight);
    }

    boolean hasQuota(final int role)
    {
        return hasQuota[role];
    }

    long quota(final int role, final int dim)
    {
        return quota[dim][role];
    }

    void quota(final int role, final Resources guarantee)
    {
        hasQuota[role] = !guarantee.isEmpty();
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            quota[d][role] = guarantee.scalar(d);
        }
        refresh(role);
    }

    void readQuota(final int role, final Resources into)
    {
        into.clear();
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            into.setScalar(d, quota[d][role]);
        }
    }

    long allocation(final int role, final int dim)
    {
        return roleSorter.allocation(role, dim);
    }

    /**
     * Recompute the role's unmet guarantee after its allocation, demand or guarantee changed.
     */
    void refresh(final int role)
    {
        final boolean wasUnsatisfied = isUnsatisfied(role);
        final boolean wants = hasQuota[role] && activeFrameworks[role] > 0;
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            final long unmetNow = wants ? Math.max(0, quota[d][role] - roleSorter.allocation(role, d)) : 0;
            required[d] += unmetNow - unmet[d][role];
            unmet[d][role] = unmetNow;
        }
        final boolean isUnsatisfied = isUnsatisfied(role);
        if (isUnsatisfied && !wasUnsatisfied)
        {
            if (unsatisfiedCount == unsatisfied.length)
            {
                unsatisfied = Arrays.copyOf(unsatisfied, unsatisfiedCount * 2);
            }
            unsatisfied[unsatisfiedCount++] = role;
        }
        else if (!isUnsatisfied && wasUnsatisfied)
        {
            for (int i = 0; i < unsatisfiedCount; i++)
            {
                if (unsatisfied[i] == role)
                {
                    unsatisfied[i] = unsatisfied[--unsatisfiedCount];
                    break;
                }
            }
        }
    }

    /**
     * Put the roles below their guarantee, in the role sorter's order (share, then name), into the given array.
     *
     * @return their number.
     */
    int unsatisfiedInOrder(final int[] into)
    {
        for (int i = 0; i < unsatisfiedCount; i++)
        {
            final int role = unsatisfied[i];
            final double share = roleSorter.share(role);
            int index = i;
            while (index > 0 && before(role, share, into[index - 1]))
            {
                into[index] = into[index - 1];
                index--;
            }
            into[index] = role;
        }
        return unsatisfiedCount;
    }

    private boolean before(final int role, final double share, final int other)
    {
        final int byShare = Double.compare(share, roleSorter.share(other));
        return byShare != 0 ? byShare < 0 : name[role].compareTo(name[other]) < 0;
    }

    /**
     * @return true when the role has demand and is below its guarantee in some dimension.
     */
    boolean isUnsatisfied(final int role)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            if (unmet[d][role] > 0)
            {
                return true;
            }
        }
        return false;
    }

    boolean anyUnsatisfied()
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            if (required[d] > 0)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * May these resources go to a role that is not below its guarantee? Only when what stays free still covers
     * every unmet guarantee.
     */
    boolean headroomAllows(final Resources resources, final long[] freeTotal)
    {
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            if (required[d] > 0 && freeTotal[d] - resources.scalar(d) < required[d])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the role's intended share of the cluster: its weight over the weights of all roles with demand.
     */
    double fairShare(final int role)
    {
        return activeWeightSum > 0 && activeFrameworks[role] > 0 ? weight[role] / activeWeightSum : 0.0;
    }

    int activeFrameworks(final int role)
    {
        return activeFrameworks[role];
    }

    /**
     * @return how far the role is above its guarantee: the largest share of the cluster it holds beyond it.
     */
    double overShare(final int role)
    {
        double over = 0.0;
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            if (clusterTotal[d] > 0)
            {
                over = Math.max(over, (double)(roleSorter.allocation(role, d) - quota[d][role]) / clusterTotal[d]);
            }
        }
        return over;
    }

    /**
     * Sum of every role's guarantee except one, per dimension, into the given array.
     */
    void sumQuotasExcept(final int except, final long[] into)
    {
        Arrays.fill(into, 0);
        for (int r = 0; r < count; r++)
        {
            if (r != except)
            {
                for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
                {
                    into[d] += quota[d][r];
                }
            }
        }
    }

    void totalChanged()
    {
        roleSorter.totalChanged();
        for (int r = 0; r < count; r++)
        {
            frameworkSorter[r].totalChanged();
        }
    }

    private void ensureCapacity(final int required)
    {
        if (required <= name.length)
        {
            return;
        }
        final int n = name.length * 2;
        name = Arrays.copyOf(name, n);
        weight = Arrays.copyOf(weight, n);
        hasQuota = Arrays.copyOf(hasQuota, n);
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            quota[d] = Arrays.copyOf(quota[d], n);
            unmet[d] = Arrays.copyOf(unmet[d], n);
        }
        frameworkSorter = Arrays.copyOf(frameworkSorter, n);
        activeFrameworks = Arrays.copyOf(activeFrameworks, n);
    }
}
