/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.KillDecoder;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The value types and the context: Mesos's defaults, validation with clear messages, copies.
 */
class ValueTypesTest
{
    @Test
    @Timeout(10)
    void shouldHaveMesosDefaults()
    {
        assertEquals(5.0, Filters.DEFAULT.refuseSeconds());
        assertEquals(5_000, Filters.DEFAULT.refuseMs());
        assertEquals(-1, Filters.refuseMs(null), "no filter: the master's default");
        assertEquals(1_235, Filters.refuseSeconds(1.2345).refuseMs());
        final FrameworkInfo framework = new FrameworkInfo();
        assertEquals("*", framework.role());
        assertEquals(0.0, framework.failoverTimeoutSeconds());
        assertEquals(0, framework.frameworkId());
        assertFalse(framework.partitionAware());
        assertEquals(-1, new TaskInfo().killGracePeriodMs(), "the agent's default kill grace");
    }

    @Test
    @Timeout(10)
    void shouldRefuseBadValues()
    {
        assertThrows(IllegalArgumentException.class, () -> Filters.refuseSeconds(-1));
        assertThrows(IllegalArgumentException.class, () -> Filters.refuseSeconds(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new FrameworkInfo().failoverTimeoutSeconds(-0.5));
        assertThrows(IllegalArgumentException.class, () -> new FrameworkInfo().frameworkId(-3));
        assertThrows(IllegalArgumentException.class, () -> new TaskInfo().name("n".repeat(TaskInfo.MAX_TEXT_LENGTH + 1)));
    }

    @Test
    @Timeout(10)
    void shouldCopyResourcesIntoATaskAcrossRegistries()
    {
        final ResourceNames offerNames = new ResourceNames();
        final Resources offered = ResourcesParser.parse("cpus:2;mem:512;fpgas:1;ports:[31000-31002]", offerNames);
        final TaskInfo task = new TaskInfo().resources(offered);
        assertEquals("cpus:2;mem:512;fpgas:1;ports:[31000-31002]", task.resources().toString());

        final TaskInfo sameRegistry = new TaskInfo(offerNames).resources(offered);
        assertEquals(offered, sameRegistry.resources());
    }

    @Test
    @Timeout(10)
    void shouldCopyAStatusAndTellTerminalStates()
    {
        final TaskStatus status = new TaskStatus(3, 4);
        assertFalse(status.hasUuid());
        assertFalse(status.isTerminal(), "TASK_STAGING");
        final TaskStatus copy = status.copy();
        assertEquals(3, copy.taskId());
        assertEquals(4, copy.agentId());
        assertEquals("", copy.message());
    }

    @Test
    @Timeout(10)
    void shouldDescribeACallError()
    {
        final CallError error = new CallError(ErrorCode.UNKNOWN_TASK, KillDecoder.TEMPLATE_ID, "cannot kill task 9", false, false);
        assertEquals("Kill", error.call());
        assertEquals("Kill refused by the master: UNKNOWN_TASK: cannot kill task 9", error.toString());
    }

    @Test
    @Timeout(10)
    void shouldValidateTheContextWithClearMessages()
    {
        final IllegalArgumentException noScheduler = assertThrows(IllegalArgumentException.class,
            () -> new DriverContext().frameworkInfo(new FrameworkInfo()).conclude());
        assertEquals("a scheduler is required", noScheduler.getMessage());

        final IllegalArgumentException badMembers = assertThrows(IllegalArgumentException.class,
            () -> new DriverContext().scheduler(new Scheduler() {}).frameworkInfo(new FrameworkInfo()).members("0=host").conclude());
        assertTrue(badMembers.getMessage().contains("'0=host' is not id=host:port"), badMembers.getMessage());

        final IllegalArgumentException badQueue = assertThrows(IllegalArgumentException.class,
            () -> new DriverContext().scheduler(new Scheduler() {}).frameworkInfo(new FrameworkInfo()).callQueueCapacity(5000).conclude());
        assertEquals("call queue capacity must be a power of two >= 4096: 5000", badQueue.getMessage());

        final DriverContext ctx = new DriverContext().scheduler(new Scheduler() {}).frameworkInfo(new FrameworkInfo().name("a"))
            .members("localhost:9000");
        ctx.conclude();
        assertThrows(IllegalStateException.class, ctx::conclude);
    }

    @Test
    @Timeout(10)
    void shouldRefuseCallsBeforeStartAndPollOnADedicatedThread()
    {
        final AllotSchedulerDriver driver = new AllotSchedulerDriver(new Scheduler() {}, new FrameworkInfo().name("idle"), null);
        assertEquals(Status.DRIVER_NOT_STARTED, driver.status());
        assertEquals(Status.DRIVER_NOT_STARTED, driver.killTask(1));
        assertEquals(Status.DRIVER_NOT_STARTED, driver.stop());
        assertEquals(Status.DRIVER_NOT_STARTED, driver.join());
        assertThrows(IllegalStateException.class, driver::poll);
        driver.close();
    }
}
