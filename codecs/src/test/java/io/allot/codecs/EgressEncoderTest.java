/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.codecs;

import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.ErrorDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.OffersDecoder;
import io.allot.codecs.sbe.RunTaskDecoder;
import io.allot.codecs.sbe.TaskReason;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateDecoder;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EgressEncoderTest
{
    private final ResourceNames names = new ResourceNames();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
    private final EgressEncoder encoder = new EgressEncoder(buffer);
    private final MessageValidator validator = new MessageValidator();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    private int body(final int length)
    {
        assertEquals(MessageValidator.VALID, validator.validate(buffer, 0, length), () -> validator.errorMessage().toString());
        assertEquals(length, validator.decodedLength());
        header.wrap(buffer, 0);
        return MessageHeaderDecoder.ENCODED_LENGTH;
    }

    @Test
    void shouldEncodeAnOfferWithItsAgentsHostnameAndAttributes()
    {
        final Resources resources = ResourcesParser.parse("cpus:2;mem:1024;ports:[31000-31005]", names);
        final int length = encoder.offer(3, 17, 5, resources, "node-5", new StringBuilder("rack:r1;zone:a"));
        final OffersDecoder offers = new OffersDecoder().wrap(buffer, body(length), header.blockLength(), header.version());
        assertEquals(3, offers.frameworkId());
        final OffersDecoder.OfferDecoder offer = offers.offer().next();
        assertEquals(17, offer.offerId());
        assertEquals(5, offer.agentId());
        final Resources decoded = new Resources(names);
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(offer, decoded));
        assertEquals(resources, decoded);
        assertEquals("node-5", offer.hostname());
        assertEquals("rack:r1;zone:a", offer.attributes());
    }

    @Test
    void shouldEncodeTextGivenAsUtf8Bytes()
    {
        final UnsafeBuffer name = new UnsafeBuffer("tâche-1".getBytes(StandardCharsets.UTF_8));
        final UnsafeBuffer command = new UnsafeBuffer("echo ok".getBytes(StandardCharsets.UTF_8));
        final int length = encoder.runTask(5, 3, 1, -1, ResourcesParser.parse("cpus:1", names), name, command, "web");
        final RunTaskDecoder runTask = new RunTaskDecoder().wrap(buffer, body(length), header.blockLength(), header.version());
        assertEquals(1, runTask.taskId());
        ResourceCodec.decode(runTask, new Resources(names));
        assertEquals("tâche-1", runTask.name());
        assertEquals("echo ok", runTask.command());
        assertEquals("web", runTask.role());

        final UnsafeBuffer message = new UnsafeBuffer("exited 1".getBytes(StandardCharsets.UTF_8));
        final int updateLength = encoder.update(3, 5, 1, TaskState.TASK_FAILED, TaskReason.NONE, UpdateSource.AGENT, 7, 8, 99, message);
        final UpdateDecoder update = new UpdateDecoder().wrap(buffer, body(updateLength), header.blockLength(), header.version());
        assertEquals(TaskState.TASK_FAILED, update.state());
        assertEquals(8, update.uuid().lsb());
        assertEquals("exited 1", update.message());
    }

    @Test
    void shouldEncodeEveryEventAsAValidMessage()
    {
        final long[] ids = { 1, 2 };
        body(encoder.subscribed(1, 2, 15_000));
        body(encoder.rescind(2, 9));
        body(encoder.failure(2, 5, 0, 0));
        body(encoder.heartbeat(2, 100));
        body(encoder.revocation(2, 5000, ids, ids, 2));
        body(encoder.agentRegistered(1, 5, 15_000));
        body(encoder.agentReregistered(1, 5));
        body(encoder.killTask(5, 2, 1, -1));
        body(encoder.statusUpdateAck(5, 2, 1, 7, 8));
        body(encoder.shutdownFramework(5, 2));
        body(encoder.agentPing(5, 3));
        body(encoder.shutdownAgent(5, TaskReason.AGENT_REMOVED));
        body(encoder.operatorAck(4, 62));
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[]{ 1, 2, 3 });
        body(encoder.frameworkMessage(2, 5, 1, payload, 0, 3));
        body(encoder.executorMessage(5, 2, 1, payload, 0, 3));
        final int length = encoder.error(4, 2, 0, ErrorCode.UNKNOWN_OFFER, 3, "offer 9 is unknown");
        final ErrorDecoder error = new ErrorDecoder().wrap(buffer, body(length), header.blockLength(), header.version());
        assertEquals(ErrorCode.UNKNOWN_OFFER, error.code());
        assertEquals("offer 9 is unknown", error.message());
    }
}
