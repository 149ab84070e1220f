/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.allot.driver.AllotSchedulerDriver;
import io.allot.driver.FrameworkInfo;
import io.allot.driver.Status;
import io.allot.engine.EngineContext;
import io.allot.examples.hello.Hello;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's 30-line framework runs its ten tasks on a real master and agent, then tears itself down.
 */
class HelloTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldRunTheReadmeFrameworkToTheEnd()
    {
        try (ExampleTesting testing = new ExampleTesting(dir))
        {
            final String members = testing.launchMaster(new EngineContext());
            testing.launchAgent("node-a", "cpus:1;mem:512", "");
            final AllotSchedulerDriver driver = new AllotSchedulerDriver(new Hello(), new FrameworkInfo().name("hello"), members);
            final long startNs = System.nanoTime();
            assertEquals(Status.DRIVER_STOPPED, driver.run(), "run() returns once the framework stopped itself");
            System.out.printf("hello: 10 tasks in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
        }
    }
}
