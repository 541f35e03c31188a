package io.recast.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recast.engine.jobs.JobAction;
import io.recast.engine.jobs.ReindexJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class JobRatesTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private static ReindexJob job(long events, int rangesDone) {
        return ReindexJob.start("job-1", "elasticsearch:kg_resources", OptionalDouble.empty(), T0)
                .withProgress("replay", events, T0).withRanges(new ReindexJob.Ranges(rangesDone, 64));
    }

    @Test
    void theRateIsTheEventsReadBetweenSamplesOverTheSecondsBetweenThem() {
        JobRates rates = new JobRates(Duration.ofSeconds(10), 100);
        assertEquals(-1, rates.observe(List.of(job(0, 0)), T0).get(0).eventsPerSecond(), "one sample: no rate yet");
        JobStatus status = rates.observe(List.of(job(2_000, 8)), T0.plusSeconds(2)).get(0);
        assertEquals(1_000, status.eventsPerSecond(), 1e-9);
        assertEquals(1, status.rateHistory().size());
        assertEquals(T0.plusSeconds(2).toEpochMilli(), status.rateHistory().get(0).at());
    }

    @Test
    void theRateLooksOnlyAsFarBackAsItsWindow() {
        JobRates rates = new JobRates(Duration.ofSeconds(5), 100);
        rates.observe(List.of(job(0, 0)), T0);
        rates.observe(List.of(job(100, 1)), T0.plusSeconds(10)); // slow start: 10 events/s
        rates.observe(List.of(job(10_100, 20)), T0.plusSeconds(20)); // then 1,000 events/s
        JobStatus status = rates.observe(List.of(job(11_100, 22)), T0.plusSeconds(21)).get(0);
        assertEquals(1_000, status.eventsPerSecond(), 1e-9, "only the samples of the last 5 s (and one before)");
    }

    @Test
    void theEtaIsTheRangesLeftAtTheCurrentRate() {
        // a quarter of the ranges done after 16,000 events: about 48,000 left, at 1,000 events/s
        assertEquals(48, JobRates.eta(job(16_000, 16), 1_000), 1e-9);
        assertEquals(0, JobRates.eta(job(64_000, 64), 1_000), 1e-9, "every range done");
        assertEquals(-1, JobRates.eta(job(500, 0), 1_000), 1e-9, "no range done: unknown");
        assertEquals(-1, JobRates.eta(job(16_000, 16), 0), 1e-9, "nothing moves: unknown");
    }

    @Test
    void aPausedJobShowsNoRateAndNoEta() {
        JobRates rates = new JobRates(Duration.ofSeconds(10), 100);
        rates.observe(List.of(job(0, 0)), T0);
        ReindexJob paused = job(5_000, 5).apply(JobAction.PAUSE, T0.plusSeconds(5), "operator").job();
        JobStatus status = rates.observe(List.of(paused), T0.plusSeconds(5)).get(0);
        assertEquals("paused", status.state());
        assertEquals(0, status.eventsPerSecond(), 1e-9);
        assertEquals(-1, status.etaSeconds(), 1e-9);
    }

    @Test
    void aJobThatStartsOverFromFewerEventsIsMeasuredAfresh() {
        JobRates rates = new JobRates(Duration.ofSeconds(10), 100);
        rates.observe(List.of(job(0, 0)), T0);
        rates.observe(List.of(job(9_000, 9)), T0.plusSeconds(3));
        JobStatus restarted = rates.observe(List.of(job(100, 1)), T0.plusSeconds(4)).get(0);
        assertEquals(-1, restarted.eventsPerSecond(), 1e-9, "no negative rate from the old samples");
    }

    @Test
    void theChartKeepsTheLastPointsOnly() {
        JobRates rates = new JobRates(Duration.ofSeconds(10), 3);
        JobStatus status = null;
        for (int second = 0; second <= 6; second++) {
            status = rates.observe(List.of(job(second * 100L, second)), T0.plusSeconds(second)).get(0);
        }
        assertEquals(3, status.rateHistory().size());
        assertEquals(T0.plusSeconds(4).toEpochMilli(), status.rateHistory().get(0).at());
    }
}
