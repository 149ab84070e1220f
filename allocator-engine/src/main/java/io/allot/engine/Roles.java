/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.engine;

/**
 * Role names as Mesos accepts them ({@code docs/roles.md}): {@code *}, or path segments of letters, digits and
 * {@code _ - .} separated by {@code /}, none of them {@code .} or {@code ..}, not starting with {@code -}.
 */
final class Roles
{
    static final int MAX_LENGTH = 256;

    private Roles()
    {
    }

    /**
     * @param role the role to check.
     * @return null when valid, else the reason.
     */
    static String validate(final String role)
    {
        if ("*".equals(role))
        {
            return null;
        }
        if (role.length() > MAX_LENGTH)
        {
            return "role name longer than " + MAX_LENGTH + " characters";
        }
        if (role.startsWith("/") || role.endsWith("/") || role.contains("//"))
        {
            return "invalid role '" + role + "': empty path segment";
        }
        for (final String segment : role.split("/"))
        {
            if (".".equals(segment) || "..".equals(segment))
            {
                return "invalid role '" + role + "': '" + segment + "' is not allowed as a path segment";
            }
            if (segment.startsWith("-"))
            {
                return "invalid role '" + role + "': a path segment may not start with '-'";
            }
            for (int i = 0; i < segment.length(); i++)
            {
                final char c = segment.charAt(i);
                if (!(Character.isLetterOrDigit(c) && c < 128) && '_' != c && '-' != c && '.' != c)
                {
                    return "invalid role '" + role + "': character '" + c + "' is not allowed";
                }
            }
        }
        return null;
    }
}
