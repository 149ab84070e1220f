/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.resources.Resources;

/**
 * Orders clients (roles, or frameworks within a role) for allocation: Mesos's {@code Sorter}. Clients are small
 * integer slots owned by the caller; only active clients are visited. {@link #poll()} takes clients out in order
 * and {@link #restore()} puts back every client taken since the last restore.
 */
interface Sorter
{
    /** Mesos's {@code --framework_sorter} / {@code --role_sorter} value for Dominant Resource Fairness. */
    String DRF = "drf";
    /** Mesos's {@code random} sorter: a seeded random order, the baseline DRF is measured against. */
    String RANDOM = "random";

    void add(int client, long key, String name, double weight);

    void remove(int client);

    boolean contains(int client);

    boolean isActive(int client);

    void activate(int client);

    void deactivate(int client);

    void updateWeight(int client, double weight);

    void allocated(int client, Resources resources, int sign);

    /**
     * @return what the client holds of a scalar dimension, in thousandths.
     */
    long allocation(int client, int dim);

    /**
     * @return the client's weighted dominant share.
     */
    double share(int client);

    void totalChanged();

    /**
     * @return the next active client in this sorter's order, or -1 when none is left.
     */
    int poll();

    void restore();
}
