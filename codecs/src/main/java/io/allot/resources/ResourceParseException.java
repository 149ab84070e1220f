package io.allot.resources;

/**
 * A resource string, in the Mesos syntax, that can not be parsed. The message always names the 0-based position
 * of the problem in the input and the reason, for example
 * {@code invalid resources at position 5: expected ':' after 'cpus' in "cpus 4"}.
 */
public final class ResourceParseException extends IllegalArgumentException
{
    private static final long serialVersionUID = 6028521939376451071L;

    /**
     * 0-based index in the input where the problem is.
     */
    private final int position;

    /**
     * What is wrong, without the position and the input.
     */
    private final String reason;

    /**
     * Create an exception for a problem at a position of an input.
     *
     * @param input    the whole text being parsed.
     * @param position 0-based index in the input where the problem is.
     * @param reason   what is wrong, for example {@code more than 3 decimal digits}.
     */
    public ResourceParseException(final CharSequence input, final int position, final String reason)
    {
        super("invalid resources at position " + position + ": " + reason + " in \"" + input + "\"");
        this.position = position;
        this.reason = reason;
    }

    /**
     * 0-based index in the input where the problem is.
     *
     * @return the index in the input where the problem is.
     */
    public int position()
    {
        return position;
    }

    /**
     * What is wrong, without the position and the input.
     *
     * @return the reason.
     */
    public String reason()
    {
        return reason;
    }
}
