/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import io.allot.client.ClusterMembers;
import io.allot.engine.EngineContext;
import io.allot.resources.MinAllocatable;
import io.allot.resources.ResourceNames;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The configuration of {@code allot master}: keys from a Java properties file ({@code --config FILE}) overridden by
 * flags ({@code --id N}, {@code --members LIST}, {@code --dir DIR}, {@code --clean}, and {@code --KEY VALUE} for any
 * other key, with {@code -} or {@code _} between words). Durations are a number and a unit ({@code 500ms},
 * {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 1h}). Every error is a {@link ConfigException} with one line naming
 * the key or flag.
 */
public final class MasterConfig
{
    /** Keys of the member itself. */
    static final List<String> NODE_KEYS = List.of(
        "id", "members", "dir", "clean", "cluster_id",
        "leader_heartbeat_timeout", "leader_heartbeat_interval", "election_timeout", "session_timeout", "snapshot_interval",
        "idle_strategy");
    /** Keys of the engine (docs/engine.md). */
    static final List<String> ENGINE_KEYS = List.of(
        "allocation_interval", "offer_timeout", "refuse_seconds", "min_allocatable_resources", "agent_ping_timeout",
        "max_agent_ping_timeouts", "heartbeat_interval", "revocation_grace", "seed", "role_sorter", "framework_sorter");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private boolean isHelp;

    private MasterConfig()
    {
    }

    /**
     * Parse the arguments of {@code allot master}, reading {@code --config FILE} first, then validate everything by
     * concluding a context (which creates the member's directory when it is missing).
     *
     * @param args the arguments after {@code master}.
     * @return the configuration, or one with {@link #isHelp()} set.
     * @throws ConfigException with a one-line reason.
     */
    public static MasterConfig parse(final String[] args)
    {
        final MasterConfig config = new MasterConfig();
        final Map<String, String> flags = new LinkedHashMap<>();
        String configFile = null;
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            final int equals = arg.indexOf('=');
            final String flag = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            final String inlineValue = equals > 0 && arg.startsWith("--") ? arg.substring(equals + 1) : null;
            if ("-h".equals(flag) || "--help".equals(flag))
            {
                config.isHelp = true;
                return config;
            }
            if (!flag.startsWith("--") || flag.length() == 2)
            {
                throw new ConfigException("unexpected argument '" + arg + "'");
            }

            final String key = flag.substring(2).replace('-', '_');
            if ("clean".equals(key) && null == inlineValue)
            {
                flags.put(key, "true");
                continue;
            }
            final String value;
            if (null != inlineValue)
            {
                value = inlineValue;
            }
            else if (i + 1 < args.length && !args[i + 1].startsWith("--"))
            {
                value = args[++i];
            }
            else
            {
                throw new ConfigException(flag + " needs a value");
            }

            if ("config".equals(key))
            {
                configFile = value;
            }
            else if (NODE_KEYS.contains(key) || ENGINE_KEYS.contains(key))
            {
                flags.put(key, value);
            }
            else
            {
                throw new ConfigException("unknown option '" + flag + "'");
            }
        }

        if (null != configFile)
        {
            config.readFile(configFile);
        }
        flags.forEach((key, value) -> config.put(key, value, "--" + key.replace('_', '-')));
        config.validate();

        return config;
    }

    private void readFile(final String file)
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final NoSuchFileException ex)
        {
            throw new ConfigException("cannot read " + file + ": no such file");
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new ConfigException("cannot read " + file + ": " + ex.getMessage());
        }

        properties.stringPropertyNames().stream().sorted().forEach((name) ->
        {
            final String key = name.trim().replace('-', '_');
            if (!NODE_KEYS.contains(key) && !ENGINE_KEYS.contains(key))
            {
                throw new ConfigException(file + ": unknown key '" + name + "' (known: " + String.join(", ", NODE_KEYS) +
                    ", " + String.join(", ", ENGINE_KEYS) + ")");
            }
            put(key, properties.getProperty(name).trim(), file + ": " + key);
        });
    }

    private void put(final String key, final String value, final String source)
    {
        values.put(key, value);
        sources.put(key, source);
    }

    private void validate()
    {
        final ClusterMembers members;
        try
        {
            members = ClusterMembers.parse(values.get("members"));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(source("members") + ": " + ex.getMessage());
        }
        final int id = (int)wholeNumber("id", 0, 0, Integer.MAX_VALUE);
        if (null == members.member(id))
        {
            throw new ConfigException(source("id") + ": member " + id + " is not in the members " + members +
                " (ids " + members.ids() + ")");
        }

        try
        {
            toContext().conclude();
        }
        catch (final ConfigException ex)
        {
            throw ex;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(ex.getMessage());
        }
    }

    private String source(final String key)
    {
        final String source = sources.get(key);
        return null == source ? key : source;
    }

    /**
     * @return true when the arguments asked for help; nothing else was read.
     */
    public boolean isHelp()
    {
        return isHelp;
    }

    /**
     * @return this member's id.
     */
    public int memberId()
    {
        return (int)wholeNumber("id", 0, 0, Integer.MAX_VALUE);
    }

    /**
     * @param key a key, as in the properties file.
     * @return its value from the flags or the file, or null when neither set it.
     */
    public String value(final String key)
    {
        return values.get(key);
    }

    /**
     * A new, unconcluded context for {@link MasterNode#launch(MasterNodeContext)}, with its own engine context.
     *
     * @return the member's configuration.
     * @throws ConfigException for a value that does not parse.
     */
    public MasterNodeContext toContext()
    {
        final MasterNodeContext ctx = new MasterNodeContext()
            .memberId((int)wholeNumber("id", 0, 0, Integer.MAX_VALUE))
            .clusterId((int)wholeNumber("cluster_id", 0, 0, Integer.MAX_VALUE))
            .members(values.get("members"))
            .cleanStart(bool("clean"))
            .engineContext(engineContext());
        if (values.containsKey("dir"))
        {
            ctx.dir(new File(values.get("dir")));
        }
        if (values.containsKey("leader_heartbeat_timeout"))
        {
            ctx.leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(durationMs("leader_heartbeat_timeout", false)));
        }
        if (values.containsKey("leader_heartbeat_interval"))
        {
            ctx.leaderHeartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(durationMs("leader_heartbeat_interval", false)));
        }
        if (values.containsKey("election_timeout"))
        {
            ctx.electionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(durationMs("election_timeout", false)));
        }
        if (values.containsKey("session_timeout"))
        {
            ctx.sessionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(durationMs("session_timeout", false)));
        }
        if (values.containsKey("idle_strategy"))
        {
            ctx.idleStrategySupplier(IdleStrategies.supplier(values.get("idle_strategy").trim()));
        }
        if (values.containsKey("snapshot_interval"))
        {
            final String text = values.get("snapshot_interval").trim();
            final boolean isOff = "off".equals(text) || "none".equals(text);
            ctx.snapshotIntervalNs(isOff ? 0 : TimeUnit.MILLISECONDS.toNanos(durationMs("snapshot_interval", false)));
        }

        return ctx;
    }

    private EngineContext engineContext()
    {
        final EngineContext engine = new EngineContext();
        if (values.containsKey("allocation_interval"))
        {
            engine.allocationIntervalMs(durationMs("allocation_interval", false));
        }
        if (values.containsKey("offer_timeout"))
        {
            engine.offerTimeoutMs(durationMs("offer_timeout", true));
        }
        if (values.containsKey("refuse_seconds"))
        {
            engine.defaultRefuseMs(durationMs("refuse_seconds", false));
        }
        if (values.containsKey("min_allocatable_resources"))
        {
            final String text = values.get("min_allocatable_resources");
            try
            {
                MinAllocatable.parse(text, new ResourceNames());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(source("min_allocatable_resources") + ": " + ex.getMessage());
            }
            engine.minAllocatable(text);
        }
        if (values.containsKey("agent_ping_timeout"))
        {
            engine.agentPingTimeoutMs(durationMs("agent_ping_timeout", false));
        }
        if (values.containsKey("max_agent_ping_timeouts"))
        {
            engine.maxAgentPingTimeouts((int)wholeNumber("max_agent_ping_timeouts", 0, 1, Integer.MAX_VALUE));
        }
        if (values.containsKey("heartbeat_interval"))
        {
            engine.heartbeatIntervalMs(durationMs("heartbeat_interval", false));
        }
        if (values.containsKey("revocation_grace"))
        {
            engine.revocationGraceMs(durationMs("revocation_grace", false));
        }
        if (values.containsKey("seed"))
        {
            engine.seed(wholeNumber("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (values.containsKey("role_sorter"))
        {
            engine.roleSorter(values.get("role_sorter"));
        }
        if (values.containsKey("framework_sorter"))
        {
            engine.frameworkSorter(values.get("framework_sorter"));
        }

        try
        {
            return engine.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException("engine configuration: " + ex.getMessage());
        }
    }

    private long wholeNumber(final String key, final long defaultValue, final long min, final long max)
    {
        final String text = values.get(key);
        if (null == text)
        {
            return defaultValue;
        }
        final long value;
        try
        {
            value = Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new ConfigException(source(key) + ": '" + text + "' is not a whole number");
        }
        if (value < min || value > max)
        {
            throw new ConfigException(source(key) + ": " + value + " is out of range " + min + ".." + max);
        }

        return value;
    }

    private boolean bool(final String key)
    {
        final String text = values.get(key);
        if (null == text)
        {
            return false;
        }
        switch (text.trim().toLowerCase(Locale.ROOT))
        {
            case "true":
            case "yes":
            case "1":
                return true;
            case "false":
            case "no":
            case "0":
                return false;
            default:
                throw new ConfigException(source(key) + ": '" + text + "' is not true or false");
        }
    }

    private long durationMs(final String key, final boolean allowNone)
    {
        final String text = values.get(key).trim();
        if (allowNone && "none".equals(text))
        {
            return EngineContext.NO_TIMEOUT;
        }
        try
        {
            return parseDurationMs(text);
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            throw new ConfigException(source(key) + ": '" + text + "' is not a duration (e.g. 500ms, 1s, 1.5s, 2m" +
                (allowNone ? ", or none)" : ")"));
        }
    }

    /**
     * @param text a decimal and a unit: {@code ms}, {@code s}, {@code m} or {@code h}; {@code 0} needs no unit.
     * @return whole milliseconds.
     * @throws IllegalArgumentException when the text is not such a duration.
     */
    public static long parseDurationMs(final String text)
    {
        if ("0".equals(text))
        {
            return 0;
        }
        int unitStart = 0;
        while (unitStart < text.length() && (Character.isDigit(text.charAt(unitStart)) || '.' == text.charAt(unitStart)))
        {
            unitStart++;
        }
        final long unitMs;
        switch (text.substring(unitStart))
        {
            case "ms":
                unitMs = 1;
                break;
            case "s":
                unitMs = 1_000;
                break;
            case "m":
                unitMs = 60_000;
                break;
            case "h":
                unitMs = 3_600_000;
                break;
            default:
                throw new IllegalArgumentException(text);
        }

        final BigDecimal ms = new BigDecimal(text.substring(0, unitStart)).multiply(BigDecimal.valueOf(unitMs));
        if (ms.stripTrailingZeros().scale() > 0)
        {
            throw new IllegalArgumentException(text);
        }
        return ms.longValueExact();
    }
}
