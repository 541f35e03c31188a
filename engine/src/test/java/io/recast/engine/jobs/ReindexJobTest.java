package io.recast.engine.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReindexJobTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static ReindexJob in(JobState state) {
        ReindexJob running = ReindexJob.start("job-1", "elasticsearch:kg", OptionalDouble.empty(), T0);
        return new ReindexJob(running.id(), running.view(), 2, "kg_v2", state, "replay", 10, running.maxRate(),
                T0, T0, T0, "", ReindexJob.Ranges.NONE);
    }

    @Test
    void aRunningJobIsPausedThenResumedThenCancelled() {
        ReindexJob job = in(JobState.RUNNING);

        JobTransition paused = job.apply(JobAction.PAUSE, T0.plusSeconds(1), "asked");
        JobTransition resumed = paused.job().apply(JobAction.RESUME, T0.plusSeconds(2), "asked");
        JobTransition cancelled = resumed.job().apply(JobAction.CANCEL, T0.plusSeconds(3), "asked");

        assertEquals(JobState.PAUSED, paused.job().state());
        assertEquals(JobState.RUNNING, resumed.job().state());
        assertEquals(JobState.CANCELLED, cancelled.job().state());
        assertEquals(T0.plusSeconds(3), cancelled.job().updated());
        assertTrue(paused.applied() && resumed.applied() && cancelled.applied());
    }

    @Test
    void everyActionIsRefusedFromTheStatesItDoesNotLeaveWithAMessageNamingTheState() {
        for (JobAction action : JobAction.values()) {
            for (JobState state : EnumSet.complementOf(EnumSet.copyOf(action.from()))) {
                JobTransition refused = in(state).apply(action, T0.plusSeconds(1), "asked");

                assertFalse(refused.applied(), action + " from " + state);
                assertEquals(state, refused.job().state(), "unchanged");
                assertTrue(refused.refusal().orElseThrow().contains("is " + state.label()),
                        refused.refusal().orElseThrow());
            }
        }
    }

    @Test
    void aFinishedJobCannotBeResumedOrCancelledAndTheRefusalSaysWhatToDo() {
        JobTransition resumeCancelled = in(JobState.CANCELLED).apply(JobAction.RESUME, T0, "");
        JobTransition cancelDone = in(JobState.DONE).apply(JobAction.CANCEL, T0, "");

        assertTrue(resumeCancelled.refusal().orElseThrow().contains("recast reindex"),
                resumeCancelled.refusal().orElseThrow());
        assertTrue(cancelDone.refusal().orElseThrow().contains("serves"), cancelDone.refusal().orElseThrow());
        assertTrue(JobState.CANCELLED.finished() && JobState.DONE.finished() && !JobState.PAUSED.finished());
    }

    @Test
    void aRunningJobWhoseHeartbeatIsOlderThanTheSilenceIsAbandoned() {
        ReindexJob job = in(JobState.RUNNING).withProgress("replay", 20, T0.plusSeconds(10));

        assertFalse(job.abandoned(T0.plusSeconds(12), Duration.ofSeconds(5)));
        assertTrue(job.abandoned(T0.plusSeconds(16), Duration.ofSeconds(5)));
        assertFalse(in(JobState.PAUSED).abandoned(T0.plusSeconds(60), Duration.ofSeconds(5)),
                "a paused job runs nowhere by design");
    }

    @Test
    void progressMovesTheUpdateTimeOnlyWhenTheStepChanges() {
        ReindexJob job = in(JobState.RUNNING);

        ReindexJob sameStep = job.withProgress("replay", 50, T0.plusSeconds(5));
        ReindexJob nextStep = sameStep.withProgress("catch-up", 60, T0.plusSeconds(9));

        assertEquals(T0, sameStep.updated());
        assertEquals(T0.plusSeconds(5), sameStep.heartbeat());
        assertEquals(T0.plusSeconds(9), nextStep.updated());
        assertEquals(60, nextStep.eventsProcessed());
    }
}
