/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.resources.Resources;

/**
 * A scripted framework of a scenario, as declared by {@code framework} or {@code add-framework}.
 *
 * @param id                scenario id, also the framework's name.
 * @param task              resources of each task.
 * @param tasks             tasks it wants to see finish, or {@link #UNLIMITED}.
 * @param perOffer          most tasks launched from one offer, or {@link #ALL} for as many as fit.
 * @param durationMs        how long a task runs, or {@link Durations#INFINITE}.
 * @param refuseMs          filter of its declines and of the unused rest of its accepts.
 * @param failoverTimeoutMs how long its tasks survive its disconnection, or {@link Durations#INFINITE}.
 * @param partitionAware    whether it wants {@code TASK_UNREACHABLE} rather than {@code TASK_LOST}.
 * @param role              its role.
 * @param prefer            its preferred agents: attributes ({@code rack:r1}) or agent ids ({@code a1,a2}); empty for
 *                          none.
 * @param line              line of the declaration.
 */
public record FrameworkSpec(
    String id,
    Resources task,
    long tasks,
    int perOffer,
    long durationMs,
    long refuseMs,
    long failoverTimeoutMs,
    boolean partitionAware,
    String role,
    String prefer,
    int line)
{
    /**
     * {@code tasks=unlimited}: the framework always wants more.
     */
    public static final long UNLIMITED = -1;

    /**
     * {@code per_offer=all}: as many tasks as fit in the offer.
     */
    public static final int ALL = -1;

    /**
     * Default role of a framework.
     */
    public static final String DEFAULT_ROLE = "*";
}
