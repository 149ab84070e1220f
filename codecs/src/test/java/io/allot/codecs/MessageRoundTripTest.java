package io.allot.codecs;

import io.allot.codecs.SchemaMessages.Kind;
import io.allot.codecs.SchemaMessages.Member;
import io.allot.codecs.SchemaMessages.MessageSpec;
import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.codecs.sbe.MessageDecoder;
import io.allot.codecs.sbe.MessageEncoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageRoundTripTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256 * 1024]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageValidator validator = new MessageValidator();

    @Test
    void shouldRoundTripEveryFieldOfEveryMessageOfTheSchema()
    {
        for (final MessageSpec spec : SchemaMessages.MESSAGES)
        {
            for (long seed = 1; seed <= 5; seed++)
            {
                final int offset = (int)seed * 3;
                final int length = SchemaMessages.encode(spec, buffer, offset, seed);

                assertEquals(MessageValidator.VALID, validator.validate(buffer, offset, length), validator.errorMessage().toString());
                assertEquals(length, SchemaMessages.assertDecodes(spec, buffer, offset, seed), spec.name());
            }
        }
    }

    @Test
    void shouldDriveEveryKindOfMemberTheSchemaHas()
    {
        int nestedGroups = 0;
        int strings = 0;
        int bytes = 0;
        for (final MessageSpec spec : SchemaMessages.MESSAGES)
        {
            for (final Member member : spec.members())
            {
                strings += member.kind() == Kind.STRING ? 1 : 0;
                bytes += member.kind() == Kind.BYTES ? 1 : 0;
                nestedGroups += member.kind() == Kind.GROUP && hasGroup(member.members()) ? 1 : 0;
            }
        }

        assertTrue(nestedGroups >= 3, "Accept.tasks, Offers.offer and ReregisterAgent.tasks nest groups");
        assertTrue(strings > 10);
        assertTrue(bytes >= 4);
        assertTrue(SchemaMessages.MESSAGES.size() >= 45);
        final String text = SchemaMessages.text(new Random(3)) + SchemaMessages.text(new Random(4));
        assertFalse(StandardCharsets.US_ASCII.newEncoder().canEncode(text), "strings mix in multi-byte UTF-8: " + text);
    }

    @Test
    void shouldRoundTripAcceptWithNestedGroupsAndUtf8ByHand()
    {
        final AcceptEncoder encoder = new AcceptEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .frameworkId(42).refuseMs(5_000);
        encoder.offerIdsCount(2).next().offerId(1001).next().offerId(1002);
        final AcceptEncoder.TasksEncoder tasks = encoder.tasksCount(2);
        tasks.next().taskId(7).killGracePeriodMs(-1);
        tasks.scalarsCount(2)
            .next().dimension((short)0).value(1_500).name("")
            .next().dimension((short)255).value(2_000).name("fpgas");
        tasks.portsCount(2).next().begin(31_000).end(31_009).next().begin(32_000).end(32_000);
        tasks.name("tâche-日本").command("echo 😀");
        tasks.next().taskId(8).killGracePeriodMs(30_000);
        tasks.scalarsCount(0);
        tasks.portsCount(0);
        tasks.name("").command("sleep 10");
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();

        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length), validator.errorMessage().toString());
        final AcceptDecoder decoder = new AcceptDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(42, decoder.frameworkId());
        assertEquals(5_000, decoder.refuseMs());
        final AcceptDecoder.OfferIdsDecoder offerIds = decoder.offerIds();
        assertEquals(2, offerIds.count());
        assertEquals(1001, offerIds.next().offerId());
        assertEquals(1002, offerIds.next().offerId());
        final AcceptDecoder.TasksDecoder tasksDecoder = decoder.tasks();
        assertEquals(2, tasksDecoder.count());
        assertEquals(7, tasksDecoder.next().taskId());
        assertEquals(-1, tasksDecoder.killGracePeriodMs());
        final AcceptDecoder.TasksDecoder.ScalarsDecoder scalars = tasksDecoder.scalars();
        assertEquals(2, scalars.count());
        assertEquals(0, scalars.next().dimension());
        assertEquals(1_500, scalars.value());
        assertEquals("", scalars.name());
        assertEquals(255, scalars.next().dimension());
        assertEquals(2_000, scalars.value());
        assertEquals("fpgas", scalars.name());
        final AcceptDecoder.TasksDecoder.PortsDecoder ports = tasksDecoder.ports();
        assertEquals(2, ports.count());
        assertEquals(31_000, ports.next().begin());
        assertEquals(31_009, ports.end());
        assertEquals(32_000, ports.next().begin());
        assertEquals(32_000, ports.end());
        assertEquals("tâche-日本", tasksDecoder.name());
        assertEquals("echo 😀", tasksDecoder.command());
        assertEquals(8, tasksDecoder.next().taskId());
        assertEquals(30_000, tasksDecoder.killGracePeriodMs());
        assertEquals(0, tasksDecoder.scalars().count());
        assertEquals(0, tasksDecoder.ports().count());
        assertEquals("", tasksDecoder.name());
        assertEquals("sleep 10", tasksDecoder.command());
        assertEquals(length, MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength());
    }

    @Test
    void shouldRoundTripPayloadBytesByHand()
    {
        final byte[] payload = new byte[256];
        for (int i = 0; i < payload.length; i++)
        {
            payload[i] = (byte)i;
        }
        final MessageEncoder encoder = new MessageEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .frameworkId(1).agentId(2).taskId(3).putPayload(payload, 0, payload.length);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();

        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length), validator.errorMessage().toString());
        final MessageDecoder decoder = new MessageDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(1, decoder.frameworkId());
        assertEquals(2, decoder.agentId());
        assertEquals(3, decoder.taskId());
        final byte[] decoded = new byte[decoder.payloadLength()];
        decoder.getPayload(decoded, 0, decoded.length);
        assertArrayEquals(payload, decoded);
    }

    private static boolean hasGroup(final List<Member> members)
    {
        return members.stream().anyMatch((m) -> m.kind() == Kind.GROUP);
    }
}
