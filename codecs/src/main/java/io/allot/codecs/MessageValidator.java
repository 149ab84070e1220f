package io.allot.codecs;

import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.AcknowledgeDecoder;
import io.allot.codecs.sbe.AgentPingDecoder;
import io.allot.codecs.sbe.AgentPongDecoder;
import io.allot.codecs.sbe.AgentRecordDecoder;
import io.allot.codecs.sbe.AgentRegisteredDecoder;
import io.allot.codecs.sbe.AgentReregisteredDecoder;
import io.allot.codecs.sbe.CheckpointTaskDecoder;
import io.allot.codecs.sbe.CheckpointUpdateDecoder;
import io.allot.codecs.sbe.DeactivateAgentDecoder;
import io.allot.codecs.sbe.DeclineDecoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.ErrorDecoder;
import io.allot.codecs.sbe.ExecutorExitedDecoder;
import io.allot.codecs.sbe.ExecutorToFrameworkDecoder;
import io.allot.codecs.sbe.FailureDecoder;
import io.allot.codecs.sbe.FilterRecordDecoder;
import io.allot.codecs.sbe.FrameworkRecordDecoder;
import io.allot.codecs.sbe.FrameworkToExecutorDecoder;
import io.allot.codecs.sbe.GetStateDecoder;
import io.allot.codecs.sbe.HeartbeatDecoder;
import io.allot.codecs.sbe.KillDecoder;
import io.allot.codecs.sbe.KillTaskDecoder;
import io.allot.codecs.sbe.MessageDecoder;
import io.allot.codecs.sbe.MessageEventDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.OfferRecordDecoder;
import io.allot.codecs.sbe.OffersDecoder;
import io.allot.codecs.sbe.OperatorAckDecoder;
import io.allot.codecs.sbe.ReactivateAgentDecoder;
import io.allot.codecs.sbe.ReconcileDecoder;
import io.allot.codecs.sbe.RegisterAgentDecoder;
import io.allot.codecs.sbe.RemoveAgentDecoder;
import io.allot.codecs.sbe.ReregisterAgentDecoder;
import io.allot.codecs.sbe.RescindDecoder;
import io.allot.codecs.sbe.RevocationDecoder;
import io.allot.codecs.sbe.RoleRecordDecoder;
import io.allot.codecs.sbe.ReviveDecoder;
import io.allot.codecs.sbe.RunTaskDecoder;
import io.allot.codecs.sbe.ShutdownAgentDecoder;
import io.allot.codecs.sbe.ShutdownFrameworkDecoder;
import io.allot.codecs.sbe.SnapshotBeginDecoder;
import io.allot.codecs.sbe.SnapshotEndDecoder;
import io.allot.codecs.sbe.StatusUpdateAckDecoder;
import io.allot.codecs.sbe.StatusUpdateDecoder;
import io.allot.codecs.sbe.SubscribeDecoder;
import io.allot.codecs.sbe.SubscribedDecoder;
import io.allot.codecs.sbe.SuppressDecoder;
import io.allot.codecs.sbe.TaskRecordDecoder;
import io.allot.codecs.sbe.TeardownDecoder;
import io.allot.codecs.sbe.UpdateAgentDecoder;
import io.allot.codecs.sbe.UpdateQuotaDecoder;
import io.allot.codecs.sbe.UpdateWeightDecoder;
import io.allot.codecs.sbe.UpdateDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The validating entry point for any inbound buffer: checks the message header against this build's schema, then walks
 * the whole body with the generated decoder of its template, so that a message it accepts can be decoded without an
 * exception and without reading past its length.
 * <p>
 * {@link #validate(DirectBuffer, int, int)} never throws: every problem, an exception of a generated decoder included,
 * is answered with an error code and a human-readable reason in {@link #errorMessage()}. Nothing is allocated when a
 * message is valid. Bytes after the end of a valid message are allowed, as SBE allows later versions to append; see
 * {@link #decodedLength()}.
 * <p>
 * One instance per thread: it holds the state of the last validation.
 */
public final class MessageValidator
{
    /**
     * The message is complete and well-formed.
     */
    public static final int VALID = 0;

    /**
     * The buffer is null, or offset and length do not lie within its capacity.
     */
    public static final int INVALID_BOUNDS = -1;

    /**
     * The buffer is shorter than the message header.
     */
    public static final int HEADER_TOO_SHORT = -2;

    /**
     * The schema id of the header is not {@link MessageHeaderDecoder#SCHEMA_ID}.
     */
    public static final int WRONG_SCHEMA_ID = -3;

    /**
     * The schema version of the header is 0 or newer than {@link MessageHeaderDecoder#SCHEMA_VERSION}.
     */
    public static final int UNSUPPORTED_VERSION = -4;

    /**
     * The template id of the header is not a message of the schema.
     */
    public static final int UNKNOWN_TEMPLATE = -5;

    /**
     * The block length of the header is smaller than the root block of the template.
     */
    public static final int BLOCK_LENGTH_TOO_SMALL = -6;

    /**
     * The message needs more bytes than it was given.
     */
    public static final int TRUNCATED = -7;

    /**
     * A repeating group has more entries than its {@code numInGroup} maximum.
     */
    public static final int GROUP_COUNT_TOO_LARGE = -8;

    /**
     * A repeating group declares entries shorter than the generated entry block.
     */
    public static final int GROUP_BLOCK_LENGTH_TOO_SMALL = -9;

    /**
     * A variable length field is longer than its {@code length} maximum.
     */
    public static final int VAR_DATA_TOO_LONG = -10;

    /**
     * A generated decoder failed in an unexpected way.
     */
    public static final int DECODE_FAILED = -11;

    private static final int TEMPLATE_TABLE_LENGTH = 128;
    private static final String[] TEMPLATE_NAMES = new String[TEMPLATE_TABLE_LENGTH];
    private static final int[] BLOCK_LENGTHS = new int[TEMPLATE_TABLE_LENGTH];

    static
    {
        template(SubscribeDecoder.TEMPLATE_ID, "Subscribe", SubscribeDecoder.BLOCK_LENGTH);
        template(TeardownDecoder.TEMPLATE_ID, "Teardown", TeardownDecoder.BLOCK_LENGTH);
        template(AcceptDecoder.TEMPLATE_ID, "Accept", AcceptDecoder.BLOCK_LENGTH);
        template(DeclineDecoder.TEMPLATE_ID, "Decline", DeclineDecoder.BLOCK_LENGTH);
        template(ReviveDecoder.TEMPLATE_ID, "Revive", ReviveDecoder.BLOCK_LENGTH);
        template(SuppressDecoder.TEMPLATE_ID, "Suppress", SuppressDecoder.BLOCK_LENGTH);
        template(KillDecoder.TEMPLATE_ID, "Kill", KillDecoder.BLOCK_LENGTH);
        template(AcknowledgeDecoder.TEMPLATE_ID, "Acknowledge", AcknowledgeDecoder.BLOCK_LENGTH);
        template(ReconcileDecoder.TEMPLATE_ID, "Reconcile", ReconcileDecoder.BLOCK_LENGTH);
        template(MessageDecoder.TEMPLATE_ID, "Message", MessageDecoder.BLOCK_LENGTH);
        template(SubscribedDecoder.TEMPLATE_ID, "Subscribed", SubscribedDecoder.BLOCK_LENGTH);
        template(OffersDecoder.TEMPLATE_ID, "Offers", OffersDecoder.BLOCK_LENGTH);
        template(RescindDecoder.TEMPLATE_ID, "Rescind", RescindDecoder.BLOCK_LENGTH);
        template(UpdateDecoder.TEMPLATE_ID, "Update", UpdateDecoder.BLOCK_LENGTH);
        template(MessageEventDecoder.TEMPLATE_ID, "MessageEvent", MessageEventDecoder.BLOCK_LENGTH);
        template(FailureDecoder.TEMPLATE_ID, "Failure", FailureDecoder.BLOCK_LENGTH);
        template(ErrorDecoder.TEMPLATE_ID, "Error", ErrorDecoder.BLOCK_LENGTH);
        template(HeartbeatDecoder.TEMPLATE_ID, "Heartbeat", HeartbeatDecoder.BLOCK_LENGTH);
        template(RegisterAgentDecoder.TEMPLATE_ID, "RegisterAgent", RegisterAgentDecoder.BLOCK_LENGTH);
        template(ReregisterAgentDecoder.TEMPLATE_ID, "ReregisterAgent", ReregisterAgentDecoder.BLOCK_LENGTH);
        template(StatusUpdateDecoder.TEMPLATE_ID, "StatusUpdate", StatusUpdateDecoder.BLOCK_LENGTH);
        template(ExecutorExitedDecoder.TEMPLATE_ID, "ExecutorExited", ExecutorExitedDecoder.BLOCK_LENGTH);
        template(AgentPongDecoder.TEMPLATE_ID, "AgentPong", AgentPongDecoder.BLOCK_LENGTH);
        template(ExecutorToFrameworkDecoder.TEMPLATE_ID, "ExecutorToFramework", ExecutorToFrameworkDecoder.BLOCK_LENGTH);
        template(AgentRegisteredDecoder.TEMPLATE_ID, "AgentRegistered", AgentRegisteredDecoder.BLOCK_LENGTH);
        template(AgentReregisteredDecoder.TEMPLATE_ID, "AgentReregistered", AgentReregisteredDecoder.BLOCK_LENGTH);
        template(RunTaskDecoder.TEMPLATE_ID, "RunTask", RunTaskDecoder.BLOCK_LENGTH);
        template(KillTaskDecoder.TEMPLATE_ID, "KillTask", KillTaskDecoder.BLOCK_LENGTH);
        template(StatusUpdateAckDecoder.TEMPLATE_ID, "StatusUpdateAck", StatusUpdateAckDecoder.BLOCK_LENGTH);
        template(ShutdownFrameworkDecoder.TEMPLATE_ID, "ShutdownFramework", ShutdownFrameworkDecoder.BLOCK_LENGTH);
        template(AgentPingDecoder.TEMPLATE_ID, "AgentPing", AgentPingDecoder.BLOCK_LENGTH);
        template(FrameworkToExecutorDecoder.TEMPLATE_ID, "FrameworkToExecutor", FrameworkToExecutorDecoder.BLOCK_LENGTH);
        template(ShutdownAgentDecoder.TEMPLATE_ID, "ShutdownAgent", ShutdownAgentDecoder.BLOCK_LENGTH);
        template(DeactivateAgentDecoder.TEMPLATE_ID, "DeactivateAgent", DeactivateAgentDecoder.BLOCK_LENGTH);
        template(ReactivateAgentDecoder.TEMPLATE_ID, "ReactivateAgent", ReactivateAgentDecoder.BLOCK_LENGTH);
        template(RemoveAgentDecoder.TEMPLATE_ID, "RemoveAgent", RemoveAgentDecoder.BLOCK_LENGTH);
        template(UpdateAgentDecoder.TEMPLATE_ID, "UpdateAgent", UpdateAgentDecoder.BLOCK_LENGTH);
        template(OperatorAckDecoder.TEMPLATE_ID, "OperatorAck", OperatorAckDecoder.BLOCK_LENGTH);
        template(SnapshotBeginDecoder.TEMPLATE_ID, "SnapshotBegin", SnapshotBeginDecoder.BLOCK_LENGTH);
        template(AgentRecordDecoder.TEMPLATE_ID, "AgentRecord", AgentRecordDecoder.BLOCK_LENGTH);
        template(FrameworkRecordDecoder.TEMPLATE_ID, "FrameworkRecord", FrameworkRecordDecoder.BLOCK_LENGTH);
        template(TaskRecordDecoder.TEMPLATE_ID, "TaskRecord", TaskRecordDecoder.BLOCK_LENGTH);
        template(OfferRecordDecoder.TEMPLATE_ID, "OfferRecord", OfferRecordDecoder.BLOCK_LENGTH);
        template(FilterRecordDecoder.TEMPLATE_ID, "FilterRecord", FilterRecordDecoder.BLOCK_LENGTH);
        template(SnapshotEndDecoder.TEMPLATE_ID, "SnapshotEnd", SnapshotEndDecoder.BLOCK_LENGTH);
        template(RevocationDecoder.TEMPLATE_ID, "Revocation", RevocationDecoder.BLOCK_LENGTH);
        template(UpdateWeightDecoder.TEMPLATE_ID, "UpdateWeight", UpdateWeightDecoder.BLOCK_LENGTH);
        template(UpdateQuotaDecoder.TEMPLATE_ID, "UpdateQuota", UpdateQuotaDecoder.BLOCK_LENGTH);
        template(RoleRecordDecoder.TEMPLATE_ID, "RoleRecord", RoleRecordDecoder.BLOCK_LENGTH);
        template(GetStateDecoder.TEMPLATE_ID, "GetState", GetStateDecoder.BLOCK_LENGTH);
        template(CheckpointTaskDecoder.TEMPLATE_ID, "CheckpointTask", CheckpointTaskDecoder.BLOCK_LENGTH);
        template(CheckpointUpdateDecoder.TEMPLATE_ID, "CheckpointUpdate", CheckpointUpdateDecoder.BLOCK_LENGTH);
    }

    private final UnsafeBuffer view = new UnsafeBuffer();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final StringBuilder errorMessage = new StringBuilder(256);
    private final MessageBodyWalker bodyWalker = new MessageBodyWalker(errorMessage);
    private int result = VALID;
    private int templateId;
    private int actingBlockLength;
    private int actingVersion;
    private int decodedLength;

    /**
     * Validate the message in a region of a buffer: its header, then every group and variable length field of its body.
     * Nothing past {@code offset + length} is read.
     *
     * @param buffer holding the message.
     * @param offset of the message header in the buffer.
     * @param length of the message as received, header included.
     * @return {@link #VALID} or one of the negative error codes of this class.
     */
    public int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        errorMessage.setLength(0);
        templateId = 0;
        actingBlockLength = 0;
        actingVersion = 0;
        decodedLength = 0;

        try
        {
            result = check(buffer, offset, length);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            errorMessage.setLength(0);
            errorMessage.append("truncated message: ").append(templateName(templateId))
                .append(" read past its ").append(length).append(" bytes");
            result = TRUNCATED;
        }
        catch (final Exception ex)
        {
            errorMessage.setLength(0);
            errorMessage.append("malformed message: ").append(templateName(templateId))
                .append(" failed to decode: ").append(ex.getClass().getName());
            result = DECODE_FAILED;
        }

        if (VALID != result)
        {
            decodedLength = 0;
        }

        return result;
    }

    /**
     * Code of the last validation.
     *
     * @return {@link #VALID} or one of the negative error codes of this class.
     */
    public int result()
    {
        return result;
    }

    /**
     * Why the last message was refused, in words, for example
     * {@code truncated message: Accept needs 120 bytes, got 64}. The builder is reused by the next validation.
     *
     * @return the reason, empty if the last message was valid.
     */
    public CharSequence errorMessage()
    {
        return errorMessage;
    }

    /**
     * The {@link ErrorCode} to answer the last refused message with.
     *
     * @return the error code, or {@link ErrorCode#NULL_VAL} if the last message was valid.
     */
    public ErrorCode errorCode()
    {
        return errorCode(result);
    }

    /**
     * Template id from the header of the last message, set as soon as a header could be read (so that a refusal can
     * name what it refused).
     *
     * @return the template id, or 0 when there was no header.
     */
    public int templateId()
    {
        return templateId;
    }

    /**
     * Block length of the root block from the header of the last message, set as soon as a header could be read.
     *
     * @return the block length to wrap a decoder with, or 0 when there was no header.
     */
    public int actingBlockLength()
    {
        return actingBlockLength;
    }

    /**
     * Schema version from the header of the last message, set as soon as a header could be read.
     *
     * @return the version to wrap a decoder with, or 0 when there was no header.
     */
    public int actingVersion()
    {
        return actingVersion;
    }

    /**
     * Bytes of the last valid message, header included, that its decoder reads; at most the length it was given.
     *
     * @return the decoded length, or 0 if the last message was not valid.
     */
    public int decodedLength()
    {
        return decodedLength;
    }

    /**
     * Name of a message of the schema, as in the schema.
     *
     * @param templateId of the message.
     * @return the name, for example {@code "Accept"}, or null if no message of the schema has this id.
     */
    public static String templateName(final int templateId)
    {
        return templateId >= 0 && templateId < TEMPLATE_TABLE_LENGTH ? TEMPLATE_NAMES[templateId] : null;
    }

    /**
     * The {@link ErrorCode} to answer a refusal with.
     *
     * @param result of {@link #validate(DirectBuffer, int, int)}.
     * @return {@link ErrorCode#UNSUPPORTED_SCHEMA} for a wrong schema id or version, {@link ErrorCode#UNKNOWN_TEMPLATE}
     * for an unknown template, {@link ErrorCode#NULL_VAL} for {@link #VALID}, else {@link ErrorCode#MALFORMED_MESSAGE}.
     */
    public static ErrorCode errorCode(final int result)
    {
        switch (result)
        {
            case VALID:
                return ErrorCode.NULL_VAL;

            case WRONG_SCHEMA_ID:
            case UNSUPPORTED_VERSION:
                return ErrorCode.UNSUPPORTED_SCHEMA;

            case UNKNOWN_TEMPLATE:
                return ErrorCode.UNKNOWN_TEMPLATE;

            default:
                return ErrorCode.MALFORMED_MESSAGE;
        }
    }

    private int check(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null == buffer || offset < 0 || length < 0 || offset > buffer.capacity() - length)
        {
            errorMessage.append("invalid message bounds: offset ").append(offset).append(", length ").append(length)
                .append(", buffer capacity ").append(null == buffer ? 0 : buffer.capacity());
            return INVALID_BOUNDS;
        }

        final int headerLength = MessageHeaderDecoder.ENCODED_LENGTH;
        if (length < headerLength)
        {
            errorMessage.append("buffer shorter than the message header: ").append(length)
                .append(" bytes, the header needs ").append(headerLength);
            return HEADER_TOO_SHORT;
        }

        view.wrap(buffer, offset, length);
        headerDecoder.wrap(view, 0);
        final int schemaId = headerDecoder.schemaId();
        if (MessageHeaderDecoder.SCHEMA_ID != schemaId)
        {
            errorMessage.append("wrong schema id ").append(schemaId).append(", expected ").append(MessageHeaderDecoder.SCHEMA_ID);
            return WRONG_SCHEMA_ID;
        }

        templateId = headerDecoder.templateId();
        actingBlockLength = headerDecoder.blockLength();
        actingVersion = headerDecoder.version();
        if (0 == actingVersion || actingVersion > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            errorMessage.append("unsupported schema version ").append(actingVersion)
                .append(", this build speaks ").append(MessageHeaderDecoder.SCHEMA_VERSION);
            return UNSUPPORTED_VERSION;
        }

        final String name = templateName(templateId);
        if (null == name)
        {
            errorMessage.append("unknown template id ").append(templateId);
            return UNKNOWN_TEMPLATE;
        }

        final int minBlockLength = BLOCK_LENGTHS[templateId];
        if (actingBlockLength < minBlockLength)
        {
            errorMessage.append(name).append(" blockLength ").append(actingBlockLength)
                .append(" is smaller than ").append(minBlockLength);
            return BLOCK_LENGTH_TOO_SMALL;
        }

        final int walked = bodyWalker.walk(view, length, templateId, name, actingBlockLength, actingVersion);
        if (walked < 0)
        {
            return walked;
        }

        decodedLength = walked;
        return VALID;
    }

    private static void template(final int templateId, final String name, final int blockLength)
    {
        if (templateId < 0 || templateId >= TEMPLATE_TABLE_LENGTH || null != TEMPLATE_NAMES[templateId])
        {
            throw new IllegalStateException("template id " + templateId + " of " + name + " is out of the table or twice in it");
        }

        TEMPLATE_NAMES[templateId] = name;
        BLOCK_LENGTHS[templateId] = blockLength;
    }
}
