/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.sim.Durations;
import io.allot.sim.Scenario;
import io.allot.sim.ScenarioException;
import io.allot.sim.ScenarioParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code allot demo}: until the real master and agents exist, runs the bundled demo scenario through the simulator.
 */
final class DemoCommand implements Command
{
    /** Classpath location of the bundled scenario. */
    static final String RESOURCE = "/io/allot/cli/demo.scenario";

    static final String USAGE = String.join(System.lineSeparator(),
        "usage: allot demo [--seed N] [--out DIR]",
        "",
        "Runs the bundled demo scenario (agents on two racks, three frameworks with different task",
        "shapes, agents and frameworks coming and going over a minute of virtual time) through the",
        "simulator on the real allocator engine, and prints its result as 'allot simulate' does.",
        "A later build runs a real master and agents on this machine instead.",
        "",
        "Options:",
        "  --seed N     seed of the run, instead of the scenario's",
        "  --out DIR    also write offers.csv, tasks.csv, shares.csv and shares.svg into DIR",
        "  -h, --help   show this help");

    public String name()
    {
        return "demo";
    }

    public String summary()
    {
        return "run the bundled demo scenario through the simulator";
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final SimulationOptions options;
        try
        {
            options = SimulationOptions.parse(name(), args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            err.println("usage: allot demo [--seed N] [--out DIR]   (see 'allot demo --help')");
            return ExitCodes.USAGE;
        }

        if (options.help)
        {
            out.println(USAGE);
            return ExitCodes.OK;
        }
        if (!options.positional.isEmpty())
        {
            err.println("allot demo: unexpected argument '" + options.positional.get(0) + "'");
            err.println("usage: allot demo [--seed N] [--out DIR]   (see 'allot demo --help')");
            return ExitCodes.USAGE;
        }

        final Scenario scenario;
        try
        {
            scenario = ScenarioParser.parse("demo.scenario", readScenario());
        }
        catch (final IOException | ScenarioException ex)
        {
            err.println("allot demo: the bundled scenario is broken: " + ex.getMessage());
            return ExitCodes.FAILURE;
        }

        out.println("allot demo: simulating the bundled scenario demo.scenario on the real allocator engine:");
        out.println("  " + scenario.agentCount() + " agents, " + scenario.frameworkIds().size() + " frameworks, " +
            scenario.events().size() + " timed actions, " + Durations.format(scenario.runMs()) + " of virtual time, seed " +
            (options.hasSeed ? options.seed : scenario.seed()) + ".");
        out.println("  (The real master and agents come in a later build; try 'allot simulate --help'.)");
        out.println();

        return SimulationRun.run(name(), scenario, options, out, err);
    }

    static String readScenario() throws IOException
    {
        try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE))
        {
            if (null == in)
            {
                throw new IOException("missing classpath resource " + RESOURCE);
            }

            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
