/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.rtt;

import io.allot.driver.DriverContext;
import io.allot.examples.TaskShape;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Configuration of an {@link RttFramework} run: fluent setters, then {@link #conclude()} (called by
 * {@link RttFramework#run}) validates with a clear message. Every setting has a default.
 */
public final class RttContext
{
    /** Default command of each request's task. */
    public static final String DEFAULT_COMMAND = "true";
    /** Default resources of each request's task. */
    public static final String DEFAULT_TASK_RESOURCES = "cpus:0.1;mem:32";
    /** Default number of measured requests. */
    public static final int DEFAULT_REQUESTS = 1_000;
    /** Default number of requests run first and left out of the histogram. */
    public static final int DEFAULT_WARM_UP = 100;

    private boolean isConcluded;
    private String members;
    private String frameworkName = "rtt";
    private String role = "*";
    private String command = DEFAULT_COMMAND;
    private String taskResources = DEFAULT_TASK_RESOURCES;
    private int requests = DEFAULT_REQUESTS;
    private int warmUp = DEFAULT_WARM_UP;
    private double ratePerSecond;
    private long timeoutMs = TimeUnit.MINUTES.toMillis(5);
    private Supplier<IdleStrategy> idleStrategySupplier;
    private ErrorHandler errorHandler;
    private Consumer<DriverContext> driverCustomizer = (ctx) -> { };
    private TaskShape shape;

    /**
     * Validate and fill in defaults.
     *
     * @return this for a fluent API.
     * @throws IllegalStateException    if called twice.
     * @throws IllegalArgumentException naming the bad setting.
     */
    public RttContext conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("RttContext already concluded");
        }
        isConcluded = true;
        if (null == command || command.isBlank())
        {
            throw new IllegalArgumentException("a command is required");
        }
        if (requests < 1 || warmUp < 0)
        {
            throw new IllegalArgumentException("requests must be at least 1 and warm-up at least 0: " + requests + ", " + warmUp);
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond))
        {
            throw new IllegalArgumentException("the rate must be a number >= 0 (0: as fast as offers come back): " + ratePerSecond);
        }
        if (timeoutMs < 1)
        {
            throw new IllegalArgumentException("the timeout must be positive: " + timeoutMs + " ms");
        }
        shape = new TaskShape(taskResources);
        if (null == idleStrategySupplier)
        {
            idleStrategySupplier = () -> new BackoffIdleStrategy(100, 10, 1_000, 100_000);
        }
        if (null == errorHandler)
        {
            errorHandler = (throwable) -> System.err.println("rtt: " + throwable);
        }
        return this;
    }

    /**
     * @param members the master's members, {@code 0=host:port,...}, or one {@code host:port}; null for
     *                {@code localhost:9000}.
     * @return this for a fluent API.
     */
    public RttContext members(final String members)
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
     * @param name the framework's name (default {@code rtt}).
     * @return this for a fluent API.
     */
    public RttContext frameworkName(final String name)
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
    public RttContext role(final String role)
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
     * @param command the shell command of each request's task (default {@value #DEFAULT_COMMAND}).
     * @return this for a fluent API.
     */
    public RttContext command(final String command)
    {
        this.command = command;
        return this;
    }

    /**
     * @return the shell command of each request's task.
     */
    public String command()
    {
        return command;
    }

    /**
     * @param resources each request's task's resources (default {@value #DEFAULT_TASK_RESOURCES}).
     * @return this for a fluent API.
     */
    public RttContext taskResources(final String resources)
    {
        this.taskResources = resources;
        return this;
    }

    /**
     * @return each request's task's resources.
     */
    public String taskResources()
    {
        return taskResources;
    }

    /**
     * @param requests how many requests to measure (default {@value #DEFAULT_REQUESTS}).
     * @return this for a fluent API.
     */
    public RttContext requests(final int requests)
    {
        this.requests = requests;
        return this;
    }

    /**
     * @return how many requests to measure.
     */
    public int requests()
    {
        return requests;
    }

    /**
     * @param warmUp requests to run first and leave out of the histogram (default {@value #DEFAULT_WARM_UP}).
     * @return this for a fluent API.
     */
    public RttContext warmUp(final int warmUp)
    {
        this.warmUp = warmUp;
        return this;
    }

    /**
     * @return requests left out of the histogram.
     */
    public int warmUp()
    {
        return warmUp;
    }

    /**
     * @param ratePerSecond requests per second at a fixed rate, each on an offer held until it is due; 0 (the default)
     *                      for a closed loop: each offer that comes back launches the next request at once.
     * @return this for a fluent API.
     */
    public RttContext ratePerSecond(final double ratePerSecond)
    {
        this.ratePerSecond = ratePerSecond;
        return this;
    }

    /**
     * @return requests per second, 0 for a closed loop.
     */
    public double ratePerSecond()
    {
        return ratePerSecond;
    }

    /**
     * @param timeoutMs how long the run may take in all (default 5 minutes).
     * @return this for a fluent API.
     */
    public RttContext timeoutMs(final long timeoutMs)
    {
        this.timeoutMs = timeoutMs;
        return this;
    }

    /**
     * @return how long the run may take.
     */
    public long timeoutMs()
    {
        return timeoutMs;
    }

    /**
     * @param supplier idle strategy of the polling loop and the driver (default: a backoff that parks at most 100 us).
     * @return this for a fluent API.
     */
    public RttContext idleStrategySupplier(final Supplier<IdleStrategy> supplier)
    {
        this.idleStrategySupplier = supplier;
        return this;
    }

    /**
     * @return supplier of idle strategies.
     */
    public Supplier<IdleStrategy> idleStrategySupplier()
    {
        return idleStrategySupplier;
    }

    /**
     * @param errorHandler receives the driver's errors (default: printed to stderr).
     * @return this for a fluent API.
     */
    public RttContext errorHandler(final ErrorHandler errorHandler)
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
     * @param customizer changes the driver's context before it is started.
     * @return this for a fluent API.
     */
    public RttContext driverCustomizer(final Consumer<DriverContext> customizer)
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
}
