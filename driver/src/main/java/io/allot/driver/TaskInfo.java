/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Mesos's {@code TaskInfo}, a LAUNCH operation of an accept: a command task with its id, name, resources and kill grace
 * period. Mutable and reusable: a framework on the hot path keeps a few and changes the task id (and resources) for each
 * launch; the name and command are encoded to UTF-8 once, when set, so that launching allocates nothing.
 * <pre>{@code
 * final TaskInfo task = new TaskInfo().name("worker").command("./work.sh").resources("cpus:0.5;mem:256");
 * driver.launchTasks(offer.offerId(), task.taskId(nextId++), filters);
 * }</pre>
 * The driver reads a {@code TaskInfo} while encoding the call, before the call returns; it may be changed afterwards.
 * Where Allot differs from Mesos: the task id is a {@code long} unique within the framework, the agent is the offer's
 * ({@link #agentId(long)} is informational and not sent), tasks are commands run by the agent ({@code /bin/sh -c}),
 * and executors, containers and health checks are not there yet.
 */
public final class TaskInfo
{
    /**
     * Longest name or command, in UTF-8 bytes.
     */
    public static final int MAX_TEXT_LENGTH = 4096;

    private final Resources resources;
    private final ResourcesParser parser = new ResourcesParser();
    private final UnsafeBuffer nameBytes = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer commandBytes = new UnsafeBuffer(new byte[0]);
    private long taskId;
    private long agentId;
    private long killGracePeriodMs = -1;
    private String name = "";
    private String command = "";

    /**
     * A task with no resources, name or command, and the agent's default kill grace period.
     */
    public TaskInfo()
    {
        this(new ResourceNames());
    }

    /**
     * @param names registry of resource names for the task's resources (share the driver's to copy an offer's custom
     *              scalars by index).
     */
    public TaskInfo(final ResourceNames names)
    {
        resources = new Resources(names);
    }

    /**
     * @param taskId the task's id, unique within the framework.
     * @return this for a fluent API.
     */
    public TaskInfo taskId(final long taskId)
    {
        this.taskId = taskId;
        return this;
    }

    /**
     * @return the task's id.
     */
    public long taskId()
    {
        return taskId;
    }

    /**
     * @param agentId the agent the task is meant for; informational: the task runs on the agent of the offers accepted.
     * @return this for a fluent API.
     */
    public TaskInfo agentId(final long agentId)
    {
        this.agentId = agentId;
        return this;
    }

    /**
     * @return the agent the task is meant for, 0 when not given.
     */
    public long agentId()
    {
        return agentId;
    }

    /**
     * @param name the task's name, for operators; encoded once here.
     * @return this for a fluent API.
     */
    public TaskInfo name(final String name)
    {
        this.name = null == name ? "" : name;
        wrap(nameBytes, this.name, "name");
        return this;
    }

    /**
     * @return the task's name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @param command the shell command the agent runs ({@code /bin/sh -c COMMAND}); encoded once here.
     * @return this for a fluent API.
     */
    public TaskInfo command(final String command)
    {
        this.command = null == command ? "" : command;
        wrap(commandBytes, this.command, "command");
        return this;
    }

    /**
     * @return the task's command.
     */
    public String command()
    {
        return command;
    }

    /**
     * @param text Mesos's resource syntax, e.g. {@code cpus:0.5;mem:256;ports:[31000-31001]}.
     * @return this for a fluent API.
     * @throws io.allot.resources.ResourceParseException when the text is not valid.
     */
    public TaskInfo resources(final String text)
    {
        parser.parse(text, resources);
        return this;
    }

    /**
     * Copy resources, e.g. all or part of an offer's. Resources of the same registry (see {@link #TaskInfo(ResourceNames)})
     * copy without allocating; from another registry, custom scalars are matched by name.
     *
     * @param other resources to copy.
     * @return this for a fluent API.
     */
    public TaskInfo resources(final Resources other)
    {
        if (other.names() == resources.names())
        {
            resources.copyFrom(other);
        }
        else
        {
            resources.clear();
            final ResourceNames from = other.names();
            for (int dim = 0; dim < from.size(); dim++)
            {
                final long value = other.scalar(dim);
                if (0 != value)
                {
                    resources.setScalar(dim <= ResourceNames.GPUS ? dim : resources.names().register(from.name(dim)), value);
                }
            }
            resources.ports().copyFrom(other.ports());
        }
        return this;
    }

    /**
     * @return the task's resources, to change in place (e.g. {@code resources().setScalar(ResourceNames.CPUS, 500)}).
     */
    public Resources resources()
    {
        return resources;
    }

    /**
     * @param gracePeriodMs how long the agent waits between SIGTERM and SIGKILL when the task is killed; negative for the
     *                      agent's default (Mesos's {@code KillPolicy.grace_period}).
     * @return this for a fluent API.
     */
    public TaskInfo killGracePeriodMs(final long gracePeriodMs)
    {
        this.killGracePeriodMs = gracePeriodMs;
        return this;
    }

    /**
     * @return the kill grace period in milliseconds, negative for the agent's default.
     */
    public long killGracePeriodMs()
    {
        return killGracePeriodMs;
    }

    /**
     * Write this task as one LAUNCH entry of an accept: no allocation.
     */
    void encode(final AcceptEncoder.TasksEncoder entry)
    {
        entry.next().taskId(taskId).killGracePeriodMs(killGracePeriodMs);
        ResourceCodec.encode(resources, entry);
        entry.putName(nameBytes, 0, nameBytes.capacity()).putCommand(commandBytes, 0, commandBytes.capacity());
    }

    private static void wrap(final UnsafeBuffer buffer, final String text, final String what)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TEXT_LENGTH)
        {
            throw new IllegalArgumentException("a task's " + what + " is at most " + MAX_TEXT_LENGTH + " bytes: " + bytes.length);
        }
        buffer.wrap(bytes);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "TaskInfo{taskId=" + taskId + ", name='" + name + "', resources=" + resources + ", command='" + command + "'}";
    }
}
