/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.codecs;

import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.StatusUpdateDecoder;
import io.allot.codecs.sbe.SubscribeDecoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IngressEncoderTest
{
    private final ResourceNames names = new ResourceNames();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
    private final IngressEncoder encoder = new IngressEncoder(buffer);
    private final MessageValidator validator = new MessageValidator();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    private void assertValid(final int length, final int templateId)
    {
        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length), () -> validator.errorMessage().toString());
        assertEquals(length, validator.decodedLength());
        assertEquals(templateId, validator.templateId());
    }

    @Test
    void shouldEncodeEveryInputAsAValidMessage()
    {
        final Resources resources = ResourcesParser.parse("cpus:2;mem:1024;ports:[31000-31010]", names);
        final long[] ids = { 5, 6 };
        assertValid(encoder.subscribe(1, 0, 1000, true, "batch", "web"), SubscribeDecoder.TEMPLATE_ID);
        assertValid(encoder.teardown(3), 2);
        assertValid(encoder.accept(3, -1, 9, 100, 3, resources, "t", "sleep 1"), AcceptDecoder.TEMPLATE_ID);
        assertValid(encoder.decline(3, 5000, ids, 2), 4);
        assertValid(encoder.revive(3), 5);
        assertValid(encoder.suppress(3), 6);
        assertValid(encoder.kill(3, 100, 7), 7);
        assertValid(encoder.acknowledge(3, 7, 100, 11, 12), 8);
        assertValid(encoder.reconcile(3, ids, null, 2), 9);
        assertValid(encoder.registerAgent(1, resources, "host", "rack:r1"), 40);
        assertValid(encoder.reregisterAgent(7, 2, resources, ids, ids, new Resources[]{ resources, resources }, 2, "host", ""), 41);
        assertValid(encoder.statusUpdate(7, 3, 100, TaskState.TASK_RUNNING, TaskReason.NONE, 1, 2, 99, "up"),
            StatusUpdateDecoder.TEMPLATE_ID);
        assertValid(encoder.executorExited(7, 3, 100, 1), 43);
        assertValid(encoder.agentPong(7, 4), 44);
        assertValid(encoder.deactivateAgent(1, 7), 60);
        assertValid(encoder.reactivateAgent(1, 7), 61);
        assertValid(encoder.removeAgent(1, 7), 62);
        assertValid(encoder.updateAgent(1, 7, resources), 63);
    }

    @Test
    void shouldEncodeAnAcceptOfManyShapes()
    {
        final long[] offers = { 41, 42 };
        final AcceptEncoder.TasksEncoder tasks = encoder.acceptBegin(3, 0, offers, 2, 2);
        tasks.next().taskId(1).killGracePeriodMs(-1);
        ResourceCodec.encode(ResourcesParser.parse("cpus:1", names), tasks);
        tasks.name("a").command("true");
        tasks.next().taskId(2).killGracePeriodMs(-1);
        ResourceCodec.encode(ResourcesParser.parse("mem:64", names), tasks);
        tasks.name("b").command("false");
        final int length = encoder.acceptLength();
        assertValid(length, AcceptDecoder.TEMPLATE_ID);

        header.wrap(buffer, 0);
        final AcceptDecoder decoder = new AcceptDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version());
        assertEquals(2, decoder.offerIds().count());
        decoder.sbeRewind();
        final AcceptDecoder.OfferIdsDecoder ids = decoder.offerIds();
        assertEquals(41, ids.next().offerId());
        assertEquals(42, ids.next().offerId());
        final AcceptDecoder.TasksDecoder decoded = decoder.tasks();
        final Resources into = new Resources(names);
        decoded.next();
        assertEquals(1, decoded.taskId());
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(decoded, into));
        assertEquals("cpus:1", into.toString());
    }
}
