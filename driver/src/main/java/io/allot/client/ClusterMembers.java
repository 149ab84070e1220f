/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;

/**
 * The members of a master cluster as users write them, {@code 0=host:port,1=host:port,2=host:port}, where each port
 * is the member's base port and its other endpoints derive from it:
 * <pre>
 *   base + 0  archive control        base + 4  catch-up
 *   base + 1  client ingress         base + 5  archive replication
 *   base + 2  consensus              base + 6  cluster replication
 *   base + 3  log
 * </pre>
 * The empty list means the embedded single member {@value #DEFAULT_MEMBERS}. Immutable.
 */
public final class ClusterMembers
{
    /** The embedded single member. */
    public static final String DEFAULT_MEMBERS = "0=localhost:9000";
    /** Offset of the archive control endpoint from the base port. */
    public static final int ARCHIVE_CONTROL_OFFSET = 0;
    /** Offset of the client ingress endpoint from the base port. */
    public static final int INGRESS_OFFSET = 1;
    /** Offset of the consensus endpoint from the base port. */
    public static final int CONSENSUS_OFFSET = 2;
    /** Offset of the log endpoint from the base port. */
    public static final int LOG_OFFSET = 3;
    /** Offset of the catch-up endpoint from the base port. */
    public static final int CATCHUP_OFFSET = 4;
    /** Offset of the archive's replication endpoint from the base port. */
    public static final int ARCHIVE_REPLICATION_OFFSET = 5;
    /** Offset of the consensus module's replication endpoint from the base port. */
    public static final int CLUSTER_REPLICATION_OFFSET = 6;
    /** Ports a member uses from its base on. */
    public static final int PORTS_PER_MEMBER = 7;
    /** The highest base port: every derived port must be a valid UDP port. */
    public static final int MAX_BASE_PORT = 65535 - (PORTS_PER_MEMBER - 1);

    private final List<Member> members;

    private ClusterMembers(final List<Member> members)
    {
        this.members = Collections.unmodifiableList(members);
    }

    /**
     * One member: its id, host and base port.
     *
     * @param id       the member id, unique in the cluster.
     * @param host     the host name or address the member binds and is reached on.
     * @param basePort the first of its {@link #PORTS_PER_MEMBER} ports.
     */
    public record Member(int id, String host, int basePort)
    {
        /**
         * @param offset one of the {@code *_OFFSET} constants.
         * @return {@code host:port} of that endpoint.
         */
        public String endpoint(final int offset)
        {
            return host + ':' + (basePort + offset);
        }
    }

    /**
     * Parse {@code id=host:port,...}; null or blank gives {@link #DEFAULT_MEMBERS}.
     *
     * @param text the list as written by the user.
     * @return the members, in the order given.
     * @throws IllegalArgumentException with a one-line reason naming the bad entry.
     */
    public static ClusterMembers parse(final String text)
    {
        final String list = null == text || text.isBlank() ? DEFAULT_MEMBERS : text.trim();
        final List<Member> members = new ArrayList<>();
        for (final String rawEntry : list.split(",", -1))
        {
            final Member member = parseMember(rawEntry.trim());
            for (final Member other : members)
            {
                if (other.id() == member.id())
                {
                    throw new IllegalArgumentException("member id " + member.id() + " appears twice");
                }
                if (other.host().equals(member.host()) && Math.abs(other.basePort() - member.basePort()) < PORTS_PER_MEMBER)
                {
                    throw new IllegalArgumentException("members " + other.id() + " and " + member.id() + " on " + member.host() +
                        " have overlapping ports: each member uses " + PORTS_PER_MEMBER + " ports from its base port on");
                }
            }
            members.add(member);
        }

        return new ClusterMembers(members);
    }

    /**
     * Parse the ENDPOINTS of an operator command: the members list ({@code id=host:port,...}), or the
     * {@code host:port} of one member, reached as member 0. A client given one member that is not the leader is
     * redirected to the leader, who names every member.
     *
     * @param text the endpoints as written by the user; null or blank gives {@link #DEFAULT_MEMBERS}.
     * @return the members to connect to.
     * @throws IllegalArgumentException with a one-line reason naming the bad entry.
     */
    public static ClusterMembers parseEndpoints(final String text)
    {
        if (null != text && !text.isBlank() && text.indexOf('=') < 0 && text.indexOf(',') < 0)
        {
            final String entry = text.trim();
            try
            {
                return parse("0=" + entry);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(ex.getMessage()
                    .replace("'0=" + entry + "' is not id=host:port", "'" + entry + "' is not host:port or id=host:port,...")
                    .replace("'0=" + entry + "'", "'" + entry + "'"));
            }
        }

        return parse(text);
    }

    private static Member parseMember(final String entry)
    {
        final int equals = entry.indexOf('=');
        final int colon = entry.lastIndexOf(':');
        if (entry.isEmpty() || equals <= 0 || colon < equals + 2 || colon == entry.length() - 1)
        {
            throw new IllegalArgumentException("'" + entry + "' is not id=host:port");
        }

        final int id;
        try
        {
            id = Integer.parseInt(entry.substring(0, equals).trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + entry + "': the member id must be a whole number");
        }
        if (id < 0)
        {
            throw new IllegalArgumentException("'" + entry + "': the member id must be 0 or more");
        }

        final String host = entry.substring(equals + 1, colon).trim();
        if (host.isEmpty() || host.indexOf(',') >= 0 || host.indexOf('|') >= 0 || host.indexOf('=') >= 0)
        {
            throw new IllegalArgumentException("'" + entry + "': bad host '" + host + "'");
        }

        final String portText = entry.substring(colon + 1).trim();
        final int port;
        try
        {
            port = Integer.parseInt(portText);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + entry + "': the port must be a whole number, got '" + portText + "'");
        }
        if (port < 1 || port > MAX_BASE_PORT)
        {
            throw new IllegalArgumentException("'" + entry + "': port " + port + " out of range: a base port must be 1.." +
                MAX_BASE_PORT + " (a member uses base..base+" + (PORTS_PER_MEMBER - 1) + ")");
        }

        return new Member(id, host, port);
    }

    /**
     * @return the members in the order given.
     */
    public List<Member> members()
    {
        return members;
    }

    /**
     * @return the number of members.
     */
    public int size()
    {
        return members.size();
    }

    /**
     * @param id a member id.
     * @return the member, or null when the list has no such id.
     */
    public Member member(final int id)
    {
        for (final Member member : members)
        {
            if (member.id() == id)
            {
                return member;
            }
        }

        return null;
    }

    /**
     * @return the ids as text, for error messages: {@code 0, 1, 2}.
     */
    public String ids()
    {
        final StringJoiner joiner = new StringJoiner(", ");
        members.forEach((member) -> joiner.add(Integer.toString(member.id())));
        return joiner.toString();
    }

    /**
     * @return Aeron's {@code ConsensusModule.Context.clusterMembers} form: {@code id,ingress,consensus,log,catchup,archive|...}.
     */
    public String consensusModuleMembers()
    {
        final StringJoiner joiner = new StringJoiner("|");
        for (final Member member : members)
        {
            joiner.add(member.id() + "," +
                member.endpoint(INGRESS_OFFSET) + "," +
                member.endpoint(CONSENSUS_OFFSET) + "," +
                member.endpoint(LOG_OFFSET) + "," +
                member.endpoint(CATCHUP_OFFSET) + "," +
                member.endpoint(ARCHIVE_CONTROL_OFFSET));
        }

        return joiner.toString();
    }

    /**
     * @return Aeron's {@code AeronCluster.Context.ingressEndpoints} form: {@code 0=host:base+1,1=host:base+1,...}.
     */
    public String ingressEndpoints()
    {
        final StringJoiner joiner = new StringJoiner(",");
        members.forEach((member) -> joiner.add(member.id() + "=" + member.endpoint(INGRESS_OFFSET)));
        return joiner.toString();
    }

    /**
     * @return the list in the form users write it.
     */
    public String toString()
    {
        final StringJoiner joiner = new StringJoiner(",");
        members.forEach((member) -> joiner.add(member.id() + "=" + member.endpoint(0)));
        return joiner.toString();
    }
}
