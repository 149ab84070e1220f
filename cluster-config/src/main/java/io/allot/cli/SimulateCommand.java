/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.sim.Scenario;
import io.allot.sim.ScenarioException;
import io.allot.sim.ScenarioParser;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code allot simulate SCENARIO [--seed N] [--out DIR]}: runs a scenario file through the engine on a virtual clock.
 */
final class SimulateCommand implements Command
{
    static final String USAGE = String.join(System.lineSeparator(),
        "usage: allot simulate SCENARIO [--seed N] [--out DIR]",
        "",
        "Runs the allocator engine on a virtual clock, as fast as it can, with the scripted agents,",
        "frameworks and operator actions of SCENARIO, then prints one line per framework, sorted by id,",
        "and the digest of the engine's state:",
        "  framework <id> running=<n> launched=<n> finished=<n> share=<dominant share> role=<role> revoked=<n>",
        "  digest <16 hex digits>",
        "The same scenario and seed always print the same lines. Progress goes to stderr when a run",
        "takes more than about two seconds.",
        "",
        "Options:",
        "  --seed N     seed of the run, instead of the scenario's 'seed' line",
        "  --out DIR    also write offers.csv, tasks.csv, shares.csv and shares.svg into DIR",
        "  -h, --help   show this help",
        "",
        "A scenario is a text file, one statement per line ('#' starts a comment):",
        "  seed 7",
        "  config allocation_interval=1s min_allocatable=cpus:0.01|mem:32 offer_timeout=none revocation_grace=5s",
        "  agent a1 cpus:9;mem:18432 attrs=rack:r1",
        "  agents 1000 cpus:16;mem:65536 attrs=rack:r2 prefix=r2-",
        "  role prod weight=2 quota=cpus:8;mem:16384",
        "  framework A task=cpus:1;mem:4096 tasks=unlimited per_offer=1 duration=inf refuse=0s role=prod prefer=rack:r1",
        "  at 5s add-framework C task=cpus:0.5;mem:512 tasks=100 per_offer=all duration=10s refuse=1s",
        "  at 10s remove-agent a1",
        "  at 20s set-weight prod 3",
        "  at 30s set-quota prod none",
        "  run 60s",
        "Actions after 'at TIME': add-framework, remove-framework, add-agent, remove-agent, suppress,",
        "revive, deactivate-agent, reactivate-agent, disconnect-framework, reconnect-framework,",
        "silence-agent, set-weight, set-quota. The full syntax is in docs/simulate.md.",
        "",
        "Exit status: 0 done; 2 bad usage or an error in the scenario (a quota the engine refuses",
        "included), reported as SCENARIO:LINE: reason; 1 the simulation failed.");

    public String name()
    {
        return "simulate";
    }

    public String summary()
    {
        return "run a scenario through the allocator engine on a virtual clock";
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
            return usageError(err, ex.getMessage());
        }

        if (options.help)
        {
            out.println(USAGE);
            return ExitCodes.OK;
        }
        if (options.positional.size() != 1)
        {
            return usageError(err, options.positional.isEmpty() ? "allot simulate: missing SCENARIO" :
                "allot simulate: expected one SCENARIO, got " + options.positional.size() + " arguments");
        }

        final String source = options.positional.get(0);
        final Scenario scenario;
        try
        {
            scenario = ScenarioParser.parse(Path.of(source));
        }
        catch (final IOException ex)
        {
            err.println("allot simulate: cannot read " + source + ": " + describe(ex));
            return ExitCodes.USAGE;
        }
        catch (final ScenarioException ex)
        {
            err.println(ex.getMessage());
            return ExitCodes.USAGE;
        }

        return SimulationRun.run(name(), scenario, options, out, err);
    }

    private static int usageError(final PrintStream err, final String message)
    {
        err.println(message);
        err.println("usage: allot simulate SCENARIO [--seed N] [--out DIR]   (see 'allot simulate --help')");
        return ExitCodes.USAGE;
    }

    private static String describe(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }

        return null == ex.getMessage() ? ex.getClass().getSimpleName() : ex.getMessage();
    }
}
