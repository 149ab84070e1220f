/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.client.ClusterMembers;
import io.allot.cluster.MasterConfig;
import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.driver.AllotSchedulerDriver;
import io.allot.driver.CallError;
import io.allot.driver.DriverContext;
import io.allot.driver.Filters;
import io.allot.driver.FrameworkInfo;
import io.allot.driver.Offer;
import io.allot.driver.Scheduler;
import io.allot.driver.SchedulerDriver;
import io.allot.driver.Status;
import io.allot.driver.TaskInfo;
import io.allot.driver.TaskStatus;
import io.allot.examples.TaskShape;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code allot execute --master ENDPOINTS --name NAME --command CMD [--resources R] [--count K]}: runs a shell command
 * as a task on the cluster (Mesos's {@code mesos-execute}), prints each state change as it happens, and exits with the
 * task's exit status. The framework runs on this thread (the driver's {@code poll()} mode) and is torn down at the end.
 */
final class ExecuteCommand implements Command
{
    static final String DEFAULT_RESOURCES = "cpus:1;mem:128";
    static final long DEFAULT_TIMEOUT_MS = 30_000;
    static final int MAX_COUNT = 1_000;
    static final int MAX_RELAUNCHES = 3;
    static final long WAITING_HINT_MS = 10_000;
    static final int INTERRUPTED_STATUS = 130;

    static final String USAGE = String.join(System.lineSeparator(),
        "usage: allot execute --master ENDPOINTS --name NAME --command CMD [--resources R] [--count K]",
        "                     [--timeout DURATION] [--role ROLE] [--framework-name NAME] [--egress HOST]",
        "",
        "Runs CMD as a task on the cluster (Mesos's mesos-execute): subscribes a framework, launches the",
        "task on the first offer that fits, prints each state change of the task as it happens, tears the",
        "framework down when the task ended, and exits with the task's exit status. SIGINT or SIGTERM kill",
        "the task (the framework is torn down) and exit with 130.",
        "",
        "Options:",
        "  --master ENDPOINTS      the masters: 0=host:port,1=host:port,2=host:port (each member's base port)",
        "                          or host:port of one member (default localhost:9000)",
        "  --name NAME             the task's name (NAME-0 ... NAME-<K-1> with --count)",
        "  --command CMD           the shell command, run by the agent as /bin/sh -c CMD",
        "  --resources R           the task's resources in Mesos syntax (default " + DEFAULT_RESOURCES + ")",
        "  --count K               run K instances of the task (1 to " + MAX_COUNT + ", default 1)",
        "  --timeout DURATION      give up when no master answers within this (default 30s)",
        "  --role ROLE             the framework's role (default *)",
        "  --framework-name NAME   the framework's name (default allot-execute)",
        "  --egress HOST           an address of this machine the masters can reach (default localhost)",
        "  -h, --help              show this help",
        "",
        "Exit status: the task's: 0 when TASK_FINISHED; its exit status when TASK_FAILED (128+N when killed",
        "by signal N); 1 when TASK_KILLED, TASK_LOST, TASK_ERROR or dropped. With --count, 0 when every",
        "instance finished, else the status of the first that did not. 1 when no master answered within",
        "--timeout; 2 for bad usage or resources; 130 when interrupted.");

    private static final Pattern EXIT_STATUS = Pattern.compile("exit status (\\d+)");
    private static final Pattern SIGNAL = Pattern.compile("terminated by signal (\\d+)");

    public String name()
    {
        return "execute";
    }

    public String summary()
    {
        return "run a shell command as a task on the cluster";
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Options options;
        try
        {
            final Flags flags = Flags.parse("execute", args, List.of("--master", "--name", "--command", "--resources",
                "--count", "--timeout", "--role", "--framework-name", "--egress"), List.of());
            if (flags.isHelp())
            {
                out.println(USAGE);
                return ExitCodes.OK;
            }
            options = Options.from(flags);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println(ex.getMessage());
            err.println("Run 'allot execute --help' for usage.");
            return ExitCodes.USAGE;
        }

        final CountDownLatch stop = new CountDownLatch(1);
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(stop::countDown))
        {
            Objects.requireNonNull(barrier);
            return execute(options, stop, out, err);
        }
    }

    private static int execute(final Options options, final CountDownLatch stop, final PrintStream out, final PrintStream err)
    {
        final Execution execution = new Execution(options, out, err);
        final String egress = "aeron:udp?endpoint=" + options.egressHost + ":0|term-length=64k";
        final AllotSchedulerDriver driver = new AllotSchedulerDriver(new DriverContext()
            .scheduler(execution)
            .frameworkInfo(new FrameworkInfo().name(options.frameworkName).role(options.role))
            .members(options.master)
            .egressChannel(egress)
            .useConductorAgentInvoker(true)
            .messageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(Math.min(options.timeoutMs, 5_000)))
            .errorHandler(execution::onDriverError));
        final IdleStrategy idle = new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs);
        driver.start();
        try
        {
            while (!execution.isDone())
            {
                final int work = driver.poll();
                final long nowNs = System.nanoTime();
                if (Status.DRIVER_RUNNING != driver.status())
                {
                    err.println("allot execute: the driver stopped: " + execution.lastError());
                    return ExitCodes.FAILURE;
                }
                if (0 == stop.getCount())
                {
                    err.println("allot execute: interrupted; killing the task" + (options.count > 1 ? "s" : "") +
                        " (tearing the framework down)");
                    return INTERRUPTED_STATUS;
                }
                if (!execution.isSubscribed() && nowNs - deadlineNs > 0)
                {
                    err.println("allot execute: no master answered at " + options.master + " within " +
                        options.timeoutMs + " ms" + execution.lastErrorSuffix());
                    return ExitCodes.FAILURE;
                }
                execution.hintIfWaiting(nowNs - startNs);
                idle.idle(work);
            }
            return execution.exitStatus();
        }
        finally
        {
            driver.stop(false);
            driver.close();
            out.flush();
        }
    }

    /**
     * @return the exit status of a task that ended in this state with this message: 0 finished; the command's exit
     *         status when failed (128 + N for a signal N); 1 otherwise.
     */
    static int exitStatusOf(final TaskState state, final String message)
    {
        if (TaskState.TASK_FINISHED == state)
        {
            return 0;
        }
        if (TaskState.TASK_FAILED == state)
        {
            final Matcher signal = SIGNAL.matcher(message);
            if (signal.find())
            {
                return Math.min(255, 128 + Integer.parseInt(signal.group(1)));
            }
            final Matcher exit = EXIT_STATUS.matcher(message);
            if (exit.find())
            {
                final int status = Integer.parseInt(exit.group(1));
                return status > 0 && status < 256 ? status : 1;
            }
        }
        return 1;
    }

    /**
     * The command's flags, validated.
     */
    static final class Options
    {
        String master;
        String name;
        String command;
        TaskShape shape;
        int count;
        long timeoutMs;
        String role;
        String frameworkName;
        String egressHost;

        static Options from(final Flags flags)
        {
            final Options options = new Options();
            options.master = flags.get("--master", "localhost:9000");
            try
            {
                ClusterMembers.parseEndpoints(options.master);
            }
            catch (final IllegalArgumentException ex)
            {
                throw flags.error("--master: " + ex.getMessage());
            }
            options.name = flags.required("--name");
            options.command = flags.required("--command");
            final String resources = flags.get("--resources", DEFAULT_RESOURCES);
            try
            {
                options.shape = new TaskShape(resources);
            }
            catch (final IllegalArgumentException ex)
            {
                throw flags.error("--resources: " + ex.getMessage());
            }
            options.count = (int)flags.getLong("--count", 1, 1, MAX_COUNT);
            options.timeoutMs = timeoutMs(flags);
            options.role = flags.get("--role", "*");
            options.frameworkName = flags.get("--framework-name", "allot-execute");
            options.egressHost = flags.get("--egress", "localhost");
            return options;
        }

        private static long timeoutMs(final Flags flags)
        {
            final String text = flags.get("--timeout", null);
            if (null == text)
            {
                return DEFAULT_TIMEOUT_MS;
            }
            long ms;
            try
            {
                ms = !text.isEmpty() && Character.isDigit(text.charAt(text.length() - 1)) ?
                    new BigDecimal(text).movePointRight(3).longValue() : MasterConfig.parseDurationMs(text);
            }
            catch (final IllegalArgumentException | ArithmeticException ex)
            {
                ms = -1;
            }
            if (ms <= 0)
            {
                throw flags.error("--timeout: '" + text + "' is not a positive duration (e.g. 30s, 500ms, 2m)");
            }
            return ms;
        }
    }

    /**
     * One instance of the task: its current task id (a new one when it is launched again after its Accept was lost).
     */
    private static final class Instance
    {
        final String name;
        long taskId;
        long agentId;
        TaskState lastState;
        boolean isLaunched;
        boolean hasReported;
        boolean isDone;
        int launches;
        int exitStatus;

        Instance(final String name)
        {
            this.name = name;
        }
    }

    /**
     * The framework's scheduler: launches the instances on offers that fit, prints their state changes, and works out
     * the exit status. Runs on the command's thread only (the driver is polled there).
     */
    private static final class Execution implements Scheduler
    {
        private static final Filters DONE_FILTER = Filters.refuseSeconds(60);

        private final Options options;
        private final PrintStream out;
        private final PrintStream err;
        private final Instance[] instances;
        private final Long2ObjectHashMap<Instance> byTask = new Long2ObjectHashMap<>();
        private final Long2ObjectHashMap<String> hostnames = new Long2ObjectHashMap<>();
        private long nextTaskId = 1;
        private boolean isSubscribed;
        private boolean isSuppressed;
        private boolean isHintGiven;
        private int doneCount;
        private double largestOfferCpus;
        private String largestOffer = "";
        private String lastError = "";

        Execution(final Options options, final PrintStream out, final PrintStream err)
        {
            this.options = options;
            this.out = out;
            this.err = err;
            instances = new Instance[options.count];
            for (int i = 0; i < instances.length; i++)
            {
                instances[i] = new Instance(1 == options.count ? options.name : options.name + "-" + i);
            }
        }

        public void subscribed(final SchedulerDriver driver, final long frameworkId, final boolean isResubscription)
        {
            isSubscribed = true;
            out.println("allot execute: " + (isResubscription ? "subscribed again" : "subscribed") + " to the master at " +
                options.master + " as framework " + frameworkId);
            if (isResubscription)
            {
                reconcile(driver, false);
            }
        }

        public void resourceOffers(final SchedulerDriver driver, final List<Offer> offers)
        {
            for (int i = 0, size = offers.size(); i < size; i++)
            {
                final Offer offer = offers.get(i);
                hostnames.put(offer.agentId(), offer.hostname());
                options.shape.startPacking(offer);
                List<TaskInfo> tasks = null;
                for (final Instance instance : instances)
                {
                    if (instance.isLaunched || instance.isDone || !options.shape.take())
                    {
                        continue;
                    }
                    instance.taskId = nextTaskId++;
                    instance.agentId = offer.agentId();
                    instance.isLaunched = true;
                    instance.hasReported = false;
                    instance.lastState = null;
                    instance.launches++;
                    byTask.put(instance.taskId, instance);
                    if (null == tasks)
                    {
                        tasks = new ArrayList<>();
                    }
                    tasks.add(options.shape.newTask(instance.taskId, instance.name, options.command));
                    out.println("allot execute: launching task " + instance.name + " (id " + instance.taskId + ") on " +
                        agentName(offer.agentId()) + " with " + options.shape.text());
                }
                if (null != tasks)
                {
                    driver.launchTasks(offer.offerId(), tasks, DONE_FILTER);
                }
                else
                {
                    if (offer.cpus() >= largestOfferCpus)
                    {
                        largestOfferCpus = offer.cpus();
                        largestOffer = offer.resources().toString();
                    }
                    driver.declineOffer(offer.offerId(), isAllLaunched() ? DONE_FILTER : Filters.DEFAULT);
                }
            }
            if (isAllLaunched() && !isSuppressed)
            {
                isSuppressed = true;
                driver.suppressOffers();
            }
        }

        public void statusUpdate(final SchedulerDriver driver, final TaskStatus status)
        {
            final Instance instance = byTask.get(status.taskId());
            if (null == instance || instance.isDone || instance.taskId != status.taskId())
            {
                return;
            }
            final TaskState state = status.state();
            if (UpdateSource.AGENT == status.source())
            {
                instance.hasReported = true;
            }
            if (!status.isTerminal())
            {
                printState(instance, status, "");
                return;
            }
            if (!instance.hasReported && UpdateSource.MASTER == status.source() && TaskReason.RECONCILIATION == status.reason() &&
                instance.launches <= MAX_RELAUNCHES)
            {
                // its Accept never reached the master (refused, or lost at a leader change): launch it again
                out.println("allot execute: task " + instance.name + " (id " + instance.taskId + ") was never launched; " +
                    "launching it again");
                byTask.remove(instance.taskId);
                instance.isLaunched = false;
                isSuppressed = false;
                driver.reviveOffers();
                return;
            }

            final String message = status.message();
            printState(instance, status, message.isEmpty() ? "" : ": " + message);
            instance.isDone = true;
            instance.exitStatus = exitStatusOf(state, message);
            doneCount++;
            if (TaskState.TASK_FINISHED != state && TaskState.TASK_FAILED != state)
            {
                err.println("allot execute: task " + instance.name + " did not run to completion: " + state +
                    (TaskReason.NONE == status.reason() ? "" : " (" + status.reason() + ")"));
            }
            if (isDone() && instances.length > 1)
            {
                int finished = 0;
                for (final Instance each : instances)
                {
                    finished += 0 == each.exitStatus ? 1 : 0;
                }
                out.println("allot execute: " + instances.length + " tasks: " + finished + " finished, " +
                    (instances.length - finished) + " did not");
            }
        }

        private void printState(final Instance instance, final TaskStatus status, final String suffix)
        {
            if (status.state() == instance.lastState)
            {
                return;
            }
            instance.lastState = status.state();
            out.println("task " + instance.name + " " + status.state() + " on " + agentName(status.agentId()) + suffix);
            out.flush();
        }

        public void agentLost(final SchedulerDriver driver, final long agentId)
        {
            out.println("allot execute: " + agentName(agentId) + " lost");
        }

        public void disconnected(final SchedulerDriver driver)
        {
            out.println("allot execute: disconnected from the master; reconnecting");
        }

        public void error(final SchedulerDriver driver, final CallError error)
        {
            lastError = error.toString();
            err.println("allot execute: " + error);
            if (!error.isFatal() && AcceptDecoder.TEMPLATE_ID == error.templateId())
            {
                reconcile(driver, true);
            }
        }

        void onDriverError(final Throwable throwable)
        {
            lastError = null == throwable.getMessage() ? throwable.toString() : throwable.getMessage();
            if (isSubscribed)
            {
                err.println("allot execute: " + lastError);
            }
        }

        private void reconcile(final SchedulerDriver driver, final boolean isUnreportedOnly)
        {
            final List<TaskStatus> statuses = new ArrayList<>();
            for (final Instance instance : instances)
            {
                if (instance.isLaunched && !instance.isDone && (!isUnreportedOnly || !instance.hasReported))
                {
                    statuses.add(new TaskStatus(instance.taskId, instance.agentId));
                }
            }
            if (!statuses.isEmpty())
            {
                driver.reconcileTasks(statuses);
            }
        }

        void hintIfWaiting(final long elapsedNs)
        {
            if (!isHintGiven && isSubscribed && !isAllLaunched() && elapsedNs > TimeUnit.MILLISECONDS.toNanos(WAITING_HINT_MS))
            {
                isHintGiven = true;
                err.println("allot execute: still waiting for an offer that fits " + options.shape.text() +
                    (largestOffer.isEmpty() ? " (no offer so far: are agents registered?)" : " (the largest offer so far: " +
                    largestOffer + ")"));
            }
        }

        private boolean isAllLaunched()
        {
            for (final Instance instance : instances)
            {
                if (!instance.isLaunched)
                {
                    return false;
                }
            }
            return true;
        }

        private String agentName(final long agentId)
        {
            final String hostname = hostnames.get(agentId);
            return "agent " + agentId + (null == hostname ? "" : " (" + hostname + ")");
        }

        boolean isSubscribed()
        {
            return isSubscribed;
        }

        boolean isDone()
        {
            return doneCount == instances.length;
        }

        int exitStatus()
        {
            for (final Instance instance : instances)
            {
                if (0 != instance.exitStatus)
                {
                    return instance.exitStatus;
                }
            }
            return 0;
        }

        String lastError()
        {
            return lastError.isEmpty() ? "unknown reason" : lastError;
        }

        String lastErrorSuffix()
        {
            return lastError.isEmpty() ? "" : " (" + lastError + ")";
        }
    }
}
