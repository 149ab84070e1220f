/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.batch;

import io.allot.driver.DriverContext;
import io.allot.examples.TaskShape;
import org.agrona.ErrorHandler;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Configuration of a {@link BatchFramework}: fluent setters, then {@link #conclude()} (called by
 * {@link BatchFramework#launch}) validates with a clear message. The command and the number of tasks are required.
 */
public final class BatchContext
{
    /** Default resources of each task. */
    public static final String DEFAULT_TASK_RESOURCES = "cpus:0.1;mem:32";
    /** Default retries of a failed task (each retry is a new task with a new id, as Mesos frameworks do). */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** Default interval between progress lines. */
    public static final long DEFAULT_PROGRESS_INTERVAL_MS = 1_000;

    private boolean isConcluded;
    private String members;
    private String frameworkName = "batch";
    private String role = "*";
    private String command;
    private String taskResources = DEFAULT_TASK_RESOURCES;
    private int taskCount;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private long progressIntervalMs = DEFAULT_PROGRESS_INTERVAL_MS;
    private PrintStream progress;
    private ErrorHandler errorHandler;
    private Consumer<DriverContext> driverCustomizer = (ctx) -> { };
    private TaskShape shape;

    /**
     * Validate.
     *
     * @return this for a fluent API.
     * @throws IllegalStateException    if called twice.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public BatchContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("BatchContext already concluded");
        }
        isConcluded = true;
        if (null == command || command.isBlank())
        {
            throw new IllegalArgumentException("a command is required");
        }
        if (taskCount < 1)
        {
            throw new IllegalArgumentException("the number of tasks must be at least 1: " + taskCount);
        }
        if (maxRetries < 0)
        {
            throw new IllegalArgumentException("retries must be >= 0: " + maxRetries);
        }
        if (progressIntervalMs < 1)
        {
            throw new IllegalArgumentException("the progress interval must be positive: " + progressIntervalMs + " ms");
        }
        shape = new TaskShape(taskResources);
        if (null == errorHandler)
        {
            errorHandler = (throwable) -> System.err.println("batch: " + throwable);
        }
        return this;
    }

    /**
     * @param members the master's members, {@code 0=host:port,...}, or one {@code host:port}; null for
     *                {@code localhost:9000}.
     * @return this for a fluent API.
     */
    public BatchContext members(final String members)
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
     * @param name the framework's name (default {@code batch}).
     * @return this for a fluent API.
     */
    public BatchContext frameworkName(final String name)
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
    public BatchContext role(final String role)
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
     * @param command the shell command each task runs; required.
     * @return this for a fluent API.
     */
    public BatchContext command(final String command)
    {
        this.command = command;
        return this;
    }

    /**
     * @return the shell command each task runs.
     */
    public String command()
    {
        return command;
    }

    /**
     * @param resources each task's resources in Mesos syntax (default {@value #DEFAULT_TASK_RESOURCES}).
     * @return this for a fluent API.
     */
    public BatchContext taskResources(final String resources)
    {
        this.taskResources = resources;
        return this;
    }

    /**
     * @return each task's resources.
     */
    public String taskResources()
    {
        return taskResources;
    }

    /**
     * @param count how many tasks must finish; required.
     * @return this for a fluent API.
     */
    public BatchContext taskCount(final int count)
    {
        this.taskCount = count;
        return this;
    }

    /**
     * @return how many tasks must finish.
     */
    public int taskCount()
    {
        return taskCount;
    }

    /**
     * @param retries how often a task that failed (or was lost) is run again before the batch gives up on it (default
     *                {@value #DEFAULT_MAX_RETRIES}).
     * @return this for a fluent API.
     */
    public BatchContext maxRetries(final int retries)
    {
        this.maxRetries = retries;
        return this;
    }

    /**
     * @return retries of a failed task.
     */
    public int maxRetries()
    {
        return maxRetries;
    }

    /**
     * @param intervalMs the least time between two progress lines (default 1 s).
     * @return this for a fluent API.
     */
    public BatchContext progressIntervalMs(final long intervalMs)
    {
        this.progressIntervalMs = intervalMs;
        return this;
    }

    /**
     * @return the least time between two progress lines.
     */
    public long progressIntervalMs()
    {
        return progressIntervalMs;
    }

    /**
     * @param out where progress lines and notable events go; null for none.
     * @return this for a fluent API.
     */
    public BatchContext progress(final PrintStream out)
    {
        this.progress = out;
        return this;
    }

    /**
     * @return where progress lines go, null for nowhere.
     */
    public PrintStream progress()
    {
        return progress;
    }

    /**
     * @param errorHandler receives the driver's errors (default: printed to stderr).
     * @return this for a fluent API.
     */
    public BatchContext errorHandler(final ErrorHandler errorHandler)
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
     * @param customizer changes the driver's context before it is launched (timeouts, idle strategy, egress channel).
     * @return this for a fluent API.
     */
    public BatchContext driverCustomizer(final Consumer<DriverContext> customizer)
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

    /**
     * @return the task's shape, once concluded.
     */
    TaskShape shape()
    {
        return shape;
    }
}
