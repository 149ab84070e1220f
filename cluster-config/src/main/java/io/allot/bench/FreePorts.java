/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Members lists on loopback whose UDP ports are free, for masters the benchmark starts itself.
 */
final class FreePorts
{
    static final int FIRST = 20_000;
    static final int SLOTS = 3_000;
    static final int PORTS_APART = 10;

    private FreePorts()
    {
    }

    /**
     * @param memberCount members to place {@value #PORTS_APART} ports apart.
     * @param basePort    the first member's base port, or 0 to find a free range.
     * @return {@code 0=localhost:B,1=localhost:B+10,...}.
     */
    static String members(final int memberCount, final int basePort)
    {
        if (basePort > 0)
        {
            return list(memberCount, basePort);
        }
        for (int attempt = 0; attempt < 200; attempt++)
        {
            final int base = FIRST + PORTS_APART * ThreadLocalRandom.current().nextInt(SLOTS);
            if (free(base, memberCount * PORTS_APART))
            {
                return list(memberCount, base);
            }
        }
        throw new BenchException("no free range of UDP ports found for " + memberCount + " masters");
    }

    private static String list(final int memberCount, final int base)
    {
        final StringJoiner members = new StringJoiner(",");
        for (int id = 0; id < memberCount; id++)
        {
            members.add(id + "=localhost:" + (base + PORTS_APART * id));
        }
        return members.toString();
    }

    private static boolean free(final int base, final int count)
    {
        for (int port = base; port < base + count; port++)
        {
            try (DatagramSocket socket = new DatagramSocket(null))
            {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
        return true;
    }
}
