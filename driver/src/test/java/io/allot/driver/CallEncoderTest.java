/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.codecs.MessageValidator;
import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.AcknowledgeDecoder;
import io.allot.codecs.sbe.DeclineDecoder;
import io.allot.codecs.sbe.KillDecoder;
import io.allot.codecs.sbe.MessageDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.ReconcileDecoder;
import io.allot.codecs.sbe.ReviveDecoder;
import io.allot.codecs.sbe.SubscribeDecoder;
import io.allot.codecs.sbe.SuppressDecoder;
import io.allot.codecs.sbe.TeardownDecoder;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The calls the driver encodes are what the master decodes: every one validates, carries its fields, and has the
 * framework id at the offset the conductor patches it at.
 */
class CallEncoderTest
{
    private final CallEncoder encoder = new CallEncoder(64 * 1024);
    private final MessageValidator validator = new MessageValidator();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    @Test
    @Timeout(10)
    void shouldEncodeALaunchAsTheMasterDecodesIt()
    {
        final TaskInfo task = new TaskInfo().taskId(11).name("web").command("./serve --port 31000")
            .resources("cpus:0.5;mem:256;ports:[31000-31000]").killGracePeriodMs(2_000);
        final int length = encoder.launch(7, 42, task, Filters.refuseSeconds(1.5).refuseMs());

        assertEquals(MessageValidator.VALID, validator.validate(encoder.body(), 0, length), () -> validator.errorMessage().toString());
        final AcceptDecoder accept = new AcceptDecoder().wrapAndApplyHeader(encoder.body(), 0, header);
        assertEquals(7, accept.frameworkId());
        assertEquals(1_500, accept.refuseMs());
        final AcceptDecoder.OfferIdsDecoder offerIds = accept.offerIds();
        assertEquals(1, offerIds.count());
        assertEquals(42, offerIds.next().offerId());
        final AcceptDecoder.TasksDecoder tasks = accept.tasks();
        assertEquals(1, tasks.count());
        tasks.next();
        assertEquals(11, tasks.taskId());
        assertEquals(2_000, tasks.killGracePeriodMs());
        final Resources decoded = new Resources(new ResourceNames());
        assertEquals(ResourceCodec.OK, ResourceCodec.decode(tasks, decoded));
        assertEquals(ResourcesParser.parse("cpus:0.5;mem:256;ports:[31000-31000]", new ResourceNames()), decoded);
        assertEquals("web", tasks.name());
        assertEquals("./serve --port 31000", tasks.command());
    }

    @Test
    @Timeout(10)
    void shouldEncodeAnAcceptOfSeveralOffersAndTasks()
    {
        final TaskInfo first = new TaskInfo().taskId(1).name("a").command("true").resources("cpus:1");
        final TaskInfo second = new TaskInfo().taskId(2).name("b").command("true").resources("mem:32");
        final int length = encoder.accept(3, new long[]{ 5, 6, 99 }, 2, List.of(first, second), -1);

        assertEquals(MessageValidator.VALID, validator.validate(encoder.body(), 0, length));
        final AcceptDecoder accept = new AcceptDecoder().wrapAndApplyHeader(encoder.body(), 0, header);
        assertEquals(-1, accept.refuseMs(), "no filter: the master's default");
        final AcceptDecoder.OfferIdsDecoder offerIds = accept.offerIds();
        assertEquals(2, offerIds.count());
        assertEquals(5, offerIds.next().offerId());
        assertEquals(6, offerIds.next().offerId());
        assertEquals(2, accept.tasks().count());
    }

    @Test
    @Timeout(10)
    void shouldPutTheFrameworkIdWhereTheConductorPatchesIt()
    {
        final TaskStatus status = new TaskStatus(4, 5);
        final UnsafeBuffer payload = new UnsafeBuffer("hi".getBytes(StandardCharsets.UTF_8));
        final List<ToIntFunction<Long>> calls = List.of(
            (id) -> encoder.teardown(id),
            (id) -> encoder.launch(id, 1, new TaskInfo().taskId(1).resources("cpus:1"), -1),
            (id) -> encoder.decline(id, 1, -1),
            (id) -> encoder.revive(id),
            (id) -> encoder.suppress(id),
            (id) -> encoder.kill(id, 9),
            (id) -> encoder.acknowledge(id, status),
            (id) -> encoder.reconcile(id, List.of(status)),
            (id) -> encoder.message(id, 5, 4, payload, 0, 2));
        final List<Integer> templateIds = List.of(TeardownDecoder.TEMPLATE_ID, AcceptDecoder.TEMPLATE_ID, DeclineDecoder.TEMPLATE_ID,
            ReviveDecoder.TEMPLATE_ID, SuppressDecoder.TEMPLATE_ID, KillDecoder.TEMPLATE_ID, AcknowledgeDecoder.TEMPLATE_ID,
            ReconcileDecoder.TEMPLATE_ID, MessageDecoder.TEMPLATE_ID);

        for (int i = 0; i < calls.size(); i++)
        {
            final int length = calls.get(i).applyAsInt(0L);
            assertEquals(templateIds.get(i), encoder.templateId());
            assertEquals(MessageValidator.VALID, validator.validate(encoder.body(), 0, length));
            assertEquals(0L, encoder.body().getLong(CallEncoder.FRAMEWORK_ID_OFFSET));
            encoder.body().putLong(CallEncoder.FRAMEWORK_ID_OFFSET, 77);
            assertEquals(77L, frameworkIdOf(length), "framework id of template " + encoder.templateId());
        }
    }

    @Test
    @Timeout(10)
    void shouldEncodeASubscription()
    {
        final FrameworkInfo framework = new FrameworkInfo().name("batch").role("analytics").failoverTimeoutSeconds(2.5)
            .partitionAware(true).prefer("rack:r1");
        final int length = encoder.subscribe(3, 8, framework);

        assertEquals(MessageValidator.VALID, validator.validate(encoder.body(), 0, length));
        final SubscribeDecoder subscribe = new SubscribeDecoder().wrapAndApplyHeader(encoder.body(), 0, header);
        assertEquals(3, subscribe.correlationId());
        assertEquals(8, subscribe.frameworkId());
        assertEquals(2_500, subscribe.failoverTimeoutMs());
        assertEquals("batch", subscribe.name());
        assertEquals("analytics", subscribe.role());
        assertEquals("rack:r1", subscribe.prefer());
    }

    @Test
    @Timeout(10)
    void shouldRefuseACallLargerThanItsBuffer()
    {
        final CallEncoder small = new CallEncoder(256);
        final TaskInfo task = new TaskInfo().taskId(1).command("x".repeat(1_000)).resources("cpus:1");
        assertThrows(IndexOutOfBoundsException.class, () -> small.launch(1, 1, task, -1));
    }

    private long frameworkIdOf(final int length)
    {
        validator.validate(encoder.body(), 0, length);
        header.wrap(encoder.body(), 0);
        final int offset = MessageHeaderDecoder.ENCODED_LENGTH;
        switch (header.templateId())
        {
            case TeardownDecoder.TEMPLATE_ID:
                return new TeardownDecoder().wrap(encoder.body(), offset, header.blockLength(), header.version()).frameworkId();
            case AcceptDecoder.TEMPLATE_ID:
                return new AcceptDecoder().wrap(encoder.body(), offset, header.blockLength(), header.version()).frameworkId();
            case DeclineDecoder.TEMPLATE_ID:
                return new DeclineDecoder().wrap(encoder.body(), offset, header.blockLength(), header.version()).frameworkId();
            case ReviveDecoder.TEMPLATE_ID:
                return new ReviveDecoder().wrap(encoder.body(), offset, header.blockLength(), header.version()).frameworkId();
            case SuppressDecoder.TEMPLATE_ID:
                return new SuppressDecoder().wrap(encoder.body(), offset, header.blockLength(), header.version()).frameworkId();
            case KillDecoder.TEMPLATE_ID:
                return new KillDecoder().wrap(encoder.body(), offset, header.blockLength(), header.version()).frameworkId();
            case AcknowledgeDecoder.TEMPLATE_ID:
                return new AcknowledgeDecoder().wrap(encoder.body(), offset, header.blockLength(), header.version()).frameworkId();
            case ReconcileDecoder.TEMPLATE_ID:
                return new ReconcileDecoder().wrap(encoder.body(), offset, header.blockLength(), header.version()).frameworkId();
            case MessageDecoder.TEMPLATE_ID:
                return new MessageDecoder().wrap(encoder.body(), offset, header.blockLength(), header.version()).frameworkId();
            default:
                throw new IllegalStateException("template " + header.templateId());
        }
    }
}
