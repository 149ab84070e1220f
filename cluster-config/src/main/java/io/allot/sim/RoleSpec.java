/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.resources.Resources;

/**
 * An operator change of a role, as declared by {@code role} at time 0 or by {@code set-weight} and {@code set-quota}
 * later: it reaches the engine as UpdateWeight and UpdateQuota inputs.
 *
 * @param name        the role.
 * @param weightMilli its new weight in thousandths, or {@link #NO_WEIGHT} to leave the weight as it is.
 * @param quota       its new guarantee, empty to remove it, or null to leave the guarantee as it is.
 * @param force       whether the guarantee is set even above the cluster's total.
 * @param line        line of the declaration.
 */
public record RoleSpec(String name, long weightMilli, Resources quota, boolean force, int line)
{
    /**
     * {@link #weightMilli()} of a change that leaves the weight as it is.
     */
    public static final long NO_WEIGHT = 0;

    /**
     * @return whether the change sets the weight.
     */
    public boolean hasWeight()
    {
        return NO_WEIGHT != weightMilli;
    }

    /**
     * @return whether the change sets or removes the guarantee.
     */
    public boolean hasQuota()
    {
        return null != quota;
    }
}
