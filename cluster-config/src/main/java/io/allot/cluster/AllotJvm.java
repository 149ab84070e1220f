/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cluster;

import java.util.List;

/**
 * How an {@code allot} process is started, for the commands and tests that start others (agents of
 * {@code allot demo}, masters and agents of {@code allot bench}, multi-process tests).
 */
public final class AllotJvm
{
    /**
     * The JVM flags {@code bin/allot} passes to every command (keep the two lists equal): Agrona's two, and the set
     * Chronicle Map needs (STACK.md).
     */
    public static final List<String> FLAGS = List.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens", "java.base/java.io=ALL-UNNAMED",
        "--add-opens", "java.base/java.util=ALL-UNNAMED",
        "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true");

    private AllotJvm()
    {
    }
}
