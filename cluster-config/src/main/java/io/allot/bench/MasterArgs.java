/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags of {@code allot master} a benchmark passes to its masters: its own defaults, with the ones a user gives
 * replacing those of the same name.
 */
final class MasterArgs
{
    private MasterArgs()
    {
    }

    /**
     * @return the defaults with the given flags replacing those of the same name ({@code -} and {@code _} alike).
     */
    static List<String> merge(final List<String> defaults, final List<String> given)
    {
        final Map<String, String> flags = new LinkedHashMap<>();
        put(flags, defaults);
        put(flags, given);
        final List<String> merged = new ArrayList<>();
        flags.forEach((name, value) ->
        {
            merged.add(name);
            if (null != value)
            {
                merged.add(value);
            }
        });
        return merged;
    }

    private static void put(final Map<String, String> flags, final List<String> args)
    {
        for (int i = 0; i < args.size(); i++)
        {
            final String arg = args.get(i);
            final int equals = arg.indexOf('=');
            if (!arg.startsWith("--"))
            {
                throw new IllegalArgumentException("--master-args: expected a flag, got '" + arg + "'");
            }
            final String name = (equals > 0 ? arg.substring(0, equals) : arg).replace('_', '-');
            final String value = equals > 0 ? arg.substring(equals + 1) :
                i + 1 < args.size() && !args.get(i + 1).startsWith("--") ? args.get(++i) : null;
            flags.put(name, value);
        }
    }
}
