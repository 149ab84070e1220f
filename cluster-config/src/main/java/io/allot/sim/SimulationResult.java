/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What a simulation ends with: one outcome per framework, sorted by id, and the engine's state digest.
 */
public final class SimulationResult
{
    /**
     * The end state of one scripted framework.
     *
     * @param id          scenario id.
     * @param running     tasks it sees running, 0 when the engine no longer knows it.
     * @param launched    tasks it launched.
     * @param finished    tasks it saw finish.
     * @param share       its dominant share, 0 when the engine no longer knows it.
     * @param role        its role.
     * @param revoked     its tasks killed with reason {@code REVOKED}.
     * @param revocations its tasks named by the engine's revocation events (not in the result line).
     */
    public record FrameworkOutcome(
        String id, int running, long launched, long finished, double share, String role, long revoked, long revocations)
    {
        /**
         * @return the result line
         *         {@code framework <id> running=<n> launched=<n> finished=<n> share=<x.xxx> role=<role> revoked=<n>}.
         */
        public String line()
        {
            return String.format(Locale.ROOT, "framework %s running=%d launched=%d finished=%d share=%.3f role=%s revoked=%d",
                id, running, launched, finished, share, role, revoked);
        }
    }

    private final List<FrameworkOutcome> frameworks;
    private final long digest;
    private final long engineErrors;
    private final String firstEngineError;
    private final long inputs;

    SimulationResult(
        final List<FrameworkOutcome> frameworks,
        final long digest,
        final long engineErrors,
        final String firstEngineError,
        final long inputs)
    {
        this.frameworks = Collections.unmodifiableList(new ArrayList<>(frameworks));
        this.digest = digest;
        this.engineErrors = engineErrors;
        this.firstEngineError = firstEngineError;
        this.inputs = inputs;
    }

    /**
     * @return one outcome per framework, sorted by id.
     */
    public List<FrameworkOutcome> frameworks()
    {
        return frameworks;
    }

    /**
     * @param id scenario id of a framework.
     * @return its outcome, or null if the scenario has no such framework.
     */
    public FrameworkOutcome framework(final String id)
    {
        for (final FrameworkOutcome outcome : frameworks)
        {
            if (outcome.id().equals(id))
            {
                return outcome;
            }
        }

        return null;
    }

    /**
     * @return the engine's state digest at the end.
     */
    public long digest()
    {
        return digest;
    }

    /**
     * @return how many inputs the engine refused with an error.
     */
    public long engineErrors()
    {
        return engineErrors;
    }

    /**
     * @return the first error the engine answered, or null if none.
     */
    public String firstEngineError()
    {
        return firstEngineError;
    }

    /**
     * @return how many messages the engine was given.
     */
    public long inputs()
    {
        return inputs;
    }

    /**
     * @return the result lines: one per framework, then {@code digest <16 hex digits>}.
     */
    public List<String> lines()
    {
        final List<String> lines = new ArrayList<>(frameworks.size() + 1);
        for (final FrameworkOutcome outcome : frameworks)
        {
            lines.add(outcome.line());
        }
        lines.add(String.format(Locale.ROOT, "digest %016x", digest));

        return lines;
    }
}
