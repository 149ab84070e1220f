/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.service;

import io.allot.driver.Offer;

import java.util.Arrays;
import java.util.List;

/**
 * Which agents a framework prefers, in the form {@link io.allot.driver.FrameworkInfo#prefer(String)} takes:
 * attributes ({@code rack:r1;zone:a}, every pair must match the agent's) or agent ids and hostnames ({@code a1,7}).
 */
final class AgentPreference
{
    private static final AgentPreference NONE = new AgentPreference(List.of(), List.of());

    private final List<String> attributes;
    private final List<String> agents;

    private AgentPreference(final List<String> attributes, final List<String> agents)
    {
        this.attributes = attributes;
        this.agents = agents;
    }

    static AgentPreference parse(final String prefer)
    {
        final String text = prefer.trim();
        if (text.isEmpty())
        {
            return NONE;
        }
        if (text.indexOf(':') > 0)
        {
            final List<String> pairs = Arrays.stream(text.split(";")).map(String::trim).filter((pair) -> !pair.isEmpty()).toList();
            for (final String pair : pairs)
            {
                final int colon = pair.indexOf(':');
                if (colon <= 0 || colon == pair.length() - 1)
                {
                    throw new IllegalArgumentException("prefer: '" + pair + "' is not NAME:VALUE (e.g. rack:r1;zone:a)");
                }
            }
            return new AgentPreference(pairs, List.of());
        }
        return new AgentPreference(List.of(), Arrays.stream(text.split(",")).map(String::trim).filter((id) -> !id.isEmpty()).toList());
    }

    /**
     * @return true when there is no preference: every agent is as good.
     */
    boolean isEmpty()
    {
        return attributes.isEmpty() && agents.isEmpty();
    }

    /**
     * @param offer an offer.
     * @return true when its agent is preferred (always, without a preference).
     */
    boolean matches(final Offer offer)
    {
        if (isEmpty())
        {
            return true;
        }
        if (!agents.isEmpty())
        {
            return agents.contains(offer.hostname()) || agents.contains(Long.toString(offer.agentId()));
        }
        final List<String> agentAttributes = Arrays.stream(offer.attributes().split(";")).map(String::trim).toList();
        return agentAttributes.containsAll(attributes);
    }
}
