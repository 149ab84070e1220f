/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

/**
 * A task running on a scripted agent.
 */
final class SimTask
{
    final ScriptedAgent agent;
    final long frameworkId;
    final long taskId;
    boolean live = true;

    SimTask(final ScriptedAgent agent, final long frameworkId, final long taskId)
    {
        this.agent = agent;
        this.frameworkId = frameworkId;
        this.taskId = taskId;
    }
}
