/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.service;

import io.allot.driver.AllotSchedulerDriver;
import io.allot.driver.DriverContext;
import io.allot.driver.FrameworkInfo;
import io.allot.driver.Status;
import io.allot.examples.ExampleArgs;
import io.allot.resources.ResourceParseException;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The service example: keeps K instances of a long-running command running. An instance whose task fails, finishes,
 * is killed or is lost with its agent is launched again as a new task; instances go to the preferred agents (an
 * attribute such as {@code rack:r1}) when those have room, which the framework also tells the master
 * ({@link FrameworkInfo#prefer(String)}) for its lottery placement among frameworks.
 * <pre>{@code
 * try (ServiceFramework service = ServiceFramework.launch(new ServiceContext()
 *     .members("localhost:9000").command("./serve.sh").instances(3).prefer("rack:r1").events(System.out)))
 * {
 *     service.instances();    // where each instance runs, and how often it was relaunched
 * }
 * }</pre>
 */
public final class ServiceFramework implements AutoCloseable
{
    static final String USAGE = String.join(System.lineSeparator(),
        "usage: ServiceFramework --master ENDPOINTS --instances K --command CMD [--resources R] [--prefer rack:r1]",
        "                        [--prefer-wait DURATION] [--name NAME] [--role ROLE] [--duration DURATION]",
        "",
        "Keeps K instances of CMD running on the cluster: an instance whose task ends (failed, killed, lost",
        "with its agent) is launched again. Instances go to the preferred agents when those have room.",
        "Runs until SIGINT or SIGTERM (or --duration), then tears the framework down (its tasks are killed).",
        "",
        "  --master ENDPOINTS      0=host:port,1=host:port,2=host:port or host:port of one member (default localhost:9000)",
        "  --instances K           how many instances to keep running",
        "  --command CMD           the shell command of each instance, e.g. 'exec sleep 3600'",
        "  --resources R           each instance's resources (default " + ServiceContext.DEFAULT_TASK_RESOURCES + ")",
        "  --prefer P              preferred agents: attributes rack:r1;zone:a or ids and hostnames a1,a2",
        "  --prefer-wait DURATION  how long an instance waits for a preferred agent (default 2s)",
        "  --name NAME             the framework's name (default service)",
        "  --role ROLE             the framework's role (default *)",
        "  --duration DURATION     stop after this long (default: until a signal)",
        "",
        "Exit status: 0 after --duration; 130 or 143 after SIGINT or SIGTERM (the JVM's); 1 the driver",
        "stopped by itself; 2 bad usage.");

    private final ServiceScheduler scheduler;
    private final AllotSchedulerDriver driver;
    private boolean isClosed;

    private ServiceFramework(final ServiceContext ctx)
    {
        this.scheduler = new ServiceScheduler(ctx);
        final DriverContext driverContext = new DriverContext()
            .scheduler(scheduler)
            .frameworkInfo(new FrameworkInfo().name(ctx.frameworkName()).role(ctx.role()).prefer(ctx.prefer()))
            .members(ctx.members())
            .errorHandler(ctx.errorHandler());
        ctx.driverCustomizer().accept(driverContext);
        this.driver = new AllotSchedulerDriver(driverContext);
    }

    /**
     * Subscribe the service framework and start placing its instances.
     *
     * @param ctx the configuration, concluded here.
     * @return the running service, to close.
     */
    public static ServiceFramework launch(final ServiceContext ctx)
    {
        final ServiceFramework service = new ServiceFramework(ctx.conclude());
        service.driver.start();
        return service;
    }

    /**
     * @return every instance: its task, agent, state and launches.
     */
    public List<ServiceInstance> instances()
    {
        return scheduler.instances();
    }

    /**
     * @return how many instances are {@code TASK_RUNNING}.
     */
    public int runningCount()
    {
        return (int)scheduler.instances().stream().filter(ServiceInstance::isRunning).count();
    }

    /**
     * @return launches beyond the first of each instance.
     */
    public int relaunches()
    {
        return scheduler.relaunches();
    }

    /**
     * @return agents the master reported lost.
     */
    public int agentsLost()
    {
        return scheduler.agentsLost();
    }

    /**
     * @return the framework's id, 0 until subscribed.
     */
    public long frameworkId()
    {
        return driver.frameworkId();
    }

    /**
     * @return the driver's state.
     */
    public Status status()
    {
        return driver.status();
    }

    /**
     * Tear the framework down (the master kills its instances) and release the driver.
     */
    public synchronized void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            driver.stop(false);
            driver.close();
        }
    }

    /**
     * Run a service from the command line (see {@code --help}).
     *
     * @param args the flags.
     * @throws InterruptedException when interrupted.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final ExampleArgs flags = ExampleArgs.parseOrExit("service", args, List.of("--master", "--instances", "--command",
            "--resources", "--prefer", "--prefer-wait", "--name", "--role", "--duration"), USAGE);
        final ServiceContext ctx;
        final long durationMs;
        try
        {
            flags.required("--instances");
            ctx = new ServiceContext()
                .members(flags.get("--master", null))
                .instances(flags.getInt("--instances", 0, 1, 10_000))
                .command(flags.required("--command"))
                .taskResources(flags.get("--resources", ServiceContext.DEFAULT_TASK_RESOURCES))
                .prefer(flags.get("--prefer", ""))
                .preferWaitMs(flags.getDurationMs("--prefer-wait", ServiceContext.DEFAULT_PREFER_WAIT_MS))
                .frameworkName(flags.get("--name", "service"))
                .role(flags.get("--role", "*"))
                .events(System.out)
                .conclude();
            durationMs = flags.getDurationMs("--duration", 0);
        }
        catch (final ResourceParseException ex)
        {
            ExampleArgs.exitOnError(new IllegalArgumentException("service: --resources: " + ex.getMessage()), USAGE);
            return;
        }
        catch (final IllegalArgumentException ex)
        {
            ExampleArgs.exitOnError(new IllegalArgumentException(
                ex.getMessage().startsWith("service: ") ? ex.getMessage() : "service: " + ex.getMessage()), USAGE);
            return;
        }

        final CountDownLatch stop = new CountDownLatch(1);
        final ServiceFramework service = new ServiceFramework(ctx);
        final boolean isDriverStopped;
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(stop::countDown))
        {
            Objects.requireNonNull(barrier);
            service.driver.start();
            final long startNs = System.nanoTime();
            final long deadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(durationMs);
            boolean isWaitReported = false;
            while (!stop.await(200, TimeUnit.MILLISECONDS) && Status.DRIVER_RUNNING == service.status())
            {
                final long nowNs = System.nanoTime();
                if (durationMs > 0 && nowNs - deadlineNs > 0)
                {
                    break;
                }
                if (!isWaitReported && 0 == service.frameworkId() && nowNs - startNs > TimeUnit.SECONDS.toNanos(10))
                {
                    isWaitReported = true;
                    System.out.println("service: no master answered at " + (null == ctx.members() ? "localhost:9000" :
                        ctx.members()) + " yet; still trying");
                }
            }
            // tear down before the barrier lets a signalled JVM exit
            isDriverStopped = Status.DRIVER_RUNNING != service.status();
            service.close();
            System.out.println("service: stopped (framework torn down, instances killed); " + service.relaunches() +
                " relaunches, " + service.agentsLost() + " agents lost");
        }
        System.exit(isDriverStopped ? 1 : 0);
    }
}
