/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import io.allot.engine.EngineContext;
import io.allot.resources.MinAllocatable;
import io.allot.resources.ResourceNames;
import io.allot.resources.ResourceParseException;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parser of scenario files, documented in {@code docs/simulate.md}. One statement per line, {@code #} starts a
 * comment; every error is a {@link ScenarioException} naming the line and the reason.
 */
public final class ScenarioParser
{
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final int MAX_AGENTS_PER_LINE = 1_000_000;

    private final String source;
    private final ResourceNames names = new ResourceNames();
    private final ResourcesParser resourcesParser = new ResourcesParser();
    private final ScenarioConfig config = new ScenarioConfig();
    private final List<AgentSpec> agents = new ArrayList<>();
    private final List<FrameworkSpec> frameworks = new ArrayList<>();
    private final List<ScenarioEvent> events = new ArrayList<>();
    private final Map<String, Integer> agentLines = new HashMap<>();
    private final Map<String, Integer> frameworkLines = new HashMap<>();
    private long seed;
    private int seedLine;
    private long runMs = -1;
    private int runLine;
    private int line;

    private ScenarioParser(final String source)
    {
        this.source = source;
    }

    /**
     * Parse the text of a scenario.
     *
     * @param source name of the scenario for error messages, usually its path.
     * @param text   the whole scenario.
     * @return the scenario.
     * @throws ScenarioException naming the line and the reason.
     */
    public static Scenario parse(final String source, final String text)
    {
        return new ScenarioParser(source).parseAll(text);
    }

    /**
     * Read and parse a scenario file; errors name the path as given.
     *
     * @param path of the scenario.
     * @return the scenario.
     * @throws IOException       if the file can not be read.
     * @throws ScenarioException naming the line and the reason.
     */
    public static Scenario parse(final Path path) throws IOException
    {
        return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    private Scenario parseAll(final String text)
    {
        final String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            line = i + 1;
            parseLine(lines[i]);
        }

        if (runMs < 0)
        {
            line = Math.max(1, text.endsWith("\n") ? lines.length - 1 : lines.length);
            throw error("missing 'run DURATION': how long to simulate, e.g. 'run 60s'");
        }

        events.sort((a, b) -> Long.compare(a.timeMs(), b.timeMs()));
        new ScenarioChecker(source, agentLines, frameworkLines).check(agents, frameworks, events, runMs);

        return new Scenario(source, seed, config, names, agents, frameworks, events, runMs);
    }

    private void parseLine(final String raw)
    {
        final int hash = raw.indexOf('#');
        final String content = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
        if (content.isEmpty())
        {
            return;
        }

        final String[] tokens = WHITESPACE.split(content);
        switch (tokens[0])
        {
            case "seed":
                parseSeed(tokens);
                break;
            case "config":
                parseConfig(tokens);
                break;
            case "agent":
                agents.add(parseAgent(tokens, 1));
                break;
            case "agents":
                parseAgents(tokens);
                break;
            case "framework":
                frameworks.add(parseFramework(tokens, 1));
                break;
            case "at":
                events.add(parseAt(tokens));
                break;
            case "run":
                parseRun(tokens);
                break;
            default:
                throw error("unknown keyword '" + tokens[0] + "' (expected seed, config, agent, agents, framework, at or run)");
        }
    }

    private void parseSeed(final String[] tokens)
    {
        expectCount(tokens, 2, "seed N");
        if (seedLine != 0)
        {
            throw error("duplicate 'seed' (first at line " + seedLine + ")");
        }
        seed = parseLong("seed", tokens[1]);
        seedLine = line;
    }

    private void parseRun(final String[] tokens)
    {
        expectCount(tokens, 2, "run DURATION");
        if (runLine != 0)
        {
            throw error("duplicate 'run' (first at line " + runLine + ")");
        }
        runMs = parseDuration(tokens[1], false);
        if (runMs <= 0)
        {
            throw error("run must be longer than 0");
        }
        runLine = line;
    }

    private void parseConfig(final String[] tokens)
    {
        if (tokens.length < 2)
        {
            throw error("expected 'config key=value ...'");
        }

        for (final Map.Entry<String, String> option : parseOptions(tokens, 1).entrySet())
        {
            final String key = option.getKey();
            final String value = option.getValue();
            if (null == value)
            {
                throw error("expected key=value, got '" + key + "'");
            }
            applyConfig(key, value);
        }
    }

    private void applyConfig(final String key, final String value)
    {
        switch (key)
        {
            case "allocation_interval":
                config.allocationIntervalMs(parsePositiveDuration(key, value));
                break;
            case "min_allocatable":
            case "min_allocatable_resources":
                config.minAllocatable(parseMinAllocatable(value));
                break;
            case "offer_timeout":
                config.offerTimeoutMs("none".equals(value) ? EngineContext.NO_TIMEOUT : parsePositiveDuration(key, value));
                break;
            case "refuse_seconds":
                config.refuseMs(parseDuration(DECIMAL.matcher(value).matches() ? value + "s" : value, false));
                break;
            case "agent_ping_timeout":
                config.agentPingTimeoutMs(parsePositiveDuration(key, value));
                break;
            case "max_agent_ping_timeouts":
                config.maxAgentPingTimeouts((int)parseCount(key, value, Integer.MAX_VALUE));
                break;
            case "heartbeat":
            case "heartbeat_interval":
                config.heartbeatIntervalMs(parsePositiveDuration(key, value));
                break;
            default:
                throw error("unknown config key '" + key + "' (expected allocation_interval, min_allocatable, " +
                    "offer_timeout, refuse_seconds, agent_ping_timeout, max_agent_ping_timeouts or heartbeat_interval)");
        }
    }

    private String parseMinAllocatable(final String value)
    {
        final String spec = "none".equals(value) ? "" : value;
        try
        {
            MinAllocatable.parse(spec, new ResourceNames());
        }
        catch (final IllegalArgumentException ex)
        {
            throw error("bad min_allocatable: " + ex.getMessage());
        }

        return spec;
    }

    private AgentSpec parseAgent(final String[] tokens, final int idIndex)
    {
        if (tokens.length < idIndex + 2)
        {
            throw error("expected '" + String.join(" ", Arrays.copyOf(tokens, idIndex)) + " ID RESOURCES [attrs=A]'");
        }

        final String id = parseId("agent", tokens[idIndex]);
        declareAgent(id);
        final Resources resources = parseResources("agent", tokens[idIndex + 1]);
        final Map<String, String> options = parseOptions(tokens, idIndex + 2);
        final String attributes = takeOption(options, "attrs", "");
        rejectRemaining(options, "attrs=");

        return new AgentSpec(id, resources, attributes, line);
    }

    private void parseAgents(final String[] tokens)
    {
        if (tokens.length < 3)
        {
            throw error("expected 'agents N RESOURCES [attrs=A] [prefix=P]'");
        }

        final int count = (int)parseCount("agents", tokens[1], MAX_AGENTS_PER_LINE);
        final Resources resources = parseResources("agent", tokens[2]);
        final Map<String, String> options = parseOptions(tokens, 3);
        final String attributes = takeOption(options, "attrs", "");
        final String prefix = takeOption(options, "prefix", "agent-");
        rejectRemaining(options, "attrs=, prefix=");

        final int width = Math.max(4, Integer.toString(count - 1).length());
        final String format = "%s%0" + width + "d";
        for (int i = 0; i < count; i++)
        {
            final String id = parseId("agent", String.format(Locale.ROOT, format, prefix, i));
            declareAgent(id);
            final Resources copy = new Resources(names);
            copy.copyFrom(resources);
            agents.add(new AgentSpec(id, copy, attributes, line));
        }
    }

    private FrameworkSpec parseFramework(final String[] tokens, final int idIndex)
    {
        if (tokens.length < idIndex + 1)
        {
            throw error("expected a framework id and task=RESOURCES");
        }

        final String id = parseId("framework", tokens[idIndex]);
        if (frameworkLines.containsKey(id))
        {
            throw error("duplicate framework id '" + id + "' (first declared at line " + frameworkLines.get(id) + ")");
        }
        frameworkLines.put(id, line);

        final Map<String, String> options = parseOptions(tokens, idIndex + 1);
        final String taskText = takeOption(options, "task", null);
        if (null == taskText)
        {
            throw error("framework '" + id + "' needs task=RESOURCES");
        }
        final Resources task = parseResources("task", taskText);
        if (!task.ports().isEmpty())
        {
            throw error("ports in task resources are not supported by the simulator");
        }
        if (task.isEmpty())
        {
            throw error("task resources are empty");
        }

        final String tasks = takeOption(options, "tasks", "unlimited");
        final String perOffer = takeOption(options, "per_offer", "1");
        final long durationMs = parseDuration(takeOption(options, "duration", "inf"), true);
        final long refuseMs = parseDuration(takeOption(options, "refuse", "5s"), false);
        final long failoverMs = parseDuration(takeOption(options, "failover_timeout", "0"), true);
        final String role = parseId("role", takeOption(options, "role", FrameworkSpec.DEFAULT_ROLE));
        final boolean partitionAware = options.containsKey("partition_aware");
        if (partitionAware && null != options.remove("partition_aware"))
        {
            throw error("partition_aware takes no value");
        }
        rejectRemaining(options, "task=, tasks=, per_offer=, duration=, refuse=, failover_timeout=, role=, partition_aware");

        return new FrameworkSpec(
            id,
            task,
            "unlimited".equals(tasks) ? FrameworkSpec.UNLIMITED : parseCount("tasks", tasks, Long.MAX_VALUE),
            "all".equals(perOffer) ? FrameworkSpec.ALL : (int)parseCount("per_offer", perOffer, Integer.MAX_VALUE),
            durationMs,
            refuseMs,
            failoverMs,
            partitionAware,
            role,
            line);
    }

    private ScenarioEvent parseAt(final String[] tokens)
    {
        if (tokens.length < 4)
        {
            throw error("expected 'at TIME ACTION ID ...'");
        }

        final long timeMs = parseDuration(tokens[1], false);
        final ScenarioAction action = ScenarioAction.byKeyword(tokens[2]);
        if (null == action)
        {
            throw error("unknown action '" + tokens[2] + "' (expected add-framework, remove-framework, add-agent, " +
                "remove-agent, suppress, revive, deactivate-agent, reactivate-agent, disconnect-framework, " +
                "reconnect-framework or silence-agent)");
        }

        switch (action)
        {
            case ADD_AGENT:
            {
                final AgentSpec agent = parseAgent(tokens, 3);
                return new ScenarioEvent(timeMs, action, agent.id(), agent, null, line);
            }
            case ADD_FRAMEWORK:
            {
                final FrameworkSpec framework = parseFramework(tokens, 3);
                return new ScenarioEvent(timeMs, action, framework.id(), null, framework, line);
            }
            default:
                expectCount(tokens, 4, "at TIME " + action.keyword() + " ID");
                final String id = parseId(ScenarioAction.Target.AGENT == action.target() ? "agent" : "framework", tokens[3]);
                return new ScenarioEvent(timeMs, action, id, null, null, line);
        }
    }

    private void declareAgent(final String id)
    {
        final Integer first = agentLines.putIfAbsent(id, line);
        if (null != first)
        {
            throw error("duplicate agent id '" + id + "' (first declared at line " + first + ")");
        }
    }

    private Map<String, String> parseOptions(final String[] tokens, final int from)
    {
        final Map<String, String> options = new LinkedHashMap<>();
        for (int i = from; i < tokens.length; i++)
        {
            final String token = tokens[i];
            final int equals = token.indexOf('=');
            final String key = equals < 0 ? token : token.substring(0, equals);
            final String value = equals < 0 ? null : token.substring(equals + 1);
            if (options.containsKey(key))
            {
                throw error("duplicate option '" + key + "'");
            }
            if (null != value && value.isEmpty())
            {
                throw error("option '" + key + "' has no value");
            }
            options.put(key, value);
        }

        return options;
    }

    private String takeOption(final Map<String, String> options, final String key, final String defaultValue)
    {
        if (!options.containsKey(key))
        {
            return defaultValue;
        }

        final String value = options.remove(key);
        if (null == value)
        {
            throw error("option '" + key + "' needs a value: " + key + "=...");
        }

        return value;
    }

    private void rejectRemaining(final Map<String, String> options, final String expected)
    {
        if (!options.isEmpty())
        {
            final String key = options.keySet().iterator().next();
            throw error("unknown option '" + key + "' (expected " + expected + ")");
        }
    }

    private Resources parseResources(final String what, final String text)
    {
        final Resources resources = new Resources(names);
        try
        {
            resourcesParser.parse(text, resources);
        }
        catch (final ResourceParseException ex)
        {
            throw error("bad " + what + " resources: " + ex.getMessage());
        }

        if (resources.isEmpty())
        {
            throw error(what + " resources are empty");
        }

        return resources;
    }

    private String parseId(final String what, final String text)
    {
        if (!ID.matcher(text).matches() && !(FrameworkSpec.DEFAULT_ROLE.equals(text) && "role".equals(what)))
        {
            throw error("bad " + what + " id '" + text + "' (letters, digits, '_', '-' and '.', starting with a letter or digit)");
        }

        return text;
    }

    private long parseLong(final String what, final String text)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw error("bad number '" + text + "' for " + what);
        }
    }

    private long parseCount(final String what, final String text, final long max)
    {
        final long value = parseLong(what, text);
        if (value < 1 || value > max)
        {
            throw error(what + " must be between 1 and " + max + ": " + text);
        }

        return value;
    }

    private long parseDuration(final String text, final boolean allowInfinite)
    {
        try
        {
            return Durations.parseMs(text, allowInfinite);
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(ex.getMessage());
        }
    }

    private long parsePositiveDuration(final String what, final String text)
    {
        final long ms = parseDuration(text, false);
        if (ms <= 0)
        {
            throw error(what + " must be longer than 0");
        }

        return ms;
    }

    private void expectCount(final String[] tokens, final int count, final String usage)
    {
        if (tokens.length != count)
        {
            throw error(tokens.length < count ? "expected '" + usage + "'" : "unexpected '" + tokens[count] + "' (expected '" +
                usage + "')");
        }
    }

    private ScenarioException error(final String reason)
    {
        return new ScenarioException(source, line, reason);
    }
}
