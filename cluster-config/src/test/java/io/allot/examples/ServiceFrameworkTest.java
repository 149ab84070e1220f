/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples;

import io.allot.engine.EngineContext;
import io.allot.examples.service.ServiceContext;
import io.allot.examples.service.ServiceFramework;
import io.allot.examples.service.ServiceInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static io.allot.examples.ExampleTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service example against a real master and real agents: its instances go to the preferred rack, are relaunched
 * on the other rack when their agent is lost, and an instance whose task fails is relaunched.
 */
class ServiceFrameworkTest
{
    @TempDir
    Path dir;

    private ExampleTesting testing;
    private ServiceFramework service;
    private final ByteArrayOutputStream events = new ByteArrayOutputStream();

    @BeforeEach
    void before()
    {
        testing = new ExampleTesting(dir);
    }

    @AfterEach
    void after()
    {
        if (null != service)
        {
            service.close();
        }
        testing.close();
        System.out.print(events.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), List.copyOf(testing.masterErrors));
    }

    @Test
    @Timeout(90)
    void shouldKeepItsInstancesOnThePreferredRackAndRelaunchThemWhenTheirAgentIsLost()
    {
        final String members = testing.launchMaster(new EngineContext()
            .allocationIntervalMs(200)
            .agentPingTimeoutMs(200)
            .maxAgentPingTimeouts(2));
        final ExampleTesting.Agent other = testing.launchAgent("r2-a", "cpus:1;mem:512", "rack:r2");
        final ExampleTesting.Agent preferred = testing.launchAgent("r1-a", "cpus:1;mem:512", "rack:r1");

        service = ServiceFramework.launch(new ServiceContext()
            .members(members)
            .command("exec sleep 120")
            .taskResources("cpus:0.2;mem:32")
            .instances(3)
            .prefer("rack:r1")
            .preferWaitMs(500)
            .events(new PrintStream(events, true, StandardCharsets.UTF_8)));

        await("three instances running", () -> 3 == service.runningCount());
        for (final ServiceInstance instance : service.instances())
        {
            assertEquals("r1-a", instance.hostname(), "on the preferred rack while it has room: " + service.instances());
            assertTrue(instance.preferred());
            assertEquals(1, instance.launches());
        }

        preferred.close();
        await("three instances running on the other rack", () -> 3 == service.runningCount() &&
            service.instances().stream().allMatch((instance) -> "r2-a".equals(instance.hostname())));
        await("the agent to be reported lost", () -> 1 == service.agentsLost());
        assertEquals(3, service.relaunches());
        for (final ServiceInstance instance : service.instances())
        {
            assertEquals(other.agentId(), instance.agentId());
            assertEquals(2, instance.launches());
        }
        final String text = events.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("(not preferred)"), text);
        assertTrue(text.contains("lost; its instances are relaunched elsewhere"), text);
    }

    @Test
    @Timeout(60)
    void shouldRelaunchAnInstanceWhoseTaskFails()
    {
        final String members = testing.launchMaster(new EngineContext());
        testing.launchAgent("node-a", "cpus:1;mem:512", "");

        service = ServiceFramework.launch(new ServiceContext()
            .members(members)
            .command("sleep 0.2; exit 7")
            .instances(1)
            .events(new PrintStream(events, true, StandardCharsets.UTF_8)));

        await("two relaunches", () -> service.relaunches() >= 2);
        final String text = events.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("instance 0 (task 1) TASK_FAILED on node-a (agent "), text);
        assertTrue(text.contains("exit status 7; relaunching it"), text);
        assertTrue(text.contains("instance 0 relaunched as task 2 on node-a"), text);
    }
}
