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
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final int MAX_AGENTS_PER_LINE = 1_000_000;

    private final String source;
    private final ScenarioValues values;
    private final ResourceNames names = new ResourceNames();
    private final ResourcesParser resourcesParser = new ResourcesParser();
    private final ScenarioConfig config = new ScenarioConfig();
    private final List<AgentSpec> agents = new ArrayList<>();
    private final List<RoleSpec> roles = new ArrayList<>();
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
        this.values = new ScenarioValues(source);
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
            values.line(line);
            parseLine(lines[i]);
        }

        if (runMs < 0)
        {
            line = Math.max(1, text.endsWith("\n") ? lines.length - 1 : lines.length);
            values.line(line);
            throw values.error("missing 'run DURATION': how long to simulate, e.g. 'run 60s'");
        }

        events.sort((a, b) -> Long.compare(a.timeMs(), b.timeMs()));
        new ScenarioChecker(source, agentLines, frameworkLines).check(agents, roles, frameworks, events, runMs);

        return new Scenario(source, seed, config, names, agents, roles, frameworks, events, runMs);
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
            case "role":
                roles.add(parseRole(tokens));
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
                throw values.error(
                    "unknown keyword '" + tokens[0] + "' (expected seed, config, agent, agents, role, framework, at or run)");
        }
    }

    private void parseSeed(final String[] tokens)
    {
        values.expectCount(tokens, 2, "seed N");
        if (seedLine != 0)
        {
            throw values.error("duplicate 'seed' (first at line " + seedLine + ")");
        }
        seed = values.parseLong("seed", tokens[1]);
        seedLine = line;
    }

    private void parseRun(final String[] tokens)
    {
        values.expectCount(tokens, 2, "run DURATION");
        if (runLine != 0)
        {
            throw values.error("duplicate 'run' (first at line " + runLine + ")");
        }
        runMs = values.parseDuration(tokens[1], false);
        if (runMs <= 0)
        {
            throw values.error("run must be longer than 0");
        }
        runLine = line;
    }

    private void parseConfig(final String[] tokens)
    {
        if (tokens.length < 2)
        {
            throw values.error("expected 'config key=value ...'");
        }

        for (final Map.Entry<String, String> option : values.parseOptions(tokens, 1).entrySet())
        {
            final String key = option.getKey();
            final String value = option.getValue();
            if (null == value)
            {
                throw values.error("expected key=value, got '" + key + "'");
            }
            applyConfig(key, value);
        }
    }

    private void applyConfig(final String key, final String value)
    {
        switch (key)
        {
            case "allocation_interval":
                config.allocationIntervalMs(values.parsePositiveDuration(key, value));
                break;
            case "min_allocatable":
            case "min_allocatable_resources":
                config.minAllocatable(parseMinAllocatable(value));
                break;
            case "offer_timeout":
                config.offerTimeoutMs("none".equals(value) ? EngineContext.NO_TIMEOUT : values.parsePositiveDuration(key, value));
                break;
            case "refuse_seconds":
                config.refuseMs(values.parseDuration(DECIMAL.matcher(value).matches() ? value + "s" : value, false));
                break;
            case "agent_ping_timeout":
                config.agentPingTimeoutMs(values.parsePositiveDuration(key, value));
                break;
            case "max_agent_ping_timeouts":
                config.maxAgentPingTimeouts((int)values.parseCount(key, value, Integer.MAX_VALUE));
                break;
            case "heartbeat":
            case "heartbeat_interval":
                config.heartbeatIntervalMs(values.parsePositiveDuration(key, value));
                break;
            case "revocation_grace":
                config.revocationGraceMs(values.parseDuration(value, false));
                break;
            default:
                throw values.error("unknown config key '" + key + "' (expected allocation_interval, min_allocatable, " +
                    "offer_timeout, refuse_seconds, agent_ping_timeout, max_agent_ping_timeouts, heartbeat_interval " +
                    "or revocation_grace)");
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
            throw values.error("bad min_allocatable: " + ex.getMessage());
        }

        return spec;
    }

    private AgentSpec parseAgent(final String[] tokens, final int idIndex)
    {
        if (tokens.length < idIndex + 2)
        {
            throw values.error("expected '" + String.join(" ", Arrays.copyOf(tokens, idIndex)) + " ID RESOURCES [attrs=A]'");
        }

        final String id = values.parseId("agent", tokens[idIndex]);
        declareAgent(id);
        final Resources resources = parseResources("agent", tokens[idIndex + 1]);
        final Map<String, String> options = values.parseOptions(tokens, idIndex + 2);
        final String attributes = values.takeOption(options, "attrs", "");
        values.rejectRemaining(options, "attrs=");

        return new AgentSpec(id, resources, attributes, line);
    }

    private void parseAgents(final String[] tokens)
    {
        if (tokens.length < 3)
        {
            throw values.error("expected 'agents N RESOURCES [attrs=A] [prefix=P]'");
        }

        final int count = (int)values.parseCount("agents", tokens[1], MAX_AGENTS_PER_LINE);
        final Resources resources = parseResources("agent", tokens[2]);
        final Map<String, String> options = values.parseOptions(tokens, 3);
        final String attributes = values.takeOption(options, "attrs", "");
        final String prefix = values.takeOption(options, "prefix", "agent-");
        values.rejectRemaining(options, "attrs=, prefix=");

        final int width = Math.max(4, Integer.toString(count - 1).length());
        final String format = "%s%0" + width + "d";
        for (int i = 0; i < count; i++)
        {
            final String id = values.parseId("agent", String.format(Locale.ROOT, format, prefix, i));
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
            throw values.error("expected a framework id and task=RESOURCES");
        }

        final String id = values.parseId("framework", tokens[idIndex]);
        if (frameworkLines.containsKey(id))
        {
            throw values.error("duplicate framework id '" + id + "' (first declared at line " + frameworkLines.get(id) + ")");
        }
        frameworkLines.put(id, line);

        final Map<String, String> options = values.parseOptions(tokens, idIndex + 1);
        final String taskText = values.takeOption(options, "task", null);
        if (null == taskText)
        {
            throw values.error("framework '" + id + "' needs task=RESOURCES");
        }
        final Resources task = parseResources("task", taskText);
        if (!task.ports().isEmpty())
        {
            throw values.error("ports in task resources are not supported by the simulator");
        }
        if (task.isEmpty())
        {
            throw values.error("task resources are empty");
        }

        final String tasks = values.takeOption(options, "tasks", "unlimited");
        final String perOffer = values.takeOption(options, "per_offer", "1");
        final long durationMs = values.parseDuration(values.takeOption(options, "duration", "inf"), true);
        final long refuseMs = values.parseDuration(values.takeOption(options, "refuse", "5s"), false);
        final long failoverMs = values.parseDuration(values.takeOption(options, "failover_timeout", "0"), true);
        final String role = values.parseId("role", values.takeOption(options, "role", FrameworkSpec.DEFAULT_ROLE));
        final String prefer = parsePrefer(values.takeOption(options, "prefer", ""));
        final boolean partitionAware = options.containsKey("partition_aware");
        if (partitionAware && null != options.remove("partition_aware"))
        {
            throw values.error("partition_aware takes no value");
        }
        values.rejectRemaining(
            options, "task=, tasks=, per_offer=, duration=, refuse=, failover_timeout=, role=, prefer=, partition_aware");

        return new FrameworkSpec(
            id,
            task,
            "unlimited".equals(tasks) ? FrameworkSpec.UNLIMITED : values.parseCount("tasks", tasks, Long.MAX_VALUE),
            "all".equals(perOffer) ? FrameworkSpec.ALL : (int)values.parseCount("per_offer", perOffer, Integer.MAX_VALUE),
            durationMs,
            refuseMs,
            failoverMs,
            partitionAware,
            role,
            prefer,
            line);
    }

    private ScenarioEvent parseAt(final String[] tokens)
    {
        if (tokens.length < 4)
        {
            throw values.error("expected 'at TIME ACTION ID ...'");
        }

        final long timeMs = values.parseDuration(tokens[1], false);
        final ScenarioAction action = ScenarioAction.byKeyword(tokens[2]);
        if (null == action)
        {
            throw values.error("unknown action '" + tokens[2] + "' (expected add-framework, remove-framework, add-agent, " +
                "remove-agent, suppress, revive, deactivate-agent, reactivate-agent, disconnect-framework, " +
                "reconnect-framework, silence-agent, set-weight or set-quota)");
        }

        switch (action)
        {
            case ADD_AGENT:
            {
                final AgentSpec agent = parseAgent(tokens, 3);
                return new ScenarioEvent(timeMs, action, agent.id(), agent, null, null, line);
            }
            case ADD_FRAMEWORK:
            {
                final FrameworkSpec framework = parseFramework(tokens, 3);
                return new ScenarioEvent(timeMs, action, framework.id(), null, framework, null, line);
            }
            case SET_WEIGHT:
            {
                values.expectCount(tokens, 5, "at TIME set-weight ROLE WEIGHT");
                final RoleSpec role = new RoleSpec(values.parseId("role", tokens[3]), values.parseWeight(tokens[4]), null, false, line);
                return new ScenarioEvent(timeMs, action, role.name(), null, null, role, line);
            }
            case SET_QUOTA:
            {
                final RoleSpec role = parseSetQuota(tokens);
                return new ScenarioEvent(timeMs, action, role.name(), null, null, role, line);
            }
            default:
                values.expectCount(tokens, 4, "at TIME " + action.keyword() + " ID");
                final String id = values.parseId(ScenarioAction.Target.AGENT == action.target() ? "agent" : "framework", tokens[3]);
                return new ScenarioEvent(timeMs, action, id, null, null, null, line);
        }
    }

    private RoleSpec parseRole(final String[] tokens)
    {
        if (tokens.length < 2)
        {
            throw values.error("expected 'role NAME [weight=W] [quota=RESOURCES]'");
        }

        final String name = values.parseId("role", tokens[1]);
        for (final RoleSpec role : roles)
        {
            if (role.name().equals(name))
            {
                throw values.error("duplicate role '" + name + "' (first declared at line " + role.line() + ")");
            }
        }

        final Map<String, String> options = values.parseOptions(tokens, 2);
        final String weight = values.takeOption(options, "weight", null);
        final String quota = values.takeOption(options, "quota", null);
        values.rejectRemaining(options, "weight=, quota=");

        return new RoleSpec(
            name, null == weight ? RoleSpec.NO_WEIGHT : values.parseWeight(weight), null == quota ? null : parseQuota(quota), false, line);
    }

    private RoleSpec parseSetQuota(final String[] tokens)
    {
        final String usage = "at TIME set-quota ROLE RESOURCES|none [force]";
        if (tokens.length < 5)
        {
            throw values.error("expected '" + usage + "'");
        }
        if (tokens.length > 6 || (6 == tokens.length && !"force".equals(tokens[5])))
        {
            throw values.error("unexpected '" + tokens[5] + "' (expected '" + usage + "')");
        }

        final String name = values.parseId("role", tokens[3]);
        final Resources quota = "none".equals(tokens[4]) ? new Resources(names) : parseQuota(tokens[4]);

        return new RoleSpec(name, RoleSpec.NO_WEIGHT, quota, 6 == tokens.length, line);
    }

    private Resources parseQuota(final String text)
    {
        final Resources quota = parseResources("quota", text);
        if (!quota.ports().isEmpty())
        {
            throw values.error("ports cannot be guaranteed: quota is for scalar resources");
        }

        return quota;
    }

    /**
     * A preference is passed to the engine as written; here only its shape is checked: {@code name:value} terms
     * separated by {@code ;}, or agent ids separated by {@code ,} (checked against the agents by the checker).
     */
    private String parsePrefer(final String text)
    {
        if (text.isEmpty())
        {
            return text;
        }

        final boolean isAttributes = text.indexOf(':') >= 0;
        for (final String term : text.split(isAttributes ? ";" : ",", -1))
        {
            final int colon = term.indexOf(':');
            if (term.isEmpty() || (isAttributes && (colon <= 0 || colon == term.length() - 1 || term.indexOf(':', colon + 1) > 0)))
            {
                throw values.error("bad prefer '" + text + "' (expected attributes such as rack:r1, or agent ids such as a1,a2)");
            }
            if (!isAttributes)
            {
                values.parseId("agent", term);
            }
        }

        return text;
    }

    private void declareAgent(final String id)
    {
        final Integer first = agentLines.putIfAbsent(id, line);
        if (null != first)
        {
            throw values.error("duplicate agent id '" + id + "' (first declared at line " + first + ")");
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
            throw values.error("bad " + what + " resources: " + ex.getMessage());
        }

        if (resources.isEmpty())
        {
            throw values.error(what + " resources are empty");
        }

        return resources;
    }
}
