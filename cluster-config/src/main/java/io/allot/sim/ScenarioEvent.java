/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

/**
 * An {@code at} line of a scenario.
 *
 * @param timeMs    virtual time of the action.
 * @param action    what happens.
 * @param id        the framework, agent or role named.
 * @param agent     the new agent of {@link ScenarioAction#ADD_AGENT}, else null.
 * @param framework the new framework of {@link ScenarioAction#ADD_FRAMEWORK}, else null.
 * @param role      the change of {@link ScenarioAction#SET_WEIGHT} and {@link ScenarioAction#SET_QUOTA}, else null.
 * @param line      line of the {@code at}.
 */
public record ScenarioEvent(
    long timeMs, ScenarioAction action, String id, AgentSpec agent, FrameworkSpec framework, RoleSpec role, int line)
{
}
