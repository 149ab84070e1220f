/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.service;

import io.allot.driver.DriverContext;
import io.allot.examples.TaskShape;
import org.agrona.ErrorHandler;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Configuration of a {@link ServiceFramework}: fluent setters, then {@link #conclude()} (called by
 * {@link ServiceFramework#launch}) validates with a clear message. The command and the number of instances are
 * required.
 */
public final class ServiceContext
{
    /** Default resources of each instance. */
    public static final String DEFAULT_TASK_RESOURCES = "cpus:0.1;mem:32";
    /** Default time an instance waits for an offer of a preferred agent before it takes any agent. */
    public static final long DEFAULT_PREFER_WAIT_MS = 2_000;

    private boolean isConcluded;
    private String members;
    private String frameworkName = "service";
    private String role = "*";
    private String command;
    private String taskResources = DEFAULT_TASK_RESOURCES;
    private int instances;
    private String prefer = "";
    private long preferWaitMs = DEFAULT_PREFER_WAIT_MS;
    private PrintStream events;
    private ErrorHandler errorHandler;
    private Consumer<DriverContext> driverCustomizer = (ctx) -> { };
    private TaskShape shape;
    private AgentPreference preference;

    /**
     * Validate.
     *
     * @return this for a fluent API.
     * @throws IllegalStateException    if called twice.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public ServiceContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("ServiceContext already concluded");
        }
        isConcluded = true;
        if (null == command || command.isBlank())
        {
            throw new IllegalArgumentException("a command is required");
        }
        if (instances < 1)
        {
            throw new IllegalArgumentException("the number of instances must be at least 1: " + instances);
        }
        if (preferWaitMs < 0)
        {
            throw new IllegalArgumentException("the preference wait must be >= 0: " + preferWaitMs + " ms");
        }
        shape = new TaskShape(taskResources);
        preference = AgentPreference.parse(prefer);
        if (null == errorHandler)
        {
            errorHandler = (throwable) -> System.err.println("service: " + throwable);
        }
        return this;
    }

    /**
     * @param members the master's members, {@code 0=host:port,...}, or one {@code host:port}; null for
     *                {@code localhost:9000}.
     * @return this for a fluent API.
     */
    public ServiceContext members(final String members)
    {
        this.members = members;
        return this;
    }

    /**
     * @return the master's members.
     */
    public String members()
    {
        return members;
    }

    /**
     * @param name the framework's name (default {@code service}).
     * @return this for a fluent API.
     */
    public ServiceContext frameworkName(final String name)
    {
        this.frameworkName = name;
        return this;
    }

    /**
     * @return the framework's name.
     */
    public String frameworkName()
    {
        return frameworkName;
    }

    /**
     * @param role the framework's role (default {@code *}).
     * @return this for a fluent API.
     */
    public ServiceContext role(final String role)
    {
        this.role = role;
        return this;
    }

    /**
     * @return the framework's role.
     */
    public String role()
    {
        return role;
    }

    /**
     * @param command the shell command every instance runs (it should not end); required.
     * @return this for a fluent API.
     */
    public ServiceContext command(final String command)
    {
        this.command = command;
        return this;
    }

    /**
     * @return the shell command every instance runs.
     */
    public String command()
    {
        return command;
    }

    /**
     * @param resources each instance's resources in Mesos syntax (default {@value #DEFAULT_TASK_RESOURCES}).
     * @return this for a fluent API.
     */
    public ServiceContext taskResources(final String resources)
    {
        this.taskResources = resources;
        return this;
    }

    /**
     * @return each instance's resources.
     */
    public String taskResources()
    {
        return taskResources;
    }

    /**
     * @param count how many instances to keep running; required.
     * @return this for a fluent API.
     */
    public ServiceContext instances(final int count)
    {
        this.instances = count;
        return this;
    }

    /**
     * @return how many instances to keep running.
     */
    public int instances()
    {
        return instances;
    }

    /**
     * @param prefer the agents to run on when they have room: attributes ({@code rack:r1}, every pair must match) or
     *               agent ids and hostnames ({@code a1,a2}); empty (the default) for no preference. It is sent to the
     *               master in the subscription (its lottery placement) and applied to the offers.
     * @return this for a fluent API.
     */
    public ServiceContext prefer(final String prefer)
    {
        this.prefer = null == prefer ? "" : prefer;
        return this;
    }

    /**
     * @return the preferred agents, empty for none.
     */
    public String prefer()
    {
        return prefer;
    }

    /**
     * @param waitMs how long an instance to (re)launch waits for an offer of a preferred agent before it takes an offer
     *               of any agent (default 2 s).
     * @return this for a fluent API.
     */
    public ServiceContext preferWaitMs(final long waitMs)
    {
        this.preferWaitMs = waitMs;
        return this;
    }

    /**
     * @return how long an instance waits for a preferred agent.
     */
    public long preferWaitMs()
    {
        return preferWaitMs;
    }

    /**
     * @param out where a line for each launch, instance state change and lost agent goes; null for none.
     * @return this for a fluent API.
     */
    public ServiceContext events(final PrintStream out)
    {
        this.events = out;
        return this;
    }

    /**
     * @return where event lines go, null for nowhere.
     */
    public PrintStream events()
    {
        return events;
    }

    /**
     * @param errorHandler receives the driver's errors (default: printed to stderr).
     * @return this for a fluent API.
     */
    public ServiceContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /**
     * @return receiver of the driver's errors.
     */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * @param customizer changes the driver's context before it is launched.
     * @return this for a fluent API.
     */
    public ServiceContext driverCustomizer(final Consumer<DriverContext> customizer)
    {
        this.driverCustomizer = customizer;
        return this;
    }

    /**
     * @return what changes the driver's context.
     */
    public Consumer<DriverContext> driverCustomizer()
    {
        return driverCustomizer;
    }

    TaskShape shape()
    {
        return shape;
    }

    AgentPreference preference()
    {
        return preference;
    }
}
