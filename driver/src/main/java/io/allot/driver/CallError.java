/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.driver;

import io.allot.codecs.MessageValidator;
import io.allot.codecs.sbe.ErrorCode;

/**
 * What {@link Scheduler#error} reports: a call that was refused, by the master ({@link #isLocal()} false: its
 * {@code Error} event) or by the driver itself (the call could not be sent: queue full, not connected in time, too
 * large).
 * <p>
 * Where Allot differs from Mesos: in Mesos {@code error} is fatal and the driver aborts. Here it is the answer to one
 * call, and nothing else changed (the master validates a call whole before it changes anything: an accept on an
 * unknown or rescinded offer leaves the other offers outstanding and launches nothing). Only a refused subscription or
 * a failover of the framework to another driver is {@link #isFatal() fatal}: the driver then aborts, as in Mesos.
 *
 * @param code       the master's error code; for a local error {@link ErrorCode#CAPACITY_EXCEEDED} (not sent: queue
 *                   full, or not sent within the call timeout) or {@link ErrorCode#INVALID_ARGUMENT} (too large).
 * @param templateId the SBE template id of the refused call (e.g. {@code AcceptDecoder.TEMPLATE_ID}); 0 when unknown.
 * @param message    the reason, as the master or driver wrote it.
 * @param isFatal    true when the driver aborted because of it.
 * @param isLocal    true when the driver refused the call, false when the master did.
 */
public record CallError(ErrorCode code, int templateId, String message, boolean isFatal, boolean isLocal)
{
    /**
     * @return the refused call's name, e.g. {@code Accept}, {@code Kill}, {@code Subscribe}.
     */
    public String call()
    {
        return 0 == templateId ? "call" : MessageValidator.templateName(templateId);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return call() + " refused by the " + (isLocal ? "driver" : "master") + ": " + code + ": " + message +
            (isFatal ? " (fatal: the driver aborted)" : "");
    }
}
