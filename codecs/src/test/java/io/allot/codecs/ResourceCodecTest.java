package io.allot.codecs;

import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.codecs.sbe.AgentRecordDecoder;
import io.allot.codecs.sbe.AgentRecordEncoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.FilterRecordDecoder;
import io.allot.codecs.sbe.FilterRecordEncoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import io.allot.codecs.sbe.OfferRecordDecoder;
import io.allot.codecs.sbe.OfferRecordEncoder;
import io.allot.codecs.sbe.OffersDecoder;
import io.allot.codecs.sbe.OffersEncoder;
import io.allot.codecs.sbe.RegisterAgentDecoder;
import io.allot.codecs.sbe.RegisterAgentEncoder;
import io.allot.codecs.sbe.ReregisterAgentDecoder;
import io.allot.codecs.sbe.ReregisterAgentEncoder;
import io.allot.codecs.sbe.RunTaskDecoder;
import io.allot.codecs.sbe.RunTaskEncoder;
import io.allot.codecs.sbe.TaskRecordDecoder;
import io.allot.codecs.sbe.TaskRecordEncoder;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateAgentDecoder;
import io.allot.codecs.sbe.UpdateAgentEncoder;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceCodecTest
{
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;

    private final ResourceNames names = new ResourceNames();
    private final Resources agent = ResourcesParser.parse(
        "cpus:24;mem:24576;disk:409600;gpus:2;fpgas:3;bugs:0.5;ports:[21000-24000,30000-34000]", names);
    private final Resources task = ResourcesParser.parse("cpus:0.5;mem:128.25;ports:[31000-31000]", names);
    private final Resources empty = new Resources(names);

    private final ResourceNames decodedNames = new ResourceNames();
    private final Resources decoded = new Resources(decodedNames);
    private final Resources decodedTwo = new Resources(decodedNames);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageValidator validator = new MessageValidator();

    @Test
    void shouldWriteOneScalarsEntryPerNonZeroDimensionAndOnePortsEntryPerRange()
    {
        final Resources resources = ResourcesParser.parse("cpus:2.5;mem:1024;gpus:1;fpgas:3;ports:[31000-32000,40000-40010]", names);
        final UpdateAgentEncoder encoder = new UpdateAgentEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).agentId(7);
        ResourceCodec.encode(resources, encoder);

        final UpdateAgentDecoder decoder = new UpdateAgentDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        final UpdateAgentDecoder.ScalarsDecoder scalars = decoder.scalars();
        assertEquals(4, scalars.count());
        assertScalar(scalars.next(), 0, 2_500, "");
        assertScalar(scalars.next(), 1, 1_024_000, "");
        assertScalar(scalars.next(), 3, 1_000, "");
        assertScalar(scalars.next(), ResourceCodec.CUSTOM_DIMENSION, 3_000, "fpgas");
        final UpdateAgentDecoder.PortsDecoder ports = decoder.ports();
        assertEquals(2, ports.count());
        assertEquals(31000, ports.next().begin());
        assertEquals(32000, ports.end());
        assertEquals(40000, ports.next().begin());
        assertEquals(40010, ports.end());
    }

    @Test
    void shouldWriteEmptyGroupsForEmptyResources()
    {
        final UpdateAgentEncoder encoder = new UpdateAgentEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        ResourceCodec.encode(empty, encoder);

        final UpdateAgentDecoder decoder = new UpdateAgentDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(0, decoder.scalars().count());
        assertEquals(0, decoder.ports().count());
        decoded.setScalar(ResourceNames.CPUS, 1);
        decoder.sbeRewind();
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(decoder, decoded));
        assertTrue(decoded.isEmpty());
    }

    @Test
    void shouldRoundTripAcceptTasks()
    {
        final AcceptEncoder encoder = new AcceptEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).frameworkId(3).refuseMs(-1);
        encoder.offerIdsCount(1).next().offerId(11);
        final AcceptEncoder.TasksEncoder tasks = encoder.tasksCount(2);
        ResourceCodec.encode(task, tasks.next().taskId(1).killGracePeriodMs(-1));
        tasks.name("tâche-1").command("sleep 1");
        ResourceCodec.encode(agent, tasks.next().taskId(2).killGracePeriodMs(5000));
        tasks.name("日本").command("sleep 2");
        validate(HEADER_LENGTH + encoder.encodedLength());

        final AcceptDecoder decoder = new AcceptDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(11, decoder.offerIds().next().offerId());
        final AcceptDecoder.TasksDecoder tasksDecoder = decoder.tasks();
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(tasksDecoder.next(), decoded));
        assertEquals("tâche-1", tasksDecoder.name());
        assertEquals("sleep 1", tasksDecoder.command());
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(tasksDecoder.next(), decodedTwo));
        assertEquals("日本", tasksDecoder.name());
        assertEquals("sleep 2", tasksDecoder.command());
        assertSameResources(task, decoded);
        assertSameResources(agent, decodedTwo);
    }

    @Test
    void shouldRoundTripOffers()
    {
        final OffersEncoder encoder = new OffersEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).frameworkId(3);
        final OffersEncoder.OfferEncoder offers = encoder.offerCount(2);
        ResourceCodec.encode(agent, offers.next().offerId(1).agentId(10));
        offers.hostname("h1").attributes("rack:r1");
        ResourceCodec.encode(empty, offers.next().offerId(2).agentId(20));
        offers.hostname("h2").attributes("");
        validate(HEADER_LENGTH + encoder.encodedLength());

        final OffersDecoder.OfferDecoder offer = new OffersDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).offer();
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(offer.next(), decoded));
        assertEquals("h1", offer.hostname());
        assertEquals("rack:r1", offer.attributes());
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(offer.next(), decodedTwo));
        assertEquals("h2", offer.hostname());
        assertSameResources(agent, decoded);
        assertTrue(decodedTwo.isEmpty());
    }

    @Test
    void shouldRoundTripRegisterAgent()
    {
        final RegisterAgentEncoder encoder = new RegisterAgentEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).correlationId(5);
        ResourceCodec.encode(agent, encoder);
        encoder.hostname("agent-ü").attributes("zone:a");
        validate(HEADER_LENGTH + encoder.encodedLength());

        final RegisterAgentDecoder decoder = new RegisterAgentDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(decoder, decoded));
        assertEquals("agent-ü", decoder.hostname());
        assertEquals("zone:a", decoder.attributes());
        assertSameResources(agent, decoded);
    }

    @Test
    void shouldRoundTripReregisterAgentAndItsTasks()
    {
        final ReregisterAgentEncoder encoder = new ReregisterAgentEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).agentId(9);
        ResourceCodec.encode(agent, encoder);
        final ReregisterAgentEncoder.TasksEncoder tasks = encoder.tasksCount(2);
        ResourceCodec.encode(task, tasks.next().frameworkId(1).taskId(1).state(TaskState.TASK_RUNNING));
        ResourceCodec.encode(agent, tasks.next().frameworkId(1).taskId(2).state(TaskState.TASK_STAGING));
        encoder.hostname("h").attributes("a:b");
        validate(HEADER_LENGTH + encoder.encodedLength());

        final ReregisterAgentDecoder decoder = new ReregisterAgentDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(decoder, decoded));
        assertSameResources(agent, decoded);
        final ReregisterAgentDecoder.TasksDecoder tasksDecoder = decoder.tasks();
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(tasksDecoder.next(), decoded));
        assertSameResources(task, decoded);
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(tasksDecoder.next(), decodedTwo));
        assertSameResources(agent, decodedTwo);
        assertEquals("h", decoder.hostname());
        assertEquals("a:b", decoder.attributes());
    }

    @Test
    void shouldRoundTripRunTask()
    {
        final RunTaskEncoder encoder = new RunTaskEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).agentId(1).taskId(2);
        ResourceCodec.encode(task, encoder);
        encoder.name("web").command("./run").role("*");
        validate(HEADER_LENGTH + encoder.encodedLength());

        final RunTaskDecoder decoder = new RunTaskDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(decoder, decoded));
        assertEquals("web", decoder.name());
        assertEquals("./run", decoder.command());
        assertEquals("*", decoder.role());
        assertSameResources(task, decoded);
    }

    @Test
    void shouldRoundTripUpdateAgent()
    {
        final UpdateAgentEncoder encoder = new UpdateAgentEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).agentId(4);
        ResourceCodec.encode(agent, encoder);
        validate(HEADER_LENGTH + encoder.encodedLength());

        final UpdateAgentDecoder decoder = new UpdateAgentDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(decoder, decoded));
        assertSameResources(agent, decoded);
    }

    @Test
    void shouldRoundTripAgentRecord()
    {
        final AgentRecordEncoder encoder = new AgentRecordEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).agentId(4);
        ResourceCodec.encode(agent, encoder);
        encoder.hostname("h").attributes("");
        validate(HEADER_LENGTH + encoder.encodedLength());

        final AgentRecordDecoder decoder = new AgentRecordDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(decoder, decoded));
        assertEquals("h", decoder.hostname());
        assertSameResources(agent, decoded);
    }

    @Test
    void shouldRoundTripTaskRecord()
    {
        final TaskRecordEncoder encoder = new TaskRecordEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).taskId(4);
        ResourceCodec.encode(task, encoder);
        encoder.name("n").command("c").pendingMessage("");
        validate(HEADER_LENGTH + encoder.encodedLength());

        final TaskRecordDecoder decoder = new TaskRecordDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(decoder, decoded));
        assertEquals("n", decoder.name());
        assertEquals("c", decoder.command());
        assertSameResources(task, decoded);
    }

    @Test
    void shouldRoundTripOfferRecord()
    {
        final OfferRecordEncoder encoder = new OfferRecordEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).offerId(4);
        ResourceCodec.encode(agent, encoder);
        validate(HEADER_LENGTH + encoder.encodedLength());

        final OfferRecordDecoder decoder = new OfferRecordDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(decoder, decoded));
        assertSameResources(agent, decoded);
    }

    @Test
    void shouldRoundTripFilterRecord()
    {
        final FilterRecordEncoder encoder = new FilterRecordEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder).agentId(4);
        ResourceCodec.encode(task, encoder);
        validate(HEADER_LENGTH + encoder.encodedLength());

        final FilterRecordDecoder decoder = new FilterRecordDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(decoder, decoded));
        assertSameResources(task, decoded);
    }

    @Test
    void shouldReplaceTheContentOfTheTarget()
    {
        final Resources target = ResourcesParser.parse("cpus:8;disk:100;ports:[1-2]", decodedNames);
        final UpdateAgentEncoder encoder = new UpdateAgentEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        ResourceCodec.encode(task, encoder);

        assertEquals(ResourceCodec.OK, ResourceCodec.decode(new UpdateAgentDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder), target));
        assertSameResources(task, target);
        assertEquals("", ResourceCodec.errorMessage().toString());
    }

    @Test
    void shouldRefuseNegativeValues()
    {
        assertRefused(ResourceCodec.NEGATIVE_SCALAR, "negative value -1 for scalar mem", scalars(1, -1, ""));
        assertRefused(ResourceCodec.NEGATIVE_SCALAR, "negative value -5 for custom scalar 'fpgas'", scalars(255, -5, "fpgas"));
        assertEquals(4, decodedNames.size(), "no name registered for a refused entry");
    }

    @Test
    void shouldRefuseUnknownDimensionCodes()
    {
        for (final int code : new int[]{ 4, 7, 254 })
        {
            assertRefused(ResourceCodec.UNKNOWN_DIMENSION, "unknown scalar dimension code " + code, scalars(code, 1000, ""));
        }
    }

    @Test
    void shouldRefuseNameOnPredefinedDimension()
    {
        assertRefused(ResourceCodec.INVALID_NAME, "scalar cpus must have an empty name, got 4 bytes", scalars(0, 1000, "cpus"));
    }

    @Test
    void shouldRefuseInvalidCustomNames()
    {
        assertRefused(ResourceCodec.INVALID_NAME, "custom scalar name of 0 bytes: it must have 1 to 4096", scalars(255, 1000, ""));
        assertRefused(ResourceCodec.INVALID_NAME, "invalid byte at 2 of custom scalar name 'gp??'", scalars(255, 1000, "gpü"));
        assertRefused(ResourceCodec.INVALID_NAME, "invalid byte at 1 of custom scalar name 'a b'", scalars(255, 1000, "a b"));
        assertRefused(ResourceCodec.INVALID_NAME, "'ports' is the port range resource, not a scalar", scalars(255, 1000, "ports"));
        assertEquals(4, decodedNames.size());
    }

    @Test
    void shouldRefuseCustomNameWhenTheRegistryIsFull()
    {
        for (int i = decodedNames.size(); i < ResourceNames.MAX_SCALARS; i++)
        {
            decodedNames.register("r" + i);
        }

        assertRefused(ResourceCodec.NAMES_FULL, "no room for custom scalar 'fpgas': the registry holds 16 names", scalars(255, 1, "fpgas"));
        assertEquals(ErrorCode.CAPACITY_EXCEEDED, ResourceCodec.errorCode(ResourceCodec.NAMES_FULL));
        assertEquals(ResourceCodec.OK, decodeUpdateAgent(scalars(255, 1, "r15")), "a known name still decodes");
        assertEquals(1, decoded.scalar(15));
    }

    @Test
    void shouldRefuseDuplicateScalars()
    {
        assertRefused(ResourceCodec.DUPLICATE_SCALAR, "duplicate scalar cpus", scalars(0, 1000, "", 2, 5, "", 0, 2000, ""));
        assertRefused(ResourceCodec.DUPLICATE_SCALAR, "duplicate custom scalar 'fpgas'", scalars(255, 1, "fpgas", 255, 2, "fpgas"));
    }

    @Test
    void shouldRefuseNegativeAndReversedRanges()
    {
        assertRefused(ResourceCodec.INVALID_RANGE, "negative port range -1-5", ports(-1, 5));
        assertRefused(ResourceCodec.INVALID_RANGE, "reversed port range 9-5", ports(9, 5));
    }

    @Test
    void shouldRefuseDuplicateOverlappingAndDescendingRanges()
    {
        assertRefused(ResourceCodec.OVERLAPPING_RANGE, "duplicate port range 5-9", ports(5, 9, 5, 9));
        assertRefused(ResourceCodec.OVERLAPPING_RANGE,
            "port range 8-12 overlaps or precedes 5-9: ranges must be ascending and disjoint", ports(5, 9, 8, 12));
        assertRefused(ResourceCodec.OVERLAPPING_RANGE,
            "port range 1-2 overlaps or precedes 5-9: ranges must be ascending and disjoint", ports(5, 9, 1, 2));
        assertEquals(ErrorCode.INVALID_RESOURCES, ResourceCodec.errorCode(ResourceCodec.OVERLAPPING_RANGE));
    }

    @Test
    void shouldAcceptAdjacentRangesAsOne()
    {
        assertEquals(ResourceCodec.OK, decodeUpdateAgent(ports(1, 4, 5, 9, 11, 11)));
        assertEquals(2, decoded.ports().rangeCount());
        assertEquals(9, decoded.ports().end(0));
    }

    @Test
    void shouldConsumeBothGroupsWhenRefusing()
    {
        final RunTaskEncoder encoder = new RunTaskEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        final RunTaskEncoder.ScalarsEncoder scalars = encoder.scalarsCount(2);
        scalars.next().dimension((short)9).value(1).name("");
        scalars.next().dimension((short)255).value(1).name("fpgas");
        encoder.portsCount(1).next().begin(10).end(20);
        encoder.name("web").command("./run").role("*");
        validate(HEADER_LENGTH + encoder.encodedLength());

        final RunTaskDecoder decoder = new RunTaskDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(ResourceCodec.UNKNOWN_DIMENSION, ResourceCodec.decode(decoder, decoded));
        assertEquals("web", decoder.name());
        assertEquals("./run", decoder.command());
        assertEquals("*", decoder.role());
    }

    @Test
    void shouldKeepTheReasonPerThread() throws InterruptedException
    {
        assertRefused(ResourceCodec.UNKNOWN_DIMENSION, "unknown scalar dimension code 7", scalars(7, 1, ""));
        final Thread other = new Thread(() -> decodeUpdateAgent(ports(2, 1)));
        other.start();
        other.join();

        assertEquals("unknown scalar dimension code 7", ResourceCodec.errorMessage().toString());
    }

    @Test
    void shouldNotAllocateForPredefinedOrKnownCustomDimensions()
    {
        final Resources resources = ResourcesParser.parse("cpus:2;mem:1024;disk:10;gpus:1;fpgas:2;ports:[1-2,4-8]", names);
        ResourcesParser.parse("fpgas:1", decodedNames);
        final UpdateAgentEncoder encoder = new UpdateAgentEncoder();
        final UpdateAgentDecoder decoder = new UpdateAgentDecoder();
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        int failures = 0;
        long allocated = 0;
        for (int round = 0; round < 2; round++)
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            for (int i = 0; i < 10_000; i++)
            {
                ResourceCodec.encode(resources, encoder.wrapAndApplyHeader(buffer, 0, headerEncoder));
                failures += ResourceCodec.decode(decoder.wrapAndApplyHeader(buffer, 0, headerDecoder), decoded);
            }
            allocated = threads.getThreadAllocatedBytes(threadId) - before;
        }

        assertEquals(0, failures);
        assertSameResources(resources, decoded);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes");
    }

    private void assertRefused(final int expectedCode, final String expectedMessage, final int length)
    {
        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length), validator.errorMessage().toString());
        assertEquals(expectedCode, decodeUpdateAgent(length));
        assertEquals(expectedMessage, ResourceCodec.errorMessage().toString());
        assertFalse(ErrorCode.NULL_VAL == ResourceCodec.errorCode(expectedCode));
    }

    private int decodeUpdateAgent(final int length)
    {
        final UpdateAgentDecoder decoder = new UpdateAgentDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        final int result = ResourceCodec.decode(decoder, decoded);
        assertEquals(length, HEADER_LENGTH + decoder.encodedLength(), "both groups consumed");
        return result;
    }

    /**
     * Encode an {@code UpdateAgent} with raw scalars entries given as code, value, name triples and no ports.
     */
    private int scalars(final Object... entries)
    {
        final UpdateAgentEncoder encoder = new UpdateAgentEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        final UpdateAgentEncoder.ScalarsEncoder scalars = encoder.scalarsCount(entries.length / 3);
        for (int i = 0; i < entries.length; i += 3)
        {
            scalars.next().dimension((short)(int)entries[i]).value(((Number)entries[i + 1]).longValue()).name((String)entries[i + 2]);
        }
        encoder.portsCount(0);
        return HEADER_LENGTH + encoder.encodedLength();
    }

    /**
     * Encode an {@code UpdateAgent} with raw ports entries given as begin, end pairs and no scalars.
     */
    private int ports(final long... ranges)
    {
        final UpdateAgentEncoder encoder = new UpdateAgentEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.scalarsCount(0);
        final UpdateAgentEncoder.PortsEncoder ports = encoder.portsCount(ranges.length / 2);
        for (int i = 0; i < ranges.length; i += 2)
        {
            ports.next().begin(ranges[i]).end(ranges[i + 1]);
        }
        return HEADER_LENGTH + encoder.encodedLength();
    }

    private void validate(final int length)
    {
        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length), validator.errorMessage().toString());
        assertEquals(length, validator.decodedLength());
    }

    private static void assertScalar(final UpdateAgentDecoder.ScalarsDecoder entry, final int code, final long value, final String name)
    {
        assertEquals(code, entry.dimension());
        assertEquals(value, entry.value());
        assertEquals(name, entry.name());
    }

    /**
     * Same scalars by name and same ports, whichever registry each side has.
     */
    private static void assertSameResources(final Resources expected, final Resources actual)
    {
        assertEquals(expected.toString(), actual.toString());
        final ResourceNames expectedNames = expected.names();
        for (int dim = 0; dim < expectedNames.size(); dim++)
        {
            final long value = expected.scalar(dim);
            final int actualDim = actual.names().indexOf(expectedNames.name(dim));
            assertEquals(value, actualDim < 0 ? 0 : actual.scalar(actualDim), expectedNames.name(dim));
        }
        assertEquals(expected.ports(), actual.ports());
    }
}
