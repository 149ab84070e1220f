/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.cli;

import io.allot.codecs.ResourceCodec;
import io.allot.codecs.sbe.AgentRecordDecoder;
import io.allot.codecs.sbe.FrameworkRecordDecoder;
import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.OfferRecordDecoder;
import io.allot.codecs.sbe.RoleRecordDecoder;
import io.allot.codecs.sbe.SnapshotBeginDecoder;
import io.allot.codecs.sbe.SnapshotEndDecoder;
import io.allot.codecs.sbe.TaskRecordDecoder;
import io.allot.resources.ResourceNames;
import io.allot.resources.Resources;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the master's state, as the records that answer a GetState, as JSON in the spirit of Mesos's
 * {@code /state}: agents with their resources and free resources, frameworks with their roles and dominant
 * shares, tasks with their states, outstanding offers, roles with weights and guarantees, the leader and term.
 */
final class StateJson
{
    private final ResourceNames names = new ResourceNames();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final Map<Long, Agent> agents = new LinkedHashMap<>();
    private final Map<Long, Framework> frameworks = new LinkedHashMap<>();
    private final List<String> tasks = new ArrayList<>();
    private final List<String> offers = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();
    private final Resources clusterTotal = new Resources(names);
    private long timestampMs;
    private long digest;
    private boolean isComplete;

    private final class Agent
    {
        final Resources total = new Resources(names);
        final Resources free = new Resources(names);
        String json;
    }

    private final class Framework
    {
        final Resources allocated = new Resources(names);
        String json;
    }

    /**
     * @return true once the SnapshotEnd arrived.
     */
    boolean onRecord(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case SnapshotBeginDecoder.TEMPLATE_ID ->
            {
                clear();
                timestampMs = new SnapshotBeginDecoder().wrap(buffer, body, blockLength, version).timestampMs();
            }
            case RoleRecordDecoder.TEMPLATE_ID -> role(new RoleRecordDecoder().wrap(buffer, body, blockLength, version));
            case AgentRecordDecoder.TEMPLATE_ID -> agent(new AgentRecordDecoder().wrap(buffer, body, blockLength, version));
            case FrameworkRecordDecoder.TEMPLATE_ID -> framework(new FrameworkRecordDecoder().wrap(buffer, body, blockLength, version));
            case TaskRecordDecoder.TEMPLATE_ID -> task(new TaskRecordDecoder().wrap(buffer, body, blockLength, version));
            case OfferRecordDecoder.TEMPLATE_ID -> offer(new OfferRecordDecoder().wrap(buffer, body, blockLength, version));
            case SnapshotEndDecoder.TEMPLATE_ID ->
            {
                digest = new SnapshotEndDecoder().wrap(buffer, body, blockLength, version).digest();
                isComplete = true;
            }
            default ->
            {
            }
        }
        return isComplete;
    }

    boolean isComplete()
    {
        return isComplete;
    }

    /**
     * Forget the records so far: a new answer begins.
     */
    private void clear()
    {
        agents.clear();
        frameworks.clear();
        tasks.clear();
        offers.clear();
        roles.clear();
        clusterTotal.clear();
        timestampMs = 0;
        digest = 0;
        isComplete = false;
    }

    private void role(final RoleRecordDecoder record)
    {
        final long weightMilli = record.weightMilli();
        final Resources guarantee = new Resources(names);
        ResourceCodec.decode(record, guarantee);
        roles.add("{\"name\":" + quote(record.role()) + ",\"weight\":" + Resources.formatMilli(weightMilli) +
            ",\"guarantee\":" + quote(guarantee.toString()) + "}");
    }

    private void agent(final AgentRecordDecoder record)
    {
        final Agent agent = new Agent();
        final long id = record.agentId();
        final String state = record.state().name();
        final long registeredAt = record.registeredAtMs();
        ResourceCodec.decode(record, agent.total);
        agent.free.copyFrom(agent.total);
        clusterTotal.add(agent.total);
        agent.json = "\"id\":" + id + ",\"hostname\":" + quote(record.hostname()) + ",\"attributes\":" + quote(record.attributes()) +
            ",\"state\":" + quote(state) + ",\"registered_at_ms\":" + registeredAt;
        agents.put(id, agent);
    }

    private void framework(final FrameworkRecordDecoder record)
    {
        final Framework framework = new Framework();
        final long id = record.frameworkId();
        framework.json = "\"id\":" + id + ",\"state\":" + quote(record.state().name()) + ",\"suppressed\":" +
            ("TRUE".equals(record.suppressed().name())) + ",\"failover_timeout_ms\":" + record.failoverTimeoutMs() +
            ",\"name\":" + quote(record.name()) + ",\"role\":" + quote(record.role()) + ",\"prefer\":" + quote(record.prefer());
        frameworks.put(id, framework);
    }

    private void task(final TaskRecordDecoder record)
    {
        final long frameworkId = record.frameworkId();
        final long agentId = record.agentId();
        final String json = "\"framework_id\":" + frameworkId + ",\"agent_id\":" + agentId + ",\"id\":" + record.taskId() +
            ",\"state\":" + quote(record.state().name()) + ",\"reason\":" + quote(record.reason().name());
        final Resources resources = new Resources(names);
        ResourceCodec.decode(record, resources);
        final String name = record.name();
        record.skipCommand();
        record.skipPendingMessage();
        tasks.add("{" + json + ",\"name\":" + quote(name) + ",\"resources\":" + quote(resources.toString()) + "}");
        if (!isTerminal(record.state().name()))
        {
            final Agent agent = agents.get(agentId);
            if (null != agent)
            {
                agent.free.subtract(resources);
                allocate(frameworkId, resources);
            }
        }
    }

    private void offer(final OfferRecordDecoder record)
    {
        final long frameworkId = record.frameworkId();
        final long agentId = record.agentId();
        final String json = "\"id\":" + record.offerId() + ",\"framework_id\":" + frameworkId + ",\"agent_id\":" + agentId;
        final Resources resources = new Resources(names);
        ResourceCodec.decode(record, resources);
        offers.add("{" + json + ",\"resources\":" + quote(resources.toString()) + "}");
        final Agent agent = agents.get(agentId);
        if (null != agent)
        {
            agent.free.subtract(resources);
        }
        allocate(frameworkId, resources);
    }

    private void allocate(final long frameworkId, final Resources resources)
    {
        final Framework framework = frameworks.get(frameworkId);
        if (null != framework)
        {
            framework.allocated.add(resources);
        }
    }

    private static boolean isTerminal(final String state)
    {
        return switch (state)
        {
            case "TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED", "TASK_GONE",
                "TASK_GONE_BY_OPERATOR" -> true;
            default -> false;
        };
    }

    private double dominantShare(final Resources allocated)
    {
        double share = 0.0;
        for (int d = 0; d < ResourceNames.MAX_SCALARS; d++)
        {
            if (clusterTotal.scalar(d) > 0)
            {
                share = Math.max(share, (double)allocated.scalar(d) / clusterTotal.scalar(d));
            }
        }
        return share;
    }

    /**
     * @param leaderMemberId the leader the client is connected to.
     * @param term           the leadership term.
     * @return the state as one JSON object.
     */
    String render(final int leaderMemberId, final long term)
    {
        final StringBuilder out = new StringBuilder(4096);
        out.append("{\n  \"leader\": ").append(leaderMemberId).append(",\n  \"term\": ").append(term)
            .append(",\n  \"time_ms\": ").append(timestampMs)
            .append(",\n  \"digest\": \"").append(String.format("%016x", digest)).append('"')
            .append(",\n  \"total\": ").append(quote(clusterTotal.toString()));
        out.append(",\n  \"agents\": [");
        int i = 0;
        for (final Agent agent : agents.values())
        {
            out.append(i++ > 0 ? ",\n    " : "\n    ").append('{').append(agent.json).append(",\"resources\":")
                .append(quote(agent.total.toString())).append(",\"free\":").append(quote(agent.free.toString())).append('}');
        }
        out.append(agents.isEmpty() ? "]" : "\n  ]").append(",\n  \"frameworks\": [");
        i = 0;
        for (final Framework framework : frameworks.values())
        {
            out.append(i++ > 0 ? ",\n    " : "\n    ").append('{').append(framework.json).append(",\"allocated\":")
                .append(quote(framework.allocated.toString())).append(",\"dominant_share\":")
                .append(String.format(java.util.Locale.ROOT, "%.3f", dominantShare(framework.allocated))).append('}');
        }
        out.append(frameworks.isEmpty() ? "]" : "\n  ]");
        list(out, "tasks", tasks);
        list(out, "offers", offers);
        list(out, "roles", roles);
        return out.append("\n}\n").toString();
    }

    private static void list(final StringBuilder out, final String name, final List<String> items)
    {
        out.append(",\n  \"").append(name).append("\": [");
        for (int i = 0; i < items.size(); i++)
        {
            out.append(i > 0 ? ",\n    " : "\n    ").append(items.get(i));
        }
        out.append(items.isEmpty() ? "]" : "\n  ]");
    }

    static String quote(final String text)
    {
        final StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        quoted.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
