/*
 * Copyright 2026 The Allot Authors
 */
/**
 * Task isolation for the agent: each task runs in a container, a set of cgroups (v2, else v1 {@code cpu} and
 * {@code memory}) under the agent's hierarchy that carries the task's cpu and memory limits, or no cgroup at all with
 * {@code posix} isolation. {@link io.allot.agent.isolation.Isolators#create} picks the {@link
 * io.allot.agent.isolation.Isolator}; the task's wrapper shell moves itself into its {@link
 * io.allot.agent.isolation.Container} with {@link io.allot.agent.isolation.Isolator#enterScript} before it runs the
 * user's command.
 */
package io.allot.agent.isolation;
