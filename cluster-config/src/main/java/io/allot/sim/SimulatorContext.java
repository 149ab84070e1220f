/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of a {@link Simulator}: the scenario, an optional seed that overrides the scenario's, an optional
 * directory for the CSV and SVG outputs, and where progress goes when a run is slow. {@link #conclude()} validates
 * and may be called once.
 */
public final class SimulatorContext
{
    /** Wall time after which a run starts reporting progress. */
    public static final long DEFAULT_PROGRESS_AFTER_MS = 2_000;

    private boolean isConcluded;
    private Scenario scenario;
    private boolean hasSeed;
    private long seed;
    private Path outputDirectory;
    private PrintStream progress;
    private long progressAfterMs = DEFAULT_PROGRESS_AFTER_MS;

    /**
     * Validate and fill in defaults.
     *
     * @return this for a fluent API.
     * @throws IllegalStateException if called twice or without a scenario.
     */
    public SimulatorContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("SimulatorContext already concluded");
        }
        isConcluded = true;

        if (null == scenario)
        {
            throw new IllegalStateException("a scenario is required");
        }
        if (!hasSeed)
        {
            seed = scenario.seed();
        }

        return this;
    }

    /**
     * @return whether {@link #conclude()} was called.
     */
    public boolean isConcluded()
    {
        return isConcluded;
    }

    /**
     * @param scenario to run.
     * @return this for a fluent API.
     */
    public SimulatorContext scenario(final Scenario scenario)
    {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        return this;
    }

    /**
     * @return the scenario to run.
     */
    public Scenario scenario()
    {
        return scenario;
    }

    /**
     * @param seed seed that overrides the scenario's {@code seed}.
     * @return this for a fluent API.
     */
    public SimulatorContext seed(final long seed)
    {
        this.seed = seed;
        this.hasSeed = true;
        return this;
    }

    /**
     * @return the seed of the run: the override if given, else the scenario's.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * @param directory where {@code offers.csv}, {@code tasks.csv}, {@code shares.csv} and {@code shares.svg} go;
     *                  null for none.
     * @return this for a fluent API.
     */
    public SimulatorContext outputDirectory(final Path directory)
    {
        this.outputDirectory = directory;
        return this;
    }

    /**
     * @return where the output files go, or null for none.
     */
    public Path outputDirectory()
    {
        return outputDirectory;
    }

    /**
     * @param progress where progress lines go when a run is slow; null for none.
     * @return this for a fluent API.
     */
    public SimulatorContext progress(final PrintStream progress)
    {
        this.progress = progress;
        return this;
    }

    /**
     * @return where progress lines go, or null for none.
     */
    public PrintStream progress()
    {
        return progress;
    }

    /**
     * @param ms wall time after which a run reports progress.
     * @return this for a fluent API.
     */
    public SimulatorContext progressAfterMs(final long ms)
    {
        this.progressAfterMs = ms;
        return this;
    }

    /**
     * @return wall time after which a run reports progress.
     */
    public long progressAfterMs()
    {
        return progressAfterMs;
    }
}
