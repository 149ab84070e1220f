/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.resources.Resources;

/**
 * An agent of a scenario, as declared by {@code agent}, {@code agents} or {@code add-agent}.
 *
 * @param id         scenario id, also the agent's hostname.
 * @param resources  total resources.
 * @param attributes attributes in Mesos syntax, e.g. {@code rack:r1;zone:a}; empty for none.
 * @param line       line of the declaration.
 */
public record AgentSpec(String id, Resources resources, String attributes, int line)
{
}
