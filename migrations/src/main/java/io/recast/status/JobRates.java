package io.recast.status;

import io.recast.engine.jobs.JobState;
import io.recast.engine.jobs.ReindexJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the jobs' records over time and turns them into what the status page shows: each job's rate (events per
 * second over the last {@code window}), an ETA (the replay's remaining share of token ranges at that rate) and its
 * rate history. The jobs run in other processes; their records, written every second, are all it reads.
 */
public final class JobRates {

    private final Duration window;
    private final int historySize;
    private final Map<String, Deque<Sample>> samples = new HashMap<>();
    private final Map<String, Deque<JobStatus.RatePoint>> history = new HashMap<>();

    /**
     * @param window      how far back the rate looks
     * @param historySize how many rate points the chart keeps per job
     */
    public JobRates(Duration window, int historySize) {
        this.window = window;
        this.historySize = historySize;
    }

    private record Sample(Instant at, long events) {
    }

    /** Records the jobs as read at {@code now}; returns their status, in the order given. */
    public synchronized List<JobStatus> observe(List<ReindexJob> jobs, Instant now) {
        List<JobStatus> statuses = new ArrayList<>();
        for (ReindexJob job : jobs) {
            Deque<Sample> seen = samples.computeIfAbsent(job.id(), id -> new ArrayDeque<>());
            if (!seen.isEmpty() && job.eventsProcessed() < seen.peekLast().events()) {
                seen.clear(); // the job started again from fewer events (a new replay): its old samples say nothing
            }
            seen.addLast(new Sample(now, job.eventsProcessed()));
            while (seen.size() > 2 && Duration.between(seen.peekFirst().at(), now).compareTo(window) > 0) {
                seen.removeFirst();
            }
            double rate = rate(seen);
            if (job.state() != JobState.RUNNING) {
                rate = 0;
            }
            Deque<JobStatus.RatePoint> points = history.computeIfAbsent(job.id(), id -> new ArrayDeque<>());
            if (rate >= 0) {
                points.addLast(new JobStatus.RatePoint(now.toEpochMilli(), rate));
                while (points.size() > historySize) {
                    points.removeFirst();
                }
            }
            statuses.add(new JobStatus(job.id(), job.view(), job.target(), job.state().label(), job.step(),
                    job.eventsProcessed(), job.ranges().done(), job.ranges().total(), rate, eta(job, rate),
                    job.started().toString(), job.updated().toString(), job.message(), List.copyOf(points)));
        }
        return statuses;
    }

    /** Events per second between the first and the last sample; -1 with fewer than two samples. */
    private static double rate(Deque<Sample> seen) {
        if (seen.size() < 2) {
            return -1;
        }
        Sample first = seen.peekFirst();
        Sample last = seen.peekLast();
        double seconds = Duration.between(first.at(), last.at()).toNanos() / 1e9;
        return seconds <= 0 ? -1 : (last.events() - first.events()) / seconds;
    }

    /**
     * Seconds left in the replay: the events still to read (the events read so far scaled by the ranges left) at
     * the current rate; 0 once every range is done; -1 when no range is done yet or nothing moves.
     */
    static double eta(ReindexJob job, double rate) {
        ReindexJob.Ranges ranges = job.ranges();
        if (ranges.total() > 0 && ranges.done() == ranges.total()) {
            return 0;
        }
        if (job.state() != JobState.RUNNING || ranges.fraction().isEmpty() || rate <= 0) {
            return -1;
        }
        double estimatedTotal = job.eventsProcessed() / ranges.fraction().getAsDouble();
        return Math.max(0, estimatedTotal - job.eventsProcessed()) / rate;
    }
}
