/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

/**
 * A framework's preferred agents, as the paper's placement preferences: either attributes that the agent must all
 * have ({@code rack:r1}, or {@code rack:r1;zone:a}), or a list of agent ids and hostnames ({@code a1,a2,17}).
 */
final class Preferences
{
    final String text;
    private final String[] terms;
    private final boolean isAttributes;

    private Preferences(final String text, final String[] terms, final boolean isAttributes)
    {
        this.text = text;
        this.terms = terms;
        this.isAttributes = isAttributes;
    }

    /**
     * @param text the preference as given, may be empty.
     * @return the parsed preference, or null for none.
     * @throws IllegalArgumentException with the reason when the text is malformed.
     */
    static Preferences parse(final String text)
    {
        final String trimmed = text.trim();
        if (trimmed.isEmpty())
        {
            return null;
        }
        final boolean isAttributes = trimmed.indexOf(':') >= 0;
        final String[] terms = trimmed.split(isAttributes ? ";" : ",");
        for (int i = 0; i < terms.length; i++)
        {
            terms[i] = terms[i].trim();
            if (terms[i].isEmpty())
            {
                throw new IllegalArgumentException("invalid preference \"" + text + "\": empty term");
            }
            if (isAttributes)
            {
                final int colon = terms[i].indexOf(':');
                if (colon <= 0 || colon == terms[i].length() - 1)
                {
                    throw new IllegalArgumentException(
                        "invalid preference \"" + text + "\": expected name:value, got '" + terms[i] + "'");
                }
            }
        }
        return new Preferences(trimmed, terms, isAttributes);
    }

    /**
     * @return true when the agent is one the framework prefers.
     */
    static boolean matches(final Preferences preferences, final String hostname, final long agentId, final String attributes)
    {
        if (null == preferences)
        {
            return false;
        }
        if (preferences.isAttributes)
        {
            for (final String term : preferences.terms)
            {
                if (!hasSegment(attributes, term))
                {
                    return false;
                }
            }
            return true;
        }
        for (final String term : preferences.terms)
        {
            if (term.equals(hostname) || isId(term, agentId))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSegment(final String attributes, final String segment)
    {
        int start = 0;
        final int length = attributes.length();
        while (start <= length)
        {
            int end = attributes.indexOf(';', start);
            if (end < 0)
            {
                end = length;
            }
            if (end - start == segment.length() && attributes.regionMatches(start, segment, 0, segment.length()))
            {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean isId(final String term, final long agentId)
    {
        long value = 0;
        for (int i = 0; i < term.length(); i++)
        {
            final char c = term.charAt(i);
            if (c < '0' || c > '9' || i > 18)
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value == agentId;
    }
}
