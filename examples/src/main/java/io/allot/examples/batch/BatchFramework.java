/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.batch;

import io.allot.driver.AllotSchedulerDriver;
import io.allot.driver.DriverContext;
import io.allot.driver.FrameworkInfo;
import io.allot.driver.Status;
import io.allot.examples.ExampleArgs;
import io.allot.resources.ResourceParseException;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The batch example: runs N tasks of a shell command to completion. It packs as many waiting tasks into each offer as
 * fit, runs a failed (or lost) try again as a new task with a new id up to a number of retries, prints a progress line
 * at most every second, and reports on which agents the tasks ran, the failures, and the offer round trips it measured.
 * <pre>{@code
 * BatchResult result = BatchFramework.run(new BatchContext()
 *     .members("0=m1:9000,1=m2:9000,2=m3:9000").command("./work.sh").taskCount(40).taskResources("cpus:0.5;mem:256")
 *     .progress(System.out), 10, TimeUnit.MINUTES);
 * result.print(System.out, "batch: ");
 * }</pre>
 */
public final class BatchFramework implements AutoCloseable
{
    static final String USAGE = String.join(System.lineSeparator(),
        "usage: BatchFramework --master ENDPOINTS --tasks N --command CMD [--resources R] [--retries M]",
        "                      [--name NAME] [--role ROLE] [--timeout DURATION]",
        "",
        "Runs N tasks of CMD on the cluster to completion, retrying failed tasks, and prints a progress",
        "line every second and a summary: tasks per agent, failures, offer round trip p50/p99/p99.9/max.",
        "",
        "  --master ENDPOINTS  0=host:port,1=host:port,2=host:port or host:port of one member (default localhost:9000)",
        "  --tasks N           how many tasks must finish",
        "  --command CMD       the shell command of each task",
        "  --resources R       each task's resources (default " + BatchContext.DEFAULT_TASK_RESOURCES + ")",
        "  --retries M         runs of a failed task again, each as a new task (default " + BatchContext.DEFAULT_MAX_RETRIES + ")",
        "  --name NAME         the framework's name (default batch)",
        "  --role ROLE         the framework's role (default *)",
        "  --timeout DURATION  give up after this long (default 10m)",
        "",
        "Exit status: 0 every task finished; 1 a task failed on every try, or the timeout; 2 bad usage.");

    private final BatchContext ctx;
    private final BatchScheduler scheduler;
    private final AllotSchedulerDriver driver;
    private String lastProgressLine = "";
    private long lastProgressNs = System.nanoTime();
    private boolean isClosed;

    private BatchFramework(final BatchContext ctx)
    {
        this.ctx = ctx;
        this.scheduler = new BatchScheduler(ctx);
        final DriverContext driverContext = new DriverContext()
            .scheduler(scheduler)
            .frameworkInfo(new FrameworkInfo().name(ctx.frameworkName()).role(ctx.role()))
            .members(ctx.members())
            .errorHandler(ctx.errorHandler());
        ctx.driverCustomizer().accept(driverContext);
        this.driver = new AllotSchedulerDriver(driverContext);
    }

    /**
     * Subscribe the batch framework and start running its tasks.
     *
     * @param ctx the configuration, concluded here.
     * @return the running batch, to {@link #awaitCompletion} and close.
     */
    public static BatchFramework launch(final BatchContext ctx)
    {
        final BatchFramework batch = new BatchFramework(ctx.conclude());
        batch.driver.start();
        return batch;
    }

    /**
     * Launch a batch, wait until every task finished or was given up on (printing progress), and tear it down.
     *
     * @param ctx     the configuration, concluded here.
     * @param timeout how long to wait.
     * @param unit    its unit.
     * @return what the batch did (not complete after the timeout).
     * @throws InterruptedException when interrupted while waiting.
     */
    public static BatchResult run(final BatchContext ctx, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        try (BatchFramework batch = launch(ctx))
        {
            batch.awaitCompletion(timeout, unit);
            return batch.result();
        }
    }

    /**
     * Wait until every task finished or was given up on, printing a progress line to the context's progress stream when
     * it changed, at most once per progress interval, and at the end. Call it from one thread at a time.
     *
     * @param timeout how long to wait.
     * @param unit    its unit.
     * @return true when complete; false after the timeout or when the driver stopped.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean awaitCompletion(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long intervalNs = TimeUnit.MILLISECONDS.toNanos(ctx.progressIntervalMs());
        final long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
        while (true)
        {
            final long nowNs = System.nanoTime();
            final long nextLineNs = lastProgressNs + intervalNs;
            final long waitNs = Math.max(0, Math.min(deadlineNs - nowNs, nextLineNs - nowNs));
            final boolean isComplete = scheduler.done().await(waitNs, TimeUnit.NANOSECONDS);
            final long afterNs = System.nanoTime();
            if (isComplete || afterNs - nextLineNs >= 0)
            {
                printProgress(afterNs);
            }
            if (isComplete)
            {
                return scheduler.result().isComplete();
            }
            if (afterNs - deadlineNs >= 0 || Status.DRIVER_RUNNING != driver.status())
            {
                return false;
            }
        }
    }

    private void printProgress(final long nowNs)
    {
        lastProgressNs = nowNs;
        final String line = scheduler.progressLine();
        if (null != ctx.progress() && !line.equals(lastProgressLine))
        {
            ctx.progress().println(line);
            lastProgressLine = line;
        }
    }

    /**
     * @return the progress line: {@code batch: 12/40 finished, 3 running, 25 waiting, 1 failed (1 retried)}.
     */
    public String progressLine()
    {
        return scheduler.progressLine();
    }

    /**
     * @return what the batch did so far.
     */
    public BatchResult result()
    {
        return scheduler.result();
    }

    /**
     * @return the framework's id, 0 until subscribed.
     */
    public long frameworkId()
    {
        return driver.frameworkId();
    }

    /**
     * Tear the framework down (the master kills its tasks still running) and release the driver.
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
     * Run a batch from the command line (see {@code --help}).
     *
     * @param args the flags.
     * @throws InterruptedException when interrupted.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final ExampleArgs flags = ExampleArgs.parseOrExit("batch", args,
            List.of("--master", "--tasks", "--command", "--resources", "--retries", "--name", "--role", "--timeout"), USAGE);
        final BatchContext ctx;
        final long timeoutMs;
        try
        {
            flags.required("--tasks");
            ctx = new BatchContext()
                .members(flags.get("--master", null))
                .taskCount(flags.getInt("--tasks", 0, 1, 1_000_000))
                .command(flags.required("--command"))
                .taskResources(flags.get("--resources", BatchContext.DEFAULT_TASK_RESOURCES))
                .maxRetries(flags.getInt("--retries", BatchContext.DEFAULT_MAX_RETRIES, 0, 1000))
                .frameworkName(flags.get("--name", "batch"))
                .role(flags.get("--role", "*"))
                .progress(System.out)
                .conclude();
            timeoutMs = flags.getDurationMs("--timeout", TimeUnit.MINUTES.toMillis(10));
        }
        catch (final ResourceParseException ex)
        {
            ExampleArgs.exitOnError(new IllegalArgumentException("batch: --resources: " + ex.getMessage()), USAGE);
            return;
        }
        catch (final IllegalArgumentException ex)
        {
            ExampleArgs.exitOnError(new IllegalArgumentException(
                ex.getMessage().startsWith("batch: ") ? ex.getMessage() : "batch: " + ex.getMessage()), USAGE);
            return;
        }

        final BatchFramework batch = new BatchFramework(ctx);
        final Thread onSignal = new Thread(batch::close, "batch-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        batch.driver.start();
        batch.awaitCompletion(timeoutMs, TimeUnit.MILLISECONDS);
        final BatchResult result = batch.result();
        batch.close();
        Runtime.getRuntime().removeShutdownHook(onSignal);
        result.print(System.out, "batch: ");
        System.exit(result.isSuccess() ? 0 : 1);
    }
}
