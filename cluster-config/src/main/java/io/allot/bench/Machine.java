/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a benchmark runs on, for its report: cores, CPU model, memory, JDK and operating system. Figures are
 * only comparable between runs on the same machine.
 *
 * @param cores       processors available to this JVM.
 * @param cpu         the CPU model from {@code /proc/cpuinfo}, or {@code unknown}.
 * @param memoryBytes physical memory from {@code /proc/meminfo}, or 0 when unknown.
 * @param jdk         the JVM's name and version.
 * @param os          the operating system's name and version.
 */
public record Machine(int cores, String cpu, long memoryBytes, String jdk, String os)
{
    /**
     * @return this machine.
     */
    public static Machine describe()
    {
        return new Machine(
            Runtime.getRuntime().availableProcessors(),
            procField("/proc/cpuinfo", "model name"),
            kib(procField("/proc/meminfo", "MemTotal")),
            System.getProperty("java.vm.name", "java") + " " + System.getProperty("java.runtime.version", "?"),
            System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?"));
    }

    /**
     * @return one line, e.g. {@code 2 cores (Intel(R) Xeon(R) Processor), 23.4 GiB RAM, OpenJDK ... 17.0.15, Linux 6.18}.
     */
    public String toString()
    {
        return cores + " cores (" + cpu + "), " + (memoryBytes > 0 ? Numbers.bytes(memoryBytes) : "unknown") + " RAM, " + jdk +
            ", " + os;
    }

    private static String procField(final String file, final String name)
    {
        try
        {
            final List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.US_ASCII);
            for (final String line : lines)
            {
                final int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(name))
                {
                    return line.substring(colon + 1).trim();
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
        return "unknown";
    }

    private static long kib(final String text)
    {
        try
        {
            return Long.parseLong(text.replace("kB", "").trim()) * 1024;
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }
}
