/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.engine.EngineContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import static io.allot.driver.DriverTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot path allocates nothing: against a real single-member master and an emulated agent that finishes each task the
 * moment it arrives, the scheduler launches a task on every offer from inside the callback (offer in, accept out), the
 * driver acknowledges every update implicitly, and the bytes the conductor thread allocates are counted with
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes} over windows of round trips after a warm-up.
 * <p>
 * The path has no allocation site (run with {@code -Xint} it allocates 0 bytes from the first round trip on), but while
 * the JIT still compiles and deoptimizes, a deoptimization may rematerialise an object its compiled code had scalar
 * replaced: a few hundred bytes, once, in thousands of round trips. So the test asks for a window of
 * {@value #WINDOW_ROUND_TRIPS} round trips that allocates exactly nothing, and for less than one byte per round trip
 * over all windows.
 */
class DriverAllocationTest
{
    private static final int WARM_UP_ROUND_TRIPS = 2000;
    private static final int WINDOW_ROUND_TRIPS = 500;
    private static final int MAX_WINDOWS = 8;

    @TempDir
    Path dir;

    private DriverTesting testing;

    @AfterEach
    void after()
    {
        testing.close();
    }

    /**
     * Launches one task on each offer, reusing one {@link TaskInfo}; counts what it did with plain fields (it runs on
     * the conductor thread only) published through a volatile.
     */
    static class RoundTripScheduler implements Scheduler
    {
        private final TaskInfo task = new TaskInfo().name("round-trip").command("true");
        private final Filters filters = Filters.refuseSeconds(1);
        private long nextTaskId = 1;
        private long misses;
        volatile long launched;
        volatile long finished;
        volatile long errors;

        public void resourceOffers(final SchedulerDriver driver, final List<Offer> offers)
        {
            for (int i = 0, size = offers.size(); i < size; i++)
            {
                final Offer offer = offers.get(i);
                task.taskId(nextTaskId++).resources(offer.resources());
                if (Status.DRIVER_RUNNING == driver.launchTasks(offer.offerId(), task, filters))
                {
                    launched = launched + 1;
                }
                else
                {
                    misses++;
                }
            }
        }

        public void statusUpdate(final SchedulerDriver driver, final TaskStatus status)
        {
            if (status.isTerminal())
            {
                finished = finished + 1;
            }
        }

        public void error(final SchedulerDriver driver, final CallError error)
        {
            errors = errors + 1;
            System.out.println("round trip error: " + error);
        }
    }

    @Test
    @Timeout(120)
    void shouldNotAllocateOnTheConductorThreadInTheOfferRoundTrip()
    {
        testing = new DriverTesting(dir);
        testing.launchCluster(1, new EngineContext());
        testing.launchFakeAgent("host-a", "cpus:2;mem:1024;ports:[31000-31009]", FakeAgent.Mode.FINISH_AT_ONCE);
        final RoundTripScheduler scheduler = new RoundTripScheduler();
        final AllotSchedulerDriver driver = testing.launchDriver(testing.driverContext(scheduler, new FrameworkInfo().name("round-trip")));

        await("the warm-up round trips", 60_000, () -> scheduler.finished >= WARM_UP_ROUND_TRIPS);
        final Thread conductor = driver.conductorThread();
        assertNotNull(conductor);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        long totalBytes = 0;
        long totalRoundTrips = 0;
        long quietWindows = 0;
        for (int window = 0; window < MAX_WINDOWS && 0 == quietWindows; window++)
        {
            final long finishedBefore = scheduler.finished;
            final long bytesBefore = threads.getThreadAllocatedBytes(conductor.getId());
            final long startNs = System.nanoTime();
            await("a window of round trips", 60_000, () -> scheduler.finished >= finishedBefore + WINDOW_ROUND_TRIPS);
            final long bytes = threads.getThreadAllocatedBytes(conductor.getId()) - bytesBefore;
            final long elapsedNs = System.nanoTime() - startNs;
            final long roundTrips = scheduler.finished - finishedBefore;
            System.out.printf("driver: %d offer round trips in %d ms (%.1f us each on this machine, every hop parks), " +
                "conductor thread allocated %d bytes%n", roundTrips, elapsedNs / 1_000_000, elapsedNs / 1000.0 / roundTrips, bytes);
            totalBytes += bytes;
            totalRoundTrips += roundTrips;
            quietWindows += 0 == bytes ? 1 : 0;
        }

        assertEquals(1, quietWindows, "a window of " + WINDOW_ROUND_TRIPS + " round trips without allocation");
        assertTrue(totalBytes < totalRoundTrips, totalBytes + " bytes allocated in " + totalRoundTrips + " round trips");
        assertEquals(0, scheduler.errors);
        assertEquals(0, driver.callsRefused());
        assertEquals(0, driver.callbackErrors());
        assertEquals(List.of(), List.copyOf(testing.errors));
    }
}
