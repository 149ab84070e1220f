/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

import java.nio.ByteOrder;

import io.allot.codecs.ResourceCodec;
import io.allot.codecs.TaskStates;
import io.allot.codecs.sbe.AgentRecordDecoder;
import io.allot.codecs.sbe.AgentRecordEncoder;
import io.allot.codecs.sbe.BooleanType;
import io.allot.codecs.sbe.FilterRecordDecoder;
import io.allot.codecs.sbe.FilterRecordEncoder;
import io.allot.codecs.sbe.FrameworkRecordDecoder;
import io.allot.codecs.sbe.FrameworkRecordEncoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import io.allot.codecs.sbe.OfferRecordDecoder;
import io.allot.codecs.sbe.OfferRecordEncoder;
import io.allot.codecs.sbe.RoleRecordDecoder;
import io.allot.codecs.sbe.RoleRecordEncoder;
import io.allot.codecs.sbe.SnapshotBeginDecoder;
import io.allot.codecs.sbe.SnapshotBeginEncoder;
import io.allot.codecs.sbe.SnapshotEndDecoder;
import io.allot.codecs.sbe.SnapshotEndEncoder;
import io.allot.codecs.sbe.TaskRecordDecoder;
import io.allot.codecs.sbe.TaskRecordEncoder;
import io.allot.codecs.sbe.TaskState;
import io.allot.codecs.sbe.UpdateSource;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes the engine's state as SBE records in a canonical order (agents and frameworks by id, tasks by launch,
 * offers by id, filters by creation) and loads it back. The digest is a 64-bit hash over those records, so it is
 * equal wherever the state is.
 */
final class EngineSnapshot
{
    private static final long DIGEST_SEED = 0x416C6C6F74L;

    private final EngineState s;
    private final Allocator allocator;
    private final Tasks tasks;
    private final Quotas quotas;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SnapshotBeginEncoder beginEncoder = new SnapshotBeginEncoder();
    private final AgentRecordEncoder agentEncoder = new AgentRecordEncoder();
    private final FrameworkRecordEncoder frameworkEncoder = new FrameworkRecordEncoder();
    private final TaskRecordEncoder taskEncoder = new TaskRecordEncoder();
    private final OfferRecordEncoder offerEncoder = new OfferRecordEncoder();
    private final FilterRecordEncoder filterEncoder = new FilterRecordEncoder();
    private final SnapshotEndEncoder endEncoder = new SnapshotEndEncoder();
    private final RoleRecordEncoder roleEncoder = new RoleRecordEncoder();
    private final RoleRecordDecoder roleDecoder = new RoleRecordDecoder();
    private final SnapshotBeginDecoder beginDecoder = new SnapshotBeginDecoder();
    private final AgentRecordDecoder agentDecoder = new AgentRecordDecoder();
    private final FrameworkRecordDecoder frameworkDecoder = new FrameworkRecordDecoder();
    private final TaskRecordDecoder taskDecoder = new TaskRecordDecoder();
    private final OfferRecordDecoder offerDecoder = new OfferRecordDecoder();
    private final FilterRecordDecoder filterDecoder = new FilterRecordDecoder();
    private final SnapshotEndDecoder endDecoder = new SnapshotEndDecoder();
    private final Resources resources;
    private final UnsafeBuffer text = new UnsafeBuffer(0, 0);
    private long hash;
    private int recordCount;
    private boolean isLoading;
    private long loadSequence;

    EngineSnapshot(final EngineState state, final Allocator allocator, final Tasks tasks, final Quotas quotas)
    {
        this.quotas = quotas;
        this.s = state;
        this.allocator = allocator;
        this.tasks = tasks;
        this.resources = new Resources(state.names);
    }

    long digest()
    {
        return write(null);
    }

    /**
     * @param sink where records go, or null to only compute the digest.
     * @return the digest of the records before SnapshotEnd.
     */
    long write(final SnapshotSink sink)
    {
        final int[] roles = rolesToWrite();
        hash = DIGEST_SEED;
        recordCount = 0;
        beginEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .snapshotVersion(Engine.SNAPSHOT_VERSION)
            .timestampMs(s.nowMs)
            .nextFrameworkId(s.nextFrameworkId)
            .nextAgentId(s.nextAgentId)
            .nextOfferId(s.nextOfferId)
            .prngState(s.prngState)
            .nextAllocationPassMs(s.nextAllocationPassMs)
            .nextTaskSequence(s.nextTaskSequence)
            .agentCount(s.agents.slots.size())
            .frameworkCount(s.frameworks.slots.size())
            .taskCount(s.tasks.slots.size())
            .offerCount(s.offers.slots.size())
            .filterCount(s.filters.slots.size())
            .nextHeartbeatMs(s.nextHeartbeatMs)
            .roleCount(roles.length)
            .config(s.ctx.toCanonicalString());
        emit(sink, beginEncoder.encodedLength());

        for (final int role : roles)
        {
            emit(sink, encodeRole(role));
        }

        final IdSlots agentSlots = s.agents.slots;
        for (int i = 0; i < agentSlots.orderCount(); i++)
        {
            final int agent = agentSlots.orderSlot(i);
            if (IdSlots.NONE != agent)
            {
                emit(sink, encodeAgent(agent));
            }
        }
        final IdSlots frameworkSlots = s.frameworks.slots;
        for (int i = 0; i < frameworkSlots.orderCount(); i++)
        {
            final int framework = frameworkSlots.orderSlot(i);
            if (IdSlots.NONE != framework)
            {
                emit(sink, encodeFramework(framework));
            }
        }
        final IdSlots taskSlots = s.tasks.slots;
        for (int i = 0; i < taskSlots.orderCount(); i++)
        {
            final int task = taskSlots.orderSlot(i);
            if (IdSlots.NONE != task)
            {
                emit(sink, encodeTask(task));
            }
        }
        final IdSlots offerSlots = s.offers.slots;
        for (int i = 0; i < offerSlots.orderCount(); i++)
        {
            final int offer = offerSlots.orderSlot(i);
            if (IdSlots.NONE != offer)
            {
                emit(sink, encodeOffer(offer));
            }
        }
        final IdSlots filterSlots = s.filters.slots;
        for (int i = 0; i < filterSlots.orderCount(); i++)
        {
            final int filter = filterSlots.orderSlot(i);
            if (IdSlots.NONE != filter)
            {
                emit(sink, encodeFilter(filter));
            }
        }

        final long digest = hash;
        endEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).recordCount(recordCount).digest(digest);
        if (null != sink)
        {
            sink.append(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + endEncoder.encodedLength());
        }
        return digest;
    }

    private void emit(final SnapshotSink sink, final int bodyLength)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        hash = fold(hash, buffer, 0, length);
        recordCount++;
        if (null != sink)
        {
            sink.append(buffer, 0, length);
        }
    }

    static long fold(final long seed, final DirectBuffer data, final int offset, final int length)
    {
        long h = EngineState.mix(seed ^ length);
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            h = EngineState.mix(h ^ data.getLong(offset + i, ByteOrder.LITTLE_ENDIAN));
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8)
        {
            tail |= (data.getByte(offset + i) & 0xFFL) << shift;
        }
        return EngineState.mix(h ^ tail);
    }

    /**
     * @return the roles with a weight or a guarantee, by name; the others come back with their frameworks.
     */
    private int[] rolesToWrite()
    {
        final RoleTable roles = allocator.roles();
        return java.util.stream.IntStream.range(0, roles.count())
            .filter((r) -> roles.hasQuota(r) || RoleTable.DEFAULT_WEIGHT != roles.weight(r))
            .boxed()
            .sorted(java.util.Comparator.comparing(roles::name))
            .mapToInt(Integer::intValue)
            .toArray();
    }

    private int encodeRole(final int role)
    {
        final RoleTable roles = allocator.roles();
        roleEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).weightMilli(Math.round(roles.weight(role) * 1000.0));
        roles.readQuota(role, resources);
        ResourceCodec.encode(resources, roleEncoder);
        roleEncoder.role(roles.name(role));
        return roleEncoder.encodedLength();
    }

    private int encodeAgent(final int agent)
    {
        final AgentTable agents = s.agents;
        agentEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .agentId(agents.id[agent])
            .sessionId(agents.sessionId[agent])
            .state(agents.state[agent])
            .registeredAtMs(agents.registeredAtMs[agent])
            .pingSequence(agents.pingSequence[agent])
            .pongSequence(agents.pongSequence[agent])
            .missedPings(agents.missedPings[agent])
            .nextPingMs(agents.nextPingMs[agent]);
        agents.readTotal(agent, resources);
        ResourceCodec.encode(resources, agentEncoder);
        agentEncoder.hostname(agents.hostname[agent]).attributes(agents.attributes[agent]);
        return agentEncoder.encodedLength();
    }

    private int encodeFramework(final int framework)
    {
        final FrameworkTable frameworks = s.frameworks;
        frameworkEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .frameworkId(frameworks.id[framework])
            .sessionId(frameworks.sessionId[framework])
            .state(frameworks.state[framework])
            .failoverTimeoutMs(frameworks.failoverTimeoutMs[framework])
            .failoverDeadlineMs(frameworks.failoverDeadlineMs[framework])
            .suppressed(frameworks.suppressed[framework] ? BooleanType.TRUE : BooleanType.FALSE)
            .partitionAware(frameworks.partitionAware[framework] ? BooleanType.TRUE : BooleanType.FALSE)
            .subscribedAtMs(frameworks.subscribedAtMs[framework])
            .reviveEpoch(frameworks.reviveEpoch[framework])
            .name(frameworks.name[framework])
            .role(frameworks.role[framework])
            .prefer(null == frameworks.prefer[framework] ? "" : frameworks.prefer[framework].text);
        return frameworkEncoder.encodedLength();
    }

    private int encodeTask(final int task)
    {
        final TaskTable t = s.tasks;
        final TaskState pendingState = t.pendingState[task];
        final UpdateSource pendingSource = t.pendingSource[task];
        taskEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .frameworkId(t.frameworkId[task])
            .agentId(t.agentId[task])
            .taskId(t.taskId[task])
            .state(t.state[task])
            .reason(t.reason[task])
            .launchedAtMs(t.launchedAtMs[task])
            .updatedAtMs(t.updatedAtMs[task])
            .pendingState(null == pendingState ? TaskState.NULL_VAL : pendingState)
            .pendingSource(null == pendingSource ? UpdateSource.NULL_VAL : pendingSource)
            .killGracePeriodMs(t.killGracePeriodMs[task])
            .masterUpdates(t.masterUpdates[task])
            .revokeDeadlineMs(t.revokeDeadlineMs[task]);
        taskEncoder.pendingUuid().msb(t.pendingUuidMsb[task]).lsb(t.pendingUuidLsb[task]);
        t.read(task, resources);
        ResourceCodec.encode(resources, taskEncoder);
        taskEncoder.putName(t.name.bytes(task), 0, t.name.length(task));
        taskEncoder.putCommand(t.command.bytes(task), 0, t.command.length(task));
        taskEncoder.putPendingMessage(t.pendingMessage.bytes(task), 0, t.pendingMessage.length(task));
        return taskEncoder.encodedLength();
    }

    private int encodeOffer(final int offer)
    {
        final OfferTable offers = s.offers;
        offerEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .offerId(offers.id[offer])
            .frameworkId(s.frameworks.id[offers.frameworkSlot[offer]])
            .agentId(s.agents.id[offers.agentSlot[offer]])
            .createdAtMs(offers.createdAtMs[offer]);
        offers.read(offer, resources);
        ResourceCodec.encode(resources, offerEncoder);
        return offerEncoder.encodedLength();
    }

    private int encodeFilter(final int filter)
    {
        final FilterTable filters = s.filters;
        filterEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .frameworkId(filters.frameworkId[filter])
            .agentId(filters.agentId[filter])
            .expiresAtMs(filters.expiresAtMs[filter]);
        filters.read(filter, resources);
        ResourceCodec.encode(resources, filterEncoder);
        return filterEncoder.encodedLength();
    }

    // ---------------------------------------------------------------- load

    boolean load(final DirectBuffer data, final int offset, final int length)
    {
        headerDecoder.wrap(data, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId())
        {
            throw new IllegalStateException("not an Allot snapshot record: schema id " + headerDecoder.schemaId());
        }
        final int templateId = headerDecoder.templateId();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        if (!isLoading && SnapshotBeginDecoder.TEMPLATE_ID != templateId)
        {
            throw new IllegalStateException("a snapshot must start with SnapshotBegin, not template " + templateId);
        }
        switch (templateId)
        {
            case SnapshotBeginDecoder.TEMPLATE_ID:
                beginDecoder.wrap(data, bodyOffset, blockLength, version);
                loadBegin();
                return false;
            case RoleRecordDecoder.TEMPLATE_ID:
                roleDecoder.wrap(data, bodyOffset, blockLength, version);
                loadRole();
                return false;
            case AgentRecordDecoder.TEMPLATE_ID:
                agentDecoder.wrap(data, bodyOffset, blockLength, version);
                loadAgent();
                return false;
            case FrameworkRecordDecoder.TEMPLATE_ID:
                frameworkDecoder.wrap(data, bodyOffset, blockLength, version);
                loadFramework();
                return false;
            case TaskRecordDecoder.TEMPLATE_ID:
                taskDecoder.wrap(data, bodyOffset, blockLength, version);
                loadTask();
                return false;
            case OfferRecordDecoder.TEMPLATE_ID:
                offerDecoder.wrap(data, bodyOffset, blockLength, version);
                loadOffer();
                return false;
            case FilterRecordDecoder.TEMPLATE_ID:
                filterDecoder.wrap(data, bodyOffset, blockLength, version);
                loadFilter();
                return false;
            case SnapshotEndDecoder.TEMPLATE_ID:
                endDecoder.wrap(data, bodyOffset, blockLength, version);
                return loadEnd();
            default:
                throw new IllegalStateException("unexpected template " + templateId + " in a snapshot");
        }
    }

    private void loadBegin()
    {
        final int version = beginDecoder.snapshotVersion();
        if (Engine.SNAPSHOT_VERSION != version)
        {
            throw new IllegalStateException("snapshot version " + version + " cannot be loaded by this build, which reads version " +
                Engine.SNAPSHOT_VERSION);
        }
        if (isLoading || s.agents.slots.size() > 0 || s.frameworks.slots.size() > 0)
        {
            throw new IllegalStateException("a snapshot can only be loaded into a new engine");
        }
        isLoading = true;
        loadSequence = 0;
        s.nowMs = beginDecoder.timestampMs();
        s.nextFrameworkId = beginDecoder.nextFrameworkId();
        s.nextAgentId = beginDecoder.nextAgentId();
        s.nextOfferId = beginDecoder.nextOfferId();
        s.prngState = beginDecoder.prngState();
        s.nextAllocationPassMs = beginDecoder.nextAllocationPassMs();
        s.nextTaskSequence = beginDecoder.nextTaskSequence();
        s.nextHeartbeatMs = beginDecoder.nextHeartbeatMs();
        beginDecoder.skipConfig();
    }

    private void loadRole()
    {
        final long weightMilli = roleDecoder.weightMilli();
        requireOk(ResourceCodec.decode(roleDecoder, resources));
        final RoleTable roles = allocator.roles();
        final int role = roles.getOrCreate(roleDecoder.role());
        roles.weight(role, weightMilli / 1000.0);
        roles.quota(role, resources);
    }

    private void loadAgent()
    {
        final AgentTable agents = s.agents;
        final int agent = agents.add(agentDecoder.agentId());
        agents.sessionId[agent] = agentDecoder.sessionId();
        agents.state[agent] = agentDecoder.state();
        agents.registeredAtMs[agent] = agentDecoder.registeredAtMs();
        agents.pingSequence[agent] = agentDecoder.pingSequence();
        agents.pongSequence[agent] = agentDecoder.pongSequence();
        agents.missedPings[agent] = agentDecoder.missedPings();
        agents.nextPingMs[agent] = agentDecoder.nextPingMs();
        requireOk(ResourceCodec.decode(agentDecoder, resources));
        agents.setTotal(agent, resources);
        agents.addFree(agent, resources);
        for (int d = 0; d < s.clusterTotal.length; d++)
        {
            s.clusterTotal[d] += resources.scalar(d);
        }
        allocator.totalChanged();
        agents.hostname[agent] = agentDecoder.hostname();
        agents.attributes[agent] = agentDecoder.attributes();
    }

    private void loadFramework()
    {
        final FrameworkTable frameworks = s.frameworks;
        final int framework = frameworks.add(frameworkDecoder.frameworkId());
        frameworks.sessionId[framework] = frameworkDecoder.sessionId();
        frameworks.state[framework] = frameworkDecoder.state();
        frameworks.failoverTimeoutMs[framework] = frameworkDecoder.failoverTimeoutMs();
        frameworks.failoverDeadlineMs[framework] = frameworkDecoder.failoverDeadlineMs();
        frameworks.suppressed[framework] = BooleanType.TRUE == frameworkDecoder.suppressed();
        frameworks.partitionAware[framework] = BooleanType.TRUE == frameworkDecoder.partitionAware();
        frameworks.subscribedAtMs[framework] = frameworkDecoder.subscribedAtMs();
        frameworks.reviveEpoch[framework] = frameworkDecoder.reviveEpoch();
        frameworks.name[framework] = frameworkDecoder.name();
        frameworks.role[framework] = frameworkDecoder.role();
        frameworks.prefer[framework] = Preferences.parse(frameworkDecoder.prefer());
        allocator.addFramework(framework);
        allocator.updateActivation(framework);
    }

    private void loadTask()
    {
        final int framework = requireSlot(s.frameworks.slot(taskDecoder.frameworkId()), "framework", taskDecoder.frameworkId());
        final TaskTable t = s.tasks;
        final int task = t.add(++loadSequence);
        t.frameworkId[task] = taskDecoder.frameworkId();
        t.agentId[task] = taskDecoder.agentId();
        t.taskId[task] = taskDecoder.taskId();
        t.frameworkSlot[task] = framework;
        t.agentSlot[task] = s.agents.slot(taskDecoder.agentId());
        t.state[task] = taskDecoder.state();
        t.reason[task] = taskDecoder.reason();
        t.launchedAtMs[task] = taskDecoder.launchedAtMs();
        t.updatedAtMs[task] = taskDecoder.updatedAtMs();
        t.pendingUuidMsb[task] = taskDecoder.pendingUuid().msb();
        t.pendingUuidLsb[task] = taskDecoder.pendingUuid().lsb();
        final TaskState pendingState = taskDecoder.pendingState();
        t.pendingState[task] = TaskState.NULL_VAL == pendingState ? null : pendingState;
        final UpdateSource pendingSource = taskDecoder.pendingSource();
        t.pendingSource[task] = UpdateSource.NULL_VAL == pendingSource ? null : pendingSource;
        t.killGracePeriodMs[task] = taskDecoder.killGracePeriodMs();
        t.masterUpdates[task] = taskDecoder.masterUpdates();
        t.revokeDeadlineMs[task] = taskDecoder.revokeDeadlineMs();
        requireOk(ResourceCodec.decode(taskDecoder, resources));
        t.setResources(task, resources);
        taskDecoder.wrapName(text);
        t.name.set(task, text);
        taskDecoder.wrapCommand(text);
        t.command.set(task, text);
        taskDecoder.wrapPendingMessage(text);
        t.pendingMessage.set(task, text);
        t.holdsResources[task] = IdSlots.NONE != t.agentSlot[task] && !TaskStates.isTerminal(t.state[task]);
        tasks.link(task);
        if (t.holdsResources[task])
        {
            s.agents.subtractFree(t.agentSlot[task], resources);
            allocator.allocate(framework, resources, +1);
            if (0 != t.revokeDeadlineMs[task])
            {
                quotas.loaded(task);
            }
        }
    }

    private void loadOffer()
    {
        final int framework = requireSlot(s.frameworks.slot(offerDecoder.frameworkId()), "framework", offerDecoder.frameworkId());
        final int agent = requireSlot(s.agents.slot(offerDecoder.agentId()), "agent", offerDecoder.agentId());
        requireOk(ResourceCodec.decode(offerDecoder, resources));
        final OfferTable offers = s.offers;
        final int offer = offers.add(offerDecoder.offerId(), framework, agent, offerDecoder.createdAtMs(), resources);
        Lists.push(s.agents.firstOffer, agent, offers.prevOnAgent, offers.nextOnAgent, offer);
        Lists.push(s.frameworks.firstOffer, framework, offers.prevOnFramework, offers.nextOnFramework, offer);
        s.agents.subtractFree(agent, resources);
        allocator.allocate(framework, resources, +1);
    }

    private void loadFilter()
    {
        final long frameworkId = filterDecoder.frameworkId();
        final long agentId = filterDecoder.agentId();
        final int framework = requireSlot(s.frameworks.slot(frameworkId), "framework", frameworkId);
        final int agent = requireSlot(s.agents.slot(agentId), "agent", agentId);
        requireOk(ResourceCodec.decode(filterDecoder, resources));
        s.filters.put(framework, frameworkId, agent, agentId, filterDecoder.expiresAtMs(), resources);
    }

    private boolean loadEnd()
    {
        final long expected = endDecoder.digest();
        isLoading = false;
        final long actual = digest();
        if (expected != actual)
        {
            throw new IllegalStateException(String.format(
                "snapshot digest mismatch: the snapshot says %016x, the loaded state has %016x", expected, actual));
        }
        return true;
    }

    private static int requireSlot(final int slot, final String what, final long id)
    {
        if (IdSlots.NONE == slot)
        {
            throw new IllegalStateException("snapshot record names unknown " + what + " " + id);
        }
        return slot;
    }

    private static void requireOk(final int result)
    {
        if (ResourceCodec.OK != result)
        {
            throw new IllegalStateException("snapshot record has invalid resources: " + ResourceCodec.errorMessage());
        }
    }
}
