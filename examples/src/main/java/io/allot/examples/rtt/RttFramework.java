/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.rtt;

import io.allot.driver.AllotSchedulerDriver;
import io.allot.driver.DriverContext;
import io.allot.driver.FrameworkInfo;
import io.allot.driver.Status;
import io.allot.examples.ExampleArgs;
import io.allot.examples.OfferRoundTrips;
import io.allot.resources.ResourceParseException;
import org.agrona.concurrent.IdleStrategy;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The latency-critical example: it schedules per request, running one tiny task ({@code true}) for each, and records
 * each request's offer round trip (ARCHITECTURE.md: accept and launch, the agent runs the task and reports it finished,
 * the master recovers the resources and offers them again, the framework receives the new offer) in an HdrHistogram.
 * The driver runs on the caller's thread ({@link DriverContext#useConductorAgentInvoker(boolean)}), so an offer that
 * arrives is answered in the same callback, with no hand-off between threads.
 * <pre>{@code
 * RttResult result = RttFramework.run(new RttContext().members("localhost:9000").requests(1000).warmUp(100));
 * result.print(System.out, "rtt: ");   // p50 / p99 / p99.9 / max in microseconds
 * }</pre>
 * The figure includes the agent starting a process for each task; the master's own path is measured apart by the
 * benchmarks in {@code perf}, with emulated agents.
 */
public final class RttFramework
{
    static final String USAGE = String.join(System.lineSeparator(),
        "usage: RttFramework [--master ENDPOINTS] [--requests N] [--warm-up N] [--rate R] [--command CMD]",
        "                    [--resources R] [--timeout DURATION] [--hgrm FILE]",
        "",
        "Runs one tiny task per request and records each request's offer round trip (launch, run,",
        "report, re-offer) in an HdrHistogram; prints p50, p99, p99.9 and max in microseconds.",
        "",
        "  --master ENDPOINTS  0=host:port,1=host:port,2=host:port or host:port of one member (default localhost:9000)",
        "  --requests N        requests to measure (default " + RttContext.DEFAULT_REQUESTS + ")",
        "  --warm-up N         requests run first and left out (default " + RttContext.DEFAULT_WARM_UP + ")",
        "  --rate R            requests per second at a fixed rate; 0 (default): a closed loop, the next",
        "                      request as soon as an offer comes back",
        "  --command CMD       each request's task (default " + RttContext.DEFAULT_COMMAND + ")",
        "  --resources R       each request's task's resources (default " + RttContext.DEFAULT_TASK_RESOURCES + ")",
        "  --timeout DURATION  give up after this long (default 5m)",
        "  --hgrm FILE         also write the percentile distribution (microseconds) to FILE",
        "",
        "Exit status: 0 every request completed; 1 not complete or failures; 2 bad usage.");

    private RttFramework()
    {
    }

    /**
     * Subscribe, run the requests on the calling thread until each completed its round trip (or the timeout), and
     * tear the framework down.
     *
     * @param ctx the configuration, concluded here.
     * @return what was measured.
     */
    public static RttResult run(final RttContext ctx)
    {
        ctx.conclude();
        final RttScheduler scheduler = new RttScheduler(ctx);
        final DriverContext driverContext = new DriverContext()
            .scheduler(scheduler)
            .frameworkInfo(new FrameworkInfo().name(ctx.frameworkName()).role(ctx.role()))
            .members(ctx.members())
            .useConductorAgentInvoker(true)
            .idleStrategySupplier(ctx.idleStrategySupplier())
            .errorHandler(ctx.errorHandler());
        ctx.driverCustomizer().accept(driverContext);
        final AllotSchedulerDriver driver = new AllotSchedulerDriver(driverContext);
        final IdleStrategy idle = ctx.idleStrategySupplier().get();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ctx.timeoutMs());
        driver.start();
        try
        {
            while (!scheduler.isComplete() && Status.DRIVER_RUNNING == driver.status())
            {
                int work = driver.poll();
                final long nowNs = System.nanoTime();
                if (nowNs - deadlineNs > 0)
                {
                    break;
                }
                work += scheduler.launchDue(driver, nowNs);
                idle.idle(work);
            }
        }
        finally
        {
            driver.stop(false);
            driver.close();
        }
        return scheduler.result();
    }

    /**
     * Run from the command line (see {@code --help}).
     *
     * @param args the flags.
     * @throws FileNotFoundException when the {@code --hgrm} file cannot be written.
     */
    public static void main(final String[] args) throws FileNotFoundException
    {
        final ExampleArgs flags = ExampleArgs.parseOrExit("rtt", args, List.of("--master", "--requests", "--warm-up", "--rate",
            "--command", "--resources", "--timeout", "--hgrm"), USAGE);
        final RttContext ctx;
        try
        {
            final double rate;
            try
            {
                rate = Double.parseDouble(flags.get("--rate", "0"));
            }
            catch (final NumberFormatException ex)
            {
                throw flags.error("--rate needs a number of requests per second, got '" + flags.get("--rate", "") + "'");
            }
            ctx = new RttContext()
                .members(flags.get("--master", null))
                .requests(flags.getInt("--requests", RttContext.DEFAULT_REQUESTS, 1, 100_000_000))
                .warmUp(flags.getInt("--warm-up", RttContext.DEFAULT_WARM_UP, 0, 100_000_000))
                .ratePerSecond(rate)
                .command(flags.get("--command", RttContext.DEFAULT_COMMAND))
                .taskResources(flags.get("--resources", RttContext.DEFAULT_TASK_RESOURCES))
                .timeoutMs(flags.getDurationMs("--timeout", TimeUnit.MINUTES.toMillis(5)));
        }
        catch (final IllegalArgumentException ex)
        {
            ExampleArgs.exitOnError(ex, USAGE);
            return;
        }

        final RttResult result;
        try
        {
            result = run(ctx);
        }
        catch (final ResourceParseException ex)
        {
            ExampleArgs.exitOnError(new IllegalArgumentException("rtt: --resources: " + ex.getMessage()), USAGE);
            return;
        }
        catch (final IllegalArgumentException ex)
        {
            ExampleArgs.exitOnError(new IllegalArgumentException("rtt: " + ex.getMessage()), USAGE);
            return;
        }
        result.print(System.out, "rtt: ");
        final String hgrm = flags.get("--hgrm", null);
        if (null != hgrm)
        {
            try (PrintStream out = new PrintStream(hgrm))
            {
                OfferRoundTrips.writeDistribution(result.roundTrips(), out);
            }
        }
        System.exit(result.isComplete() && 0 == result.failures() ? 0 : 1);
    }
}
