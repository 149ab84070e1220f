/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.perf;

import io.allot.codecs.MessageValidator;
import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import io.allot.codecs.sbe.OffersEncoder;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import io.allot.resources.ResourcesParser;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The codec work around one offer round trip: validating and decoding an Accept with one task (the way the engine
 * reads it, but with the task's name and command as views rather than Strings), and encoding an Offers message
 * with one offer from {@link Resources} and the agent's hostname and attributes as the engine hands them out.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED" })
@State(Scope.Thread)
public class DecodeEncodeBenchmark // not final: JMH generates subclasses of benchmark and state classes
{
    private static final int CAPACITY = 4096;

    private final UnsafeBuffer acceptBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY));
    private final UnsafeBuffer offersBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY));
    private final UnsafeBuffer text = new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY));
    private final UnsafeBuffer nameView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer commandView = new UnsafeBuffer(0, 0);
    private final MessageValidator validator = new MessageValidator();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final AcceptDecoder acceptDecoder = new AcceptDecoder();
    private final OffersEncoder offersEncoder = new OffersEncoder();
    private Resources taskResources;
    private Resources decoded;
    private Resources offered;
    private int acceptLength;
    private CharSequence hostname;
    private CharSequence attributes;

    /**
     * Encode the Accept to decode and parse the resources to encode.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final ResourceNames names = new ResourceNames();
        taskResources = ResourcesParser.parse("cpus:1;mem:128;ports:[31000-31000]", names);
        offered = ResourcesParser.parse(AllocationPassBenchmark.AGENT_RESOURCES, names);
        decoded = new Resources(names);
        hostname = "agent-00042.rack-07.example.com";
        attributes = "rack:r7;zone:a;os:linux";

        final AcceptEncoder accept = new AcceptEncoder().wrapAndApplyHeader(acceptBuffer, 0, headerEncoder)
            .frameworkId(3)
            .refuseMs(-1);
        accept.offerIdsCount(1).next().offerId(12_345);
        final AcceptEncoder.TasksEncoder task = accept.tasksCount(1).next().taskId(77).killGracePeriodMs(-1);
        ResourceCodec.encode(taskResources, task);
        task.name("web-server").command("./serve --port 31000");
        acceptLength = MessageHeaderEncoder.ENCODED_LENGTH + accept.encodedLength();

        if (MessageValidator.VALID != validator.validate(acceptBuffer, 0, acceptLength))
        {
            throw new IllegalStateException("invalid Accept: " + validator.errorMessage());
        }
    }

    /**
     * Validate an Accept with one offer id and one task, then decode every field of it.
     *
     * @param blackhole consumes what was read.
     * @return the task id, 0 when the message was refused.
     */
    @Benchmark
    public long validateAndDecodeAccept(final Blackhole blackhole)
    {
        if (MessageValidator.VALID != validator.validate(acceptBuffer, 0, acceptLength))
        {
            return 0;
        }
        headerDecoder.wrap(acceptBuffer, 0);
        acceptDecoder.wrap(acceptBuffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        blackhole.consume(acceptDecoder.frameworkId());
        blackhole.consume(acceptDecoder.refuseMs());
        for (final AcceptDecoder.OfferIdsDecoder ids : acceptDecoder.offerIds())
        {
            blackhole.consume(ids.offerId());
        }
        long taskId = 0;
        for (final AcceptDecoder.TasksDecoder task : acceptDecoder.tasks())
        {
            taskId = task.taskId();
            blackhole.consume(task.killGracePeriodMs());
            if (ResourceCodec.OK != ResourceCodec.decode(task, decoded))
            {
                return 0;
            }
            task.wrapName(nameView);
            task.wrapCommand(commandView);
            blackhole.consume(nameView.capacity() + commandView.capacity());
        }
        blackhole.consume(decoded);
        return taskId;
    }

    /**
     * Encode an Offers message with one offer of a whole agent.
     *
     * @return encoded length.
     */
    @Benchmark
    public int encodeOffers()
    {
        offersEncoder.wrapAndApplyHeader(offersBuffer, 0, headerEncoder).frameworkId(3);
        final OffersEncoder.OfferEncoder offer = offersEncoder.offerCount(1).next().offerId(12_345).agentId(42);
        ResourceCodec.encode(offered, offer);
        // the engine hands out hostname and attributes as CharSequence; hostnames and Mesos attributes are ASCII
        final int hostnameLength = text.putStringWithoutLengthAscii(0, hostname);
        offer.putHostname(text, 0, hostnameLength);
        final int attributesLength = text.putStringWithoutLengthAscii(0, attributes);
        offer.putAttributes(text, 0, attributesLength);
        return offersEncoder.encodedLength();
    }
}
