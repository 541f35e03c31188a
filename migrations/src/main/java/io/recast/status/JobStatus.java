package io.recast.status;

import java.util.List;

/**
 * What the status page shows of one job: its record, and what the page's sampling measured of it.
 *
 * @param id              the job's id
 * @param view            the read model it rebuilds
 * @param target          the version it builds, e.g. an index name
 * @param state           running, paused, cancelled, done or failed
 * @param step            its step, e.g. {@code replay}
 * @param eventsProcessed journal events read so far
 * @param rangesDone      the replay's token ranges done
 * @param rangesTotal     the replay's token ranges (0 before the replay)
 * @param eventsPerSecond its rate over the last seconds sampled, or -1 when not measured yet
 * @param etaSeconds      seconds until its replay is done, estimated from its rate and the share of ranges done;
 *                        -1 when unknown
 * @param started         when it was created (ISO-8601)
 * @param updated         when its state or step last changed (ISO-8601)
 * @param message         its last failure or what the operator asked
 * @param rateHistory     the rate over time, oldest first, for the chart
 */
public record JobStatus(String id, String view, String target, String state, String step, long eventsProcessed,
                        int rangesDone, int rangesTotal, double eventsPerSecond, double etaSeconds, String started,
                        String updated, String message, List<RatePoint> rateHistory) {

    /** The rate measured at a moment (epoch milliseconds). */
    public record RatePoint(long at, double eventsPerSecond) {
    }
}
