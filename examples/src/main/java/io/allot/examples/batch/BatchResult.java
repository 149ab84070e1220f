/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.examples.batch;

import io.allot.examples.OfferRoundTrips;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a batch did: how many of its tasks finished, how many tries failed and were retried, on which agents the tasks
 * ran, and the offer round trips it measured.
 *
 * @param taskCount        tasks the batch was asked to run.
 * @param finished         tasks that finished ({@code TASK_FINISHED}).
 * @param gaveUp           tasks that failed on every try: the batch gave up on them.
 * @param failures         tries that ended in another state than {@code TASK_FINISHED} (failed, lost, killed, error).
 * @param retries          tries launched again after a failure, each as a new task id.
 * @param elapsedMs        from the launch of the framework to the end of the last task (or to now).
 * @param finishedPerAgent finished tasks per agent, {@code hostname (agent N)} in agent id order.
 * @param roundTrips       offer round trips in nanoseconds (launch to the next offer of the agent after the task ended).
 * @param failureLines     a line for each of the first failures.
 * @param isComplete       true when every task finished or was given up on.
 */
public record BatchResult(
    int taskCount,
    int finished,
    int gaveUp,
    int failures,
    int retries,
    long elapsedMs,
    Map<String, Integer> finishedPerAgent,
    Histogram roundTrips,
    List<String> failureLines,
    boolean isComplete)
{
    /**
     * @return true when every task finished.
     */
    public boolean isSuccess()
    {
        return isComplete && finished == taskCount;
    }

    /**
     * @return {@code demo-0 (agent 1) 12, demo-1 (agent 2) 12}, or {@code none}.
     */
    public String perAgentText()
    {
        if (finishedPerAgent.isEmpty())
        {
            return "none";
        }
        final StringJoiner text = new StringJoiner(", ");
        finishedPerAgent.forEach((agent, count) -> text.add(agent + " " + count));
        return text.toString();
    }

    /**
     * Print the summary, one fact a line.
     *
     * @param out    where to print.
     * @param prefix each line's start, e.g. {@code batch: }.
     */
    public void print(final PrintStream out, final String prefix)
    {
        out.println(prefix + finished + "/" + taskCount + " finished in " +
            String.format(Locale.ROOT, "%.2f s", elapsedMs / 1000.0) + (isComplete ? "" : " (not complete)") +
            "; " + failures + (1 == failures ? " failure, " : " failures, ") + retries + " retried, " + gaveUp + " given up");
        out.println(prefix + "tasks per agent: " + perAgentText());
        out.println(prefix + "offer round trip: " + OfferRoundTrips.summary(roundTrips));
        for (final String line : failureLines)
        {
            out.println(prefix + "failure: " + line);
        }
        if (failures > failureLines.size())
        {
            out.println(prefix + "... and " + (failures - failureLines.size()) + " more failures");
        }
    }
}
