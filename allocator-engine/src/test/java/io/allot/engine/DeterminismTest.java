/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.TaskState;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.allot.engine.EngineHarness.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine is a deterministic state machine: the same inputs give the same state and the same outputs, and a
 * snapshot written and loaded gives the same state and the same later behaviour.
 */
@Timeout(60)
class DeterminismTest
{
    private static final long[] SESSIONS = { 101, 102, 103, 104 };
    private static final String[] ROLES = { "a", "b", "*", "a" };
    private static final String[] PREFER = { "", "rack:r1", "rack:r1", "" };

    /**
     * Drive an engine with a reactive, seeded workload: frameworks that accept or decline what they are offered,
     * agents that report task states, kills, revives, suppressions, agent removals and additions, framework
     * disconnections and failovers, and time passing.
     */
    private static EngineHarness workload(final long seed, final int steps)
    {
        final EngineHarness h = new EngineHarness(new EngineContext().seed(seed));
        final Random random = new Random(seed);
        final List<Long> agents = new ArrayList<>();
        for (int i = 0; i < 12; i++)
        {
            agents.add(h.addAgent(randomAgent(random), "rack:r" + (i % 3)));
        }
        final long[] frameworks = new long[SESSIONS.length];
        final long[] sessions = SESSIONS.clone();
        h.updateWeight("b", 2.0);
        h.updateQuota("a", "cpus:6;mem:8192", true);
        h.updateQuota("b", "cpus:40", true);
        for (int i = 0; i < frameworks.length; i++)
        {
            frameworks[i] = h.subscribe(sessions[i], 0, ROLES[i], 5_000, i % 2 == 0, PREFER[i]);
        }
        int seen = 0;
        long nextTaskId = 1;
        final List<RecordingOutput.RunTask> running = new ArrayList<>();
        for (int step = 0; step < steps; step++)
        {
            final List<Object> events = new ArrayList<>(h.out.events.subList(seen, h.out.events.size()));
            seen = h.out.events.size();
            for (final Object event : events)
            {
                if (event instanceof RecordingOutput.Offer offer)
                {
                    final int index = indexOf(frameworks, offer.frameworkId());
                    final Resources offered = ResourcesParser.parse(offer.resources(), h.names);
                    if (random.nextInt(10) < 7 && offered.scalar(0) >= 500 && offered.scalar(1) >= 128_000)
                    {
                        h.accept(sessions[index], offer.frameworkId(), new long[]{ offer.offerId() }, random.nextInt(3) * 1_000,
                            task(nextTaskId++, "cpus:0.5;mem:128"));
                    }
                    else
                    {
                        h.decline(sessions[index], offer.frameworkId(), random.nextInt(6) * 1_000, offer.offerId());
                    }
                }
                else if (event instanceof RecordingOutput.RunTask run)
                {
                    running.add(run);
                    h.statusUpdate(run.agentId(), run.frameworkId(), run.taskId(), TaskState.TASK_RUNNING);
                }
                else if (event instanceof RecordingOutput.Update update && (update.uuidMsb() != 0 || update.uuidLsb() != 0) &&
                    random.nextInt(4) > 0)
                {
                    h.acknowledge(update.session(), update.frameworkId(), update.agentId(), update.taskId(),
                        update.uuidMsb(), update.uuidLsb());
                }
                else if (event instanceof RecordingOutput.KillTask kill)
                {
                    h.statusUpdate(kill.agentId(), kill.frameworkId(), kill.taskId(), TaskState.TASK_KILLED);
                }
                else if (event instanceof RecordingOutput.Ping ping && random.nextInt(20) > 0)
                {
                    h.pong(ping.agentId(), ping.sequence());
                }
            }
            act(h, random, agents, frameworks, sessions, running);
        }
        return h;
    }

    private static void act(
        final EngineHarness h,
        final Random random,
        final List<Long> agents,
        final long[] frameworks,
        final long[] sessions,
        final List<RecordingOutput.RunTask> running)
    {
        final int index = random.nextInt(frameworks.length);
        switch (random.nextInt(13))
        {
            case 0, 1, 2 ->
            {
                if (!running.isEmpty())
                {
                    final RecordingOutput.RunTask run = running.remove(random.nextInt(running.size()));
                    final TaskState end = random.nextBoolean() ? TaskState.TASK_FINISHED : TaskState.TASK_FAILED;
                    h.statusUpdate(run.agentId(), run.frameworkId(), run.taskId(), end);
                }
            }
            case 3 -> h.advance(random.nextInt(3_000));
            case 4 -> h.revive(sessions[index], frameworks[index]);
            case 5 -> h.suppress(sessions[index], frameworks[index]);
            case 6 ->
            {
                if (!running.isEmpty())
                {
                    final RecordingOutput.RunTask run = running.get(random.nextInt(running.size()));
                    h.kill(sessions[indexOf(frameworks, run.frameworkId())], run.frameworkId(), run.taskId());
                }
            }
            case 7 ->
            {
                if (agents.size() > 4 && random.nextInt(4) == 0)
                {
                    h.removeAgent(agents.remove(random.nextInt(agents.size())));
                }
            }
            case 8 -> agents.add(h.addAgent(randomAgent(random), "rack:r" + random.nextInt(3)));
            case 9 ->
            {
                if (random.nextInt(4) == 0)
                {
                    h.closeSession(sessions[index]);
                    sessions[index] += 100;
                    h.subscribe(sessions[index], frameworks[index], ROLES[index], 5_000, index % 2 == 0);
                }
            }
            case 10 -> h.reconcile(sessions[index], frameworks[index]);
            case 11 ->
            {
                if (random.nextBoolean())
                {
                    h.updateWeight(ROLES[index], 0.5 + random.nextInt(4));
                }
                else
                {
                    h.updateQuota(ROLES[index], random.nextBoolean() ? "" : "cpus:" + (1 + random.nextInt(8)), true);
                }
            }
            default -> h.advance(random.nextInt(500));
        }
    }

    private static String randomAgent(final Random random)
    {
        return "cpus:" + (1 + random.nextInt(8)) + ";mem:" + (1024 * (1 + random.nextInt(16))) + ";disk:" + (1000 * random.nextInt(10)) +
            ";ports:[" + (31000 + random.nextInt(100)) + "-" + (31200 + random.nextInt(100)) + "]";
    }

    private static int indexOf(final long[] ids, final long id)
    {
        for (int i = 0; i < ids.length; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }
        throw new IllegalStateException("unknown framework " + id);
    }

    @Test
    void shouldReachTheSameStateAndSayTheSameThingsForTheSameInput()
    {
        final EngineHarness first = workload(7, 600);
        assertTrue(first.engine.tasksLaunched() > 50, "the workload must do real work: " + first.engine.tasksLaunched());
        assertTrue(first.out.all(RecordingOutput.Revocation.class).size() > 0, "the workload revokes");
        assertTrue(first.out.all(RecordingOutput.Update.class, (u) -> u.reason() == io.allot.codecs.sbe.TaskReason.REVOKED).size() > 0,
            "revoked tasks are killed");

        final RecordingOutput replayOutput = new RecordingOutput();
        final Engine replay = new Engine(new EngineContext().seed(7).resourceNames(new io.allot.resources.ResourceNames()), replayOutput);
        for (final EngineHarness.Input input : first.log)
        {
            input.applyTo(replay);
        }
        assertEquals(first.engine.digest(), replay.digest());
        assertEquals(first.out.events, replayOutput.events);

        final EngineHarness again = workload(7, 600);
        assertEquals(first.engine.digest(), again.engine.digest());
        assertNotEquals(first.engine.digest(), workload(8, 600).engine.digest());
    }

    @Test
    void shouldReproduceStateAndLaterBehaviourAfterASnapshotRoundTrip()
    {
        final EngineHarness original = workload(11, 600);
        final List<EngineHarness.Input> log = original.log;
        final int cut = log.size() / 2;

        final RecordingOutput outA = new RecordingOutput();
        final Engine a = new Engine(new EngineContext().seed(11).resourceNames(new io.allot.resources.ResourceNames()), outA);
        for (int i = 0; i < cut; i++)
        {
            log.get(i).applyTo(a);
        }

        final List<byte[]> records = new ArrayList<>();
        a.takeSnapshot((buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            records.add(copy);
        });
        final RecordingOutput outB = new RecordingOutput();
        final Engine b = new Engine(new EngineContext().seed(11).resourceNames(new io.allot.resources.ResourceNames()), outB);
        boolean complete = false;
        for (final byte[] record : records)
        {
            complete = b.loadSnapshotRecord(new org.agrona.concurrent.UnsafeBuffer(record), 0, record.length);
        }
        assertTrue(complete);
        assertEquals(a.digest(), b.digest());

        outA.clear();
        for (int i = cut; i < log.size(); i++)
        {
            log.get(i).applyTo(a);
            log.get(i).applyTo(b);
        }
        assertEquals(a.digest(), b.digest());
        assertEquals(original.engine.digest(), b.digest());
        assertEquals(outA.events, outB.events);
    }

    @Test
    void shouldRefuseASnapshotOfAnotherVersionLoudly()
    {
        final EngineHarness h = workload(3, 50);
        final List<byte[]> records = new ArrayList<>();
        h.engine.takeSnapshot((buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            records.add(copy);
        });
        final ExpandableArrayBuffer first = new ExpandableArrayBuffer(records.get(0).length);
        first.putBytes(0, records.get(0));
        first.putInt(8, Engine.SNAPSHOT_VERSION + 1, java.nio.ByteOrder.LITTLE_ENDIAN);
        final Engine fresh = new Engine(new EngineContext(), new RecordingOutput());
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> fresh.loadSnapshotRecord(first, 0, records.get(0).length));
        assertTrue(ex.getMessage().contains("snapshot version 2"), ex.getMessage());
    }

    @Test
    void shouldDetectACorruptSnapshotByItsDigest()
    {
        final EngineHarness h = workload(5, 100);
        final List<byte[]> records = new ArrayList<>();
        h.engine.takeSnapshot((buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            records.add(copy);
        });
        final byte[] agentRecord = records.get(1);
        agentRecord[agentRecord.length - 1] ^= 0x20;
        final Engine fresh = new Engine(new EngineContext(), new RecordingOutput());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () ->
        {
            for (final byte[] record : records)
            {
                fresh.loadSnapshotRecord(new org.agrona.concurrent.UnsafeBuffer(record), 0, record.length);
            }
        });
        assertTrue(ex.getMessage().contains("digest mismatch"), ex.getMessage());
    }
}
