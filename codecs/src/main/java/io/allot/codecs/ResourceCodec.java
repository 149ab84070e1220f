package io.allot.codecs;

import io.allot.codecs.sbe.AcceptDecoder;
import io.allot.codecs.sbe.AcceptEncoder;
import io.allot.codecs.sbe.AgentRecordDecoder;
import io.allot.codecs.sbe.AgentRecordEncoder;
import io.allot.codecs.sbe.ErrorCode;
import io.allot.codecs.sbe.FilterRecordDecoder;
import io.allot.codecs.sbe.FilterRecordEncoder;
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
import io.allot.codecs.sbe.RoleRecordDecoder;
import io.allot.codecs.sbe.RoleRecordEncoder;
import io.allot.codecs.sbe.UpdateAgentDecoder;
import io.allot.codecs.sbe.UpdateQuotaDecoder;
import io.allot.codecs.sbe.UpdateQuotaEncoder;
import io.allot.codecs.sbe.UpdateAgentEncoder;
import io.allot.resources.RangeSet;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;

import static io.allot.codecs.ResourceCodecScratch.NAME_CAPACITY;
import static io.allot.codecs.ResourceCodecScratch.dimensionCode;
import static io.allot.codecs.ResourceCodecScratch.dimensionName;
import static io.allot.codecs.ResourceCodecScratch.nextScalar;
import static io.allot.codecs.ResourceCodecScratch.scalarCount;

/**
 * Writes {@link Resources} into, and reads them from, the {@code scalars} and {@code ports} groups of every message or
 * group that carries resources: one overload per owner, as SBE generates a class per group. A scalars entry is a
 * dimension code (0 to 3 for {@code cpus}, {@code mem}, {@code disk}, {@code gpus} with an empty name, or
 * {@link #CUSTOM_DIMENSION} with the custom name), a value in milli-units and the name; encoding writes one per non-zero
 * dimension (a negative one too, for decoding to refuse) and one ports entry per range.
 * <p>
 * Decoding replaces the target's content and registers a new custom name in its registry. It refuses negative values,
 * unknown codes, a name on a predefined dimension, a custom name that is invalid or that the full registry can not take,
 * a dimension twice, and port ranges that are negative, reversed, or not ascending and disjoint, with the reason in
 * {@link #errorMessage()}; the rest is still consumed, leaving the decoder after both groups. Decode only what
 * {@link MessageValidator} accepted. Predefined dimensions allocate nothing; a custom name allocates when first
 * registered. Refusal reasons are kept per thread, so any thread may call these methods.
 */
public final class ResourceCodec
{
    /**
     * Decoding succeeded.
     */
    public static final int OK = 0;

    /**
     * A scalar value is negative.
     */
    public static final int NEGATIVE_SCALAR = -1;

    /**
     * A dimension code is neither a predefined dimension nor {@link #CUSTOM_DIMENSION}.
     */
    public static final int UNKNOWN_DIMENSION = -2;

    /**
     * A predefined dimension has a name, or a custom one has an empty or invalid name.
     */
    public static final int INVALID_NAME = -3;

    /**
     * The registry of names is full and can not take a new custom name.
     */
    public static final int NAMES_FULL = -4;

    /**
     * A dimension appears twice.
     */
    public static final int DUPLICATE_SCALAR = -5;

    /**
     * A port range is negative or reversed.
     */
    public static final int INVALID_RANGE = -6;

    /**
     * A port range repeats, overlaps or precedes the one before it.
     */
    public static final int OVERLAPPING_RANGE = -7;

    /**
     * Dimension code of a custom scalar, which carries its name.
     */
    public static final int CUSTOM_DIMENSION = 255;

    private ResourceCodec()
    {
    }

    /**
     * Reason of the last refusal of a decode on the calling thread, reused by its next decode.
     *
     * @return the reason, empty if the last decode on this thread succeeded.
     */
    public static CharSequence errorMessage()
    {
        return ResourceCodecScratch.current().errorMessage();
    }

    /**
     * The {@link ErrorCode} to answer a refused decode with.
     *
     * @param result of a decode.
     * @return {@link ErrorCode#CAPACITY_EXCEEDED} when the registry is full, {@link ErrorCode#NULL_VAL} for {@link #OK},
     * else {@link ErrorCode#INVALID_RESOURCES}.
     */
    public static ErrorCode errorCode(final int result)
    {
        if (OK == result)
        {
            return ErrorCode.NULL_VAL;
        }

        return NAMES_FULL == result ? ErrorCode.CAPACITY_EXCEEDED : ErrorCode.INVALID_RESOURCES;
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of an {@code Accept} task (a LAUNCH operation).
     *
     * @param resources to write.
     * @param task      entry whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final AcceptEncoder.TasksEncoder task)
    {
        final AcceptEncoder.TasksEncoder.ScalarsEncoder scalars = task.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final AcceptEncoder.TasksEncoder.PortsEncoder portsEncoder = task.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of an {@code Offers} offer.
     *
     * @param resources to write.
     * @param offer     entry whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final OffersEncoder.OfferEncoder offer)
    {
        final OffersEncoder.OfferEncoder.ScalarsEncoder scalars = offer.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final OffersEncoder.OfferEncoder.PortsEncoder portsEncoder = offer.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of a {@code RegisterAgent} message (the agent's total).
     *
     * @param resources to write.
     * @param message   encoder whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final RegisterAgentEncoder message)
    {
        final RegisterAgentEncoder.ScalarsEncoder scalars = message.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final RegisterAgentEncoder.PortsEncoder portsEncoder = message.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of a {@code ReregisterAgent} message (the agent's total).
     *
     * @param resources to write.
     * @param message   encoder whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final ReregisterAgentEncoder message)
    {
        final ReregisterAgentEncoder.ScalarsEncoder scalars = message.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final ReregisterAgentEncoder.PortsEncoder portsEncoder = message.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of a {@code ReregisterAgent} task.
     *
     * @param resources to write.
     * @param task      entry whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final ReregisterAgentEncoder.TasksEncoder task)
    {
        final ReregisterAgentEncoder.TasksEncoder.ScalarsEncoder scalars = task.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final ReregisterAgentEncoder.TasksEncoder.PortsEncoder portsEncoder = task.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of a {@code RunTask} message.
     *
     * @param resources to write.
     * @param message   encoder whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final RunTaskEncoder message)
    {
        final RunTaskEncoder.ScalarsEncoder scalars = message.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final RunTaskEncoder.PortsEncoder portsEncoder = message.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of an {@code UpdateAgent} message (the new total).
     *
     * @param resources to write.
     * @param message   encoder whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final UpdateAgentEncoder message)
    {
        final UpdateAgentEncoder.ScalarsEncoder scalars = message.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final UpdateAgentEncoder.PortsEncoder portsEncoder = message.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of an {@code AgentRecord} (the agent's total).
     *
     * @param resources to write.
     * @param record    encoder whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final AgentRecordEncoder record)
    {
        final AgentRecordEncoder.ScalarsEncoder scalars = record.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final AgentRecordEncoder.PortsEncoder portsEncoder = record.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of a {@code TaskRecord}.
     *
     * @param resources to write.
     * @param record    encoder whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final TaskRecordEncoder record)
    {
        final TaskRecordEncoder.ScalarsEncoder scalars = record.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final TaskRecordEncoder.PortsEncoder portsEncoder = record.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of an {@code OfferRecord}.
     *
     * @param resources to write.
     * @param record    encoder whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final OfferRecordEncoder record)
    {
        final OfferRecordEncoder.ScalarsEncoder scalars = record.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final OfferRecordEncoder.PortsEncoder portsEncoder = record.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of a {@code FilterRecord} (the refused resources).
     *
     * @param resources to write.
     * @param record    encoder whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final FilterRecordEncoder record)
    {
        final FilterRecordEncoder.ScalarsEncoder scalars = record.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final FilterRecordEncoder.PortsEncoder portsEncoder = record.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of an {@code Accept} task (a LAUNCH operation).
     *
     * @param task entry whose fixed fields are read; its groups come next.
     * @param into resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final AcceptDecoder.TasksDecoder task, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final AcceptDecoder.TasksDecoder.ScalarsDecoder entry : task.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final AcceptDecoder.TasksDecoder.PortsDecoder entry : task.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of an {@code Offers} offer.
     *
     * @param offer entry whose fixed fields are read; its groups come next.
     * @param into  resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final OffersDecoder.OfferDecoder offer, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final OffersDecoder.OfferDecoder.ScalarsDecoder entry : offer.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final OffersDecoder.OfferDecoder.PortsDecoder entry : offer.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of a {@code RegisterAgent} message (the agent's total).
     *
     * @param message decoder whose fixed fields are read; its groups come next.
     * @param into    resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final RegisterAgentDecoder message, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final RegisterAgentDecoder.ScalarsDecoder entry : message.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final RegisterAgentDecoder.PortsDecoder entry : message.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of a {@code ReregisterAgent} message (the agent's total).
     *
     * @param message decoder whose fixed fields are read; its groups come next.
     * @param into    resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final ReregisterAgentDecoder message, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final ReregisterAgentDecoder.ScalarsDecoder entry : message.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final ReregisterAgentDecoder.PortsDecoder entry : message.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of a {@code ReregisterAgent} task.
     *
     * @param task entry whose fixed fields are read; its groups come next.
     * @param into resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final ReregisterAgentDecoder.TasksDecoder task, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final ReregisterAgentDecoder.TasksDecoder.ScalarsDecoder entry : task.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final ReregisterAgentDecoder.TasksDecoder.PortsDecoder entry : task.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of a {@code RunTask} message.
     *
     * @param message decoder whose fixed fields are read; its groups come next.
     * @param into    resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final RunTaskDecoder message, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final RunTaskDecoder.ScalarsDecoder entry : message.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final RunTaskDecoder.PortsDecoder entry : message.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of an {@code UpdateAgent} message (the new total).
     *
     * @param message decoder whose fixed fields are read; its groups come next.
     * @param into    resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final UpdateAgentDecoder message, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final UpdateAgentDecoder.ScalarsDecoder entry : message.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final UpdateAgentDecoder.PortsDecoder entry : message.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of an {@code UpdateQuota} (a role's guarantee).
     *
     * @param resources to write.
     * @param message   encoder whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final UpdateQuotaEncoder message)
    {
        final UpdateQuotaEncoder.ScalarsEncoder scalars = message.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final UpdateQuotaEncoder.PortsEncoder portsEncoder = message.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of an {@code UpdateQuota} (a role's guarantee).
     *
     * @param message decoder whose fixed fields are read; its groups come next.
     * @param into    resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final UpdateQuotaDecoder message, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final UpdateQuotaDecoder.ScalarsDecoder entry : message.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final UpdateQuotaDecoder.PortsDecoder entry : message.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }

    /**
     * Write resources into the {@code scalars} and {@code ports} groups of an {@code RoleRecord} (a role's guarantee).
     *
     * @param resources to write.
     * @param message   encoder whose fixed fields are written; its groups come next.
     */
    public static void encode(final Resources resources, final RoleRecordEncoder message)
    {
        final RoleRecordEncoder.ScalarsEncoder scalars = message.scalarsCount(scalarCount(resources));
        for (int dim = nextScalar(resources, 0); dim >= 0; dim = nextScalar(resources, dim + 1))
        {
            final DirectBuffer name = dimensionName(resources, dim);
            scalars.next().dimension(dimensionCode(dim)).value(resources.scalar(dim)).putName(name, 0, name.capacity());
        }
        final RangeSet ports = resources.ports();
        final RoleRecordEncoder.PortsEncoder portsEncoder = message.portsCount(ports.rangeCount());
        for (int i = 0, count = ports.rangeCount(); i < count; i++)
        {
            portsEncoder.next().begin(ports.begin(i)).end(ports.end(i));
        }
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of an {@code RoleRecord} (a role's guarantee).
     *
     * @param message decoder whose fixed fields are read; its groups come next.
     * @param into    resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final RoleRecordDecoder message, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final RoleRecordDecoder.ScalarsDecoder entry : message.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final RoleRecordDecoder.PortsDecoder entry : message.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of an {@code AgentRecord} (the agent's total).
     *
     * @param record decoder whose fixed fields are read; its groups come next.
     * @param into   resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final AgentRecordDecoder record, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final AgentRecordDecoder.ScalarsDecoder entry : record.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final AgentRecordDecoder.PortsDecoder entry : record.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of a {@code TaskRecord}.
     *
     * @param record decoder whose fixed fields are read; its groups come next.
     * @param into   resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final TaskRecordDecoder record, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final TaskRecordDecoder.ScalarsDecoder entry : record.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final TaskRecordDecoder.PortsDecoder entry : record.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of an {@code OfferRecord}.
     *
     * @param record decoder whose fixed fields are read; its groups come next.
     * @param into   resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final OfferRecordDecoder record, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final OfferRecordDecoder.ScalarsDecoder entry : record.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final OfferRecordDecoder.PortsDecoder entry : record.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }

    /**
     * Read the {@code scalars} and {@code ports} groups of a {@code FilterRecord} (the refused resources).
     *
     * @param record decoder whose fixed fields are read; its groups come next.
     * @param into   resources to replace with the decoded ones, partly filled when refused.
     * @return {@link #OK} or an error code of this class, with the reason in {@link #errorMessage()}.
     */
    public static int decode(final FilterRecordDecoder record, final Resources into)
    {
        final ResourceCodecScratch scratch = ResourceCodecScratch.beginDecode(into);
        for (final FilterRecordDecoder.ScalarsDecoder entry : record.scalars())
        {
            scratch.scalar(entry.dimension(), entry.value(), entry.nameLength(), entry.getName(scratch.nameBytes, 0, NAME_CAPACITY));
        }
        for (final FilterRecordDecoder.PortsDecoder entry : record.ports())
        {
            scratch.range(entry.begin(), entry.end());
        }
        return scratch.errorCode();
    }
}
