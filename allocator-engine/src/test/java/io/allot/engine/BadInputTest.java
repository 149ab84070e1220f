/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import io.allot.codecs.sbe.OffersEncoder;
import io.allot.codecs.sbe.RegisterAgentEncoder;
import io.allot.codecs.sbe.TaskState;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.allot.engine.EngineHarness.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every entry point refuses bad input with a clear error to the sender and leaves the state unchanged.
 */
class BadInputTest
{
    private static final long FW1 = 101;
    private static final long FW2 = 102;

    private final EngineHarness h = new EngineHarness();
    private long agent;
    private long fw1;
    private long fw2;
    private long offerOfFw1;
    private long[] offersOfFw1;

    @BeforeEach
    void setUp()
    {
        agent = h.addAgent("cpus:2;mem:1024;ports:[31000-31010]");
        h.addAgent("cpus:2;mem:1024");
        fw1 = h.subscribe(FW1, "*");
        fw2 = h.subscribe(FW2, "*");
        offersOfFw1 = h.out.all(RecordingOutput.Offer.class, (o) -> o.frameworkId() == fw1).stream()
            .mapToLong(RecordingOutput.Offer::offerId).toArray();
        offerOfFw1 = offersOfFw1[0];
        assertEquals(agent, h.out.all(RecordingOutput.Offer.class, (o) -> o.offerId() == offersOfFw1[0]).get(0).agentId());
        h.out.clear();
    }

    private void assertRefused(final ErrorCode code, final String fragment, final long digestBefore)
    {
        final RecordingOutput.Error error = h.out.last(RecordingOutput.Error.class);
        assertNotNull(error, "expected an error");
        assertEquals(code, error.code(), error.message());
        assertTrue(error.message().contains(fragment), () -> "'" + error.message() + "' should mention '" + fragment + "'");
        assertEquals(digestBefore, h.engine.digest(), "state must be unchanged");
    }

    @Test
    void shouldRefuseAnAcceptOfAnUnknownOffer()
    {
        final long digest = h.engine.digest();
        h.accept(FW1, fw1, new long[]{ 12345 }, 0, task(1, "cpus:1"));
        assertRefused(ErrorCode.UNKNOWN_OFFER, "offer 12345", digest);
    }

    @Test
    void shouldRefuseAnAcceptOfAnotherFrameworksOffer()
    {
        final long digest = h.engine.digest();
        h.accept(FW2, fw2, new long[]{ offerOfFw1 }, 0, task(1, "cpus:1"));
        assertRefused(ErrorCode.OFFER_OF_ANOTHER_FRAMEWORK, "another framework", digest);
    }

    @Test
    void shouldRefuseACallForAFrameworkOfAnotherSession()
    {
        final long digest = h.engine.digest();
        h.accept(FW2, fw1, new long[]{ offerOfFw1 }, 0, task(1, "cpus:1"));
        assertRefused(ErrorCode.FRAMEWORK_OF_ANOTHER_SESSION, "not subscribed on this session", digest);
    }

    @Test
    void shouldRefuseAnUnknownFramework()
    {
        final long digest = h.engine.digest();
        h.revive(FW1, 999);
        assertRefused(ErrorCode.UNKNOWN_FRAMEWORK, "framework 999", digest);
    }

    @Test
    void shouldRefuseOvercommit()
    {
        final long digest = h.engine.digest();
        h.accept(FW1, fw1, new long[]{ offerOfFw1 }, 0, task(1, "cpus:1.5;mem:512"), task(2, "cpus:1;mem:512"));
        assertRefused(ErrorCode.INSUFFICIENT_RESOURCES, "tasks need cpus:2.5;mem:1024", digest);
    }

    @Test
    void shouldRefusePortsOutsideTheOffer()
    {
        final long digest = h.engine.digest();
        h.accept(FW1, fw1, new long[]{ offerOfFw1 }, 0, task(1, "cpus:1;ports:[40000-40000]"));
        assertRefused(ErrorCode.INSUFFICIENT_RESOURCES, "ports", digest);
    }

    @Test
    void shouldRefuseADuplicateTaskIdInOneAccept()
    {
        final long digest = h.engine.digest();
        h.accept(FW1, fw1, new long[]{ offerOfFw1 }, 0, task(1, "cpus:0.5"), task(1, "cpus:0.5"));
        assertRefused(ErrorCode.DUPLICATE_TASK_ID, "launched twice", digest);
    }

    @Test
    void shouldRefuseATaskIdThatAlreadyExists()
    {
        h.teardown(FW2, fw2);
        h.accept(FW1, fw1, new long[]{ offerOfFw1 }, 0, task(1, "cpus:0.5"));
        h.advance(1_000);
        final long offer = h.lastOffer(fw1).offerId();
        final long digest = h.engine.digest();
        h.accept(FW1, fw1, new long[]{ offer }, 0, task(1, "cpus:0.5"));
        assertRefused(ErrorCode.DUPLICATE_TASK_ID, "task 1 already exists", digest);
    }

    @Test
    void shouldRefuseATaskWithoutResources()
    {
        final long digest = h.engine.digest();
        h.accept(FW1, fw1, new long[]{ offerOfFw1 }, 0, task(1, ""));
        assertRefused(ErrorCode.INVALID_RESOURCES, "no resources", digest);
    }

    @Test
    void shouldRefuseOffersOnTwoAgentsInOneAccept()
    {
        final long[] both = { offersOfFw1[0], offersOfFw1[1] };
        final long digest = h.engine.digest();
        h.accept(FW1, fw1, both, 0, task(1, "cpus:1"));
        assertRefused(ErrorCode.OFFERS_ON_MANY_AGENTS, "one agent only", digest);
    }

    @Test
    void shouldRefuseKillOfAnUnknownTask()
    {
        final long digest = h.engine.digest();
        h.kill(FW1, fw1, 77);
        assertRefused(ErrorCode.UNKNOWN_TASK, "cannot kill task 77", digest);
    }

    @Test
    void shouldRefuseAStatusUpdateForAnUnknownTask()
    {
        final long digest = h.engine.digest();
        h.statusUpdate(agent, fw1, 55, TaskState.TASK_RUNNING);
        assertRefused(ErrorCode.UNKNOWN_TASK, "task 55", digest);
    }

    @Test
    void shouldRefuseAnAcknowledgementWithAWrongUuid()
    {
        h.accept(FW1, fw1, new long[]{ offerOfFw1 }, 0, task(1, "cpus:1"));
        h.statusUpdate(agent, fw1, 1, TaskState.TASK_RUNNING);
        final long digest = h.engine.digest();
        h.acknowledge(FW1, fw1, agent, 1, 7, 424242);
        assertRefused(ErrorCode.UNKNOWN_TASK, "uuid", digest);
    }

    @Test
    void shouldRefuseAnUnknownAgent()
    {
        final long digest = h.engine.digest();
        h.pong(4242, 1);
        assertRefused(ErrorCode.UNKNOWN_AGENT, "agent 4242", digest);
        h.removeAgent(4343);
        assertRefused(ErrorCode.UNKNOWN_AGENT, "agent 4343", digest);
    }

    @Test
    void shouldTellAnUnknownAgentThatReregistersToRegisterAsNew()
    {
        final long digest = h.engine.digest();
        h.reregisterAgent(EngineHarness.AGENTS, 999, "cpus:1;mem:128", new long[0], new long[0]);
        assertNotNull(h.out.last(RecordingOutput.ShutdownAgent.class));
        assertRefused(ErrorCode.UNKNOWN_AGENT, "register as a new agent", digest);
    }

    @Test
    void shouldRefuseAnAgentWithBadAttributesOrNoResources()
    {
        final long digest = h.engine.digest();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final RegisterAgentEncoder encoder = new RegisterAgentEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        encoder.correlationId(1).scalarsCount(0);
        encoder.portsCount(0);
        encoder.hostname("h").attributes("rack:r1");
        h.sendRaw(EngineHarness.AGENTS, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        assertRefused(ErrorCode.INVALID_RESOURCES, "some resources", digest);
    }

    @Test
    void shouldRefuseANegativeScalarOnTheWire()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final RegisterAgentEncoder encoder = new RegisterAgentEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        encoder.correlationId(1).scalarsCount(1).next().dimension((short)0).value(-1000).name("");
        encoder.portsCount(0);
        encoder.hostname("h").attributes("");
        final long digest = h.engine.digest();
        h.sendRaw(EngineHarness.AGENTS, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        assertRefused(ErrorCode.INVALID_RESOURCES, "negative", digest);
    }

    @Test
    void shouldRefuseAMessageThatIsNotAnInputOfTheMaster()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final OffersEncoder encoder = new OffersEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        encoder.frameworkId(1).offerCount(0);
        final long digest = h.engine.digest();
        h.sendRaw(FW1, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        assertRefused(ErrorCode.UNKNOWN_TEMPLATE, "not an input of the master", digest);
    }

    @Test
    void shouldSurviveTruncatedAndRandomBuffers()
    {
        final long digest = h.engine.digest();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final Random random = new Random(42);
        for (int i = 0; i < 20_000; i++)
        {
            random.nextBytes(buffer.byteArray());
            buffer.putShort(2, (short)(1 + random.nextInt(64)), java.nio.ByteOrder.LITTLE_ENDIAN);
            buffer.putShort(4, (short)7531, java.nio.ByteOrder.LITTLE_ENDIAN);
            buffer.putShort(6, (short)1, java.nio.ByteOrder.LITTLE_ENDIAN);
            h.sendRaw(FW1, buffer, 0, random.nextInt(512));
        }
        assertTrue(h.engine.errorCount() > 0);
        assertEquals(0, h.out.all(RecordingOutput.Error.class, (e) -> e.code() == ErrorCode.INTERNAL_ERROR).size(),
            () -> h.out.all(RecordingOutput.Error.class, (e) -> e.code() == ErrorCode.INTERNAL_ERROR).get(0).message());
        assertEquals(digest, h.engine.digest());
    }

    @Test
    void shouldRefuseAnInvalidRoleAndANegativeFailoverTimeout()
    {
        final long digest = h.engine.digest();
        assertEquals(-1, h.subscribe(103, 0, "../etc", 0, false));
        assertRefused(ErrorCode.INVALID_ARGUMENT, "invalid role", digest);
        assertEquals(-1, h.subscribe(103, 0, "web", -5, false));
        assertRefused(ErrorCode.INVALID_ARGUMENT, "failover timeout", digest);
    }
}
