/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.sim.Scenario;
import io.allot.sim.ScenarioException;
import io.allot.sim.SimulationResult;
import io.allot.sim.Simulator;
import io.allot.sim.SimulatorContext;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Runs a parsed scenario for a command and prints its result lines; what goes wrong goes to the error stream with
 * the exit status to return.
 */
final class SimulationRun
{
    private SimulationRun()
    {
    }

    static int run(final String command, final Scenario scenario, final SimulationOptions options, final PrintStream out,
        final PrintStream err)
    {
        final SimulatorContext ctx = new SimulatorContext()
            .scenario(scenario)
            .outputDirectory(options.outputDirectory)
            .progress(err);
        if (options.hasSeed)
        {
            ctx.seed(options.seed);
        }

        final SimulationResult result;
        try (Simulator simulator = Simulator.launch(ctx))
        {
            result = simulator.run();
        }
        catch (final IOException ex)
        {
            err.println("allot " + command + ": cannot write the output files: " + ex.getMessage());
            return ExitCodes.FAILURE;
        }
        catch (final ScenarioException ex)
        {
            err.println(ex.getMessage());
            return ExitCodes.USAGE;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("allot " + command + ": " + scenario.source() + ": " + ex.getMessage());
            return ExitCodes.USAGE;
        }
        catch (final RuntimeException ex)
        {
            err.println("allot " + command + ": the simulation failed: " + ex);
            return ExitCodes.FAILURE;
        }

        for (final String line : result.lines())
        {
            out.println(line);
        }
        out.flush();

        if (result.engineErrors() > 0)
        {
            err.println("allot " + command + ": note: the engine refused " + result.engineErrors() + " input(s); first: " +
                result.firstEngineError());
        }
        if (null != options.outputDirectory)
        {
            err.println("allot " + command + ": wrote offers.csv, tasks.csv, shares.csv and shares.svg to " +
                options.outputDirectory);
        }

        return ExitCodes.OK;
    }
}
