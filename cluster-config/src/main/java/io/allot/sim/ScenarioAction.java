/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

/**
 * What an {@code at} line of a scenario does.
 */
public enum ScenarioAction
{
    /** Subscribe a new scripted framework. */
    ADD_FRAMEWORK("add-framework", Target.FRAMEWORK),
    /** Tear a framework down. */
    REMOVE_FRAMEWORK("remove-framework", Target.FRAMEWORK),
    /** Register a new agent. */
    ADD_AGENT("add-agent", Target.AGENT),
    /** The operator removes an agent. */
    REMOVE_AGENT("remove-agent", Target.AGENT),
    /** The framework suppresses offers. */
    SUPPRESS("suppress", Target.FRAMEWORK),
    /** The framework revives offers. */
    REVIVE("revive", Target.FRAMEWORK),
    /** The operator deactivates an agent. */
    DEACTIVATE_AGENT("deactivate-agent", Target.AGENT),
    /** The operator reactivates an agent. */
    REACTIVATE_AGENT("reactivate-agent", Target.AGENT),
    /** The framework's session closes. */
    DISCONNECT_FRAMEWORK("disconnect-framework", Target.FRAMEWORK),
    /** The framework subscribes again with its framework id. */
    RECONNECT_FRAMEWORK("reconnect-framework", Target.FRAMEWORK),
    /** The agent stops answering, as if cut off by a network partition. */
    SILENCE_AGENT("silence-agent", Target.AGENT),
    /** The operator changes a role's weight (UpdateWeight). */
    SET_WEIGHT("set-weight", Target.ROLE),
    /** The operator sets or removes a role's guarantee (UpdateQuota). */
    SET_QUOTA("set-quota", Target.ROLE);

    /**
     * What an action names.
     */
    public enum Target
    {
        /** A framework id. */
        FRAMEWORK,
        /** An agent id. */
        AGENT,
        /** A role. */
        ROLE
    }

    private final String keyword;
    private final Target target;

    ScenarioAction(final String keyword, final Target target)
    {
        this.keyword = keyword;
        this.target = target;
    }

    /**
     * @return the keyword in a scenario.
     */
    public String keyword()
    {
        return keyword;
    }

    /**
     * @return what the action names.
     */
    public Target target()
    {
        return target;
    }

    /**
     * Find an action by its keyword.
     *
     * @param keyword as written in a scenario.
     * @return the action, or null if none has that keyword.
     */
    public static ScenarioAction byKeyword(final String keyword)
    {
        for (final ScenarioAction action : values())
        {
            if (action.keyword.equals(keyword))
            {
                return action;
            }
        }

        return null;
    }
}
