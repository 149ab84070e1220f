/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

/**
 * A scenario that can not be run, with the line at fault: the message reads {@code SCENARIO:LINE: reason}.
 */
public final class ScenarioException extends IllegalArgumentException
{
    private static final long serialVersionUID = -2461705329216372512L;

    private final String source;
    private final int line;
    private final String reason;

    /**
     * Create an exception for a line of a scenario.
     *
     * @param source name of the scenario, usually its path.
     * @param line   1-based line number.
     * @param reason what is wrong.
     */
    public ScenarioException(final String source, final int line, final String reason)
    {
        super(source + ":" + line + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    /**
     * @return name of the scenario, usually its path.
     */
    public String source()
    {
        return source;
    }

    /**
     * @return 1-based line number.
     */
    public int line()
    {
        return line;
    }

    /**
     * @return what is wrong, without the source and line.
     */
    public String reason()
    {
        return reason;
    }
}
