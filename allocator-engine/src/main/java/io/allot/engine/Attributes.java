/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

/**
 * Agent attributes in Mesos syntax: {@code name:value} pairs separated by {@code ;}, e.g. {@code rack:r1;zone:a}.
 */
final class Attributes
{
    private Attributes()
    {
    }

    /**
     * @param text attributes, may be empty.
     * @return null when valid, else the reason with the position.
     */
    static String validate(final String text)
    {
        int start = 0;
        final int length = text.length();
        while (start < length)
        {
            int end = text.indexOf(';', start);
            if (end < 0)
            {
                end = length;
            }
            if (end > start)
            {
                final int colon = text.indexOf(':', start);
                if (colon < 0 || colon >= end)
                {
                    return "invalid attributes at position " + start + ": expected name:value in \"" + text + '"';
                }
                if (colon == start || colon == end - 1)
                {
                    return "invalid attributes at position " + colon + ": empty name or value in \"" + text + '"';
                }
                for (int i = start; i < colon; i++)
                {
                    final char c = text.charAt(i);
                    if (!(Character.isLetterOrDigit(c) && c < 128) && '_' != c && '-' != c && '.' != c && '/' != c)
                    {
                        return "invalid attributes at position " + i + ": character '" + c + "' in a name";
                    }
                }
            }
            start = end + 1;
        }
        return null;
    }
}
