/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import io.allot.cluster.ConfigException;
import io.allot.cluster.MasterConfig;
import io.allot.cluster.MasterNode;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One master member, as {@code allot master} runs it, with the idle strategy of every thread of the member (media
 * driver, archive, consensus module, service container) named by the system property {@value IdleMode#PROPERTY}:
 * what {@code allot bench offer-rtt --idle spin} starts, since {@code allot master} keeps Allot's parking default.
 * Takes {@code allot master}'s flags; runs until SIGINT or SIGTERM.
 */
final class BenchMaster
{
    private BenchMaster()
    {
    }

    /**
     * @param args flags of {@code allot master}.
     * @throws InterruptedException when interrupted while waiting for a signal.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final String mode = System.getProperty(IdleMode.PROPERTY, IdleMode.BACKOFF);
        final MasterConfig config;
        try
        {
            config = MasterConfig.parse(args);
        }
        catch (final ConfigException ex)
        {
            System.err.println("allot bench master: " + ex.getMessage());
            System.exit(2);
            return;
        }
        final String prefix = "allot bench master " + config.memberId() + ": ";
        final CountDownLatch stop = new CountDownLatch(1);
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(stop::countDown);
            MasterNode node = MasterNode.launch(config.toContext()
                .idleStrategySupplier(IdleMode.supplier(mode))
                .errorHandler((throwable) -> System.err.println(prefix + "error: " + throwable))))
        {
            Objects.requireNonNull(barrier);
            System.out.println(prefix + "idle " + mode + ", members " + node.context().members());
            while (!stop.await(100, TimeUnit.MILLISECONDS))
            {
                if (node.isTerminated())
                {
                    System.err.println(prefix + "the cluster terminated this member");
                    System.exit(1);
                }
            }
            System.out.println(prefix + "stopping");
        }
    }
}
