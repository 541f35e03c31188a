package io.recast.engine.rewrite;

import static io.recast.engine.rewrite.ShopMigration.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.event.StoredEvent;
import io.recast.engine.event.TestEvents;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastFailure;
import io.recast.engine.upcast.UpcasterSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JournalRewriteTest {

    private static final UpcasterSet SHOP = new ShopMigration();

    /**
     * Eight ids in four slices by hash: slice 0 holds cart-1; slice 1 broken-1, cart-2 and project-1; slice 2
     * order-1 and resource-1; slice 3 order-2 and resource-2.
     */
    private static InMemoryJournal shop() {
        return clean().with(
                event("broken-1", 1, "OrderPlaced@1.0", "{\"amount\":1}"),
                event("broken-1", 2, "Broken@1.0", "{}"),
                event("resource-2", 1, "ResourceCreated@1.0", "{\"project\":\"project-404\",\"id\":\"r2\"}"));
    }

    /** The ids of {@link #shop()} that the migration can rewrite. */
    private static InMemoryJournal clean() {
        return new InMemoryJournal(4).with(
                TestEvents.builder("OrderPlaced@1.0", "{\"amount\":10}").persistenceId("order-1").tags("shop").build(),
                event("order-1", 2, "OrderPlaced@1.1", "{\"total\":5}"),
                event("order-2", 1, "OrderPlaced@1.1", "{\"total\":1}"),
                event("order-2", 2, "OrderPlaced@1.1", "{\"total\":2}"),
                event("cart-1", 1, "Ping@1.0", "{}"),
                event("cart-1", 2, "OrderPlaced@1.1", "{\"total\":1}"),
                event("cart-1", 3, "Ping@1.0", "{}"),
                event("cart-1", 4, "OrderPlaced@1.0", "{\"amount\":3}"),
                event("cart-2", 1, "Bundle@1.0", "{\"items\":[1,2,3]}"),
                event("cart-2", 2, "OrderPlaced@1.0", "{\"amount\":4}"),
                event("project-1", 1, "ProjectCreated@1.0", "{\"base\":\"https://p1/\"}"),
                event("resource-1", 1, "ResourceCreated@1.0", "{\"project\":\"project-1\",\"id\":\"r1\"}"));
    }

    /** What {@link #shop()} holds after the migration. */
    private static Map<String, List<StoredEvent>> shopMigrated(InMemoryJournal before) {
        Map<String, List<StoredEvent>> expected = new LinkedHashMap<>(before.events());
        expected.put("order-1", List.of(
                TestEvents.builder("OrderPlaced@1.1", "{\"total\":10}").persistenceId("order-1").tags("shop").build(),
                event("order-1", 2, "OrderPlaced@1.1", "{\"total\":5}")));
        expected.put("cart-1", List.of(
                event("cart-1", 1, "OrderPlaced@1.1", "{\"total\":1}"),
                event("cart-1", 2, "OrderPlaced@1.1", "{\"total\":3}")));
        expected.put("cart-2", List.of(
                event("cart-2", 1, "OrderPlaced@1.1", "{\"total\":1}"),
                event("cart-2", 2, "OrderPlaced@1.1", "{\"total\":2}"),
                event("cart-2", 3, "OrderPlaced@1.1", "{\"total\":3}"),
                event("cart-2", 4, "OrderPlaced@1.1", "{\"total\":4}")));
        expected.put("project-1", List.of(event("project-1", 1, "ProjectStarted@1.1", "{\"base\":\"https://p1/\"}")));
        expected.put("resource-1", List.of(event("resource-1", 1, "ResourceCreated@1.1",
                "{\"project\":\"project-1\",\"id\":\"r1\",\"iri\":\"https://p1/r1\"}")));
        return expected;
    }

    private static RewriteResult run(InMemoryJournal journal, RewriteOptions options) {
        return run(SHOP, journal, options);
    }

    private static RewriteResult run(UpcasterSet set, InMemoryJournal journal, RewriteOptions options) {
        return new JournalRewrite(set, journal, journal, journal).run(options, read -> { });
    }

    /** Everything a result reports about the journal, leaving out timings, writes and whether it was dry. */
    private static Map<String, Object> report(RewriteResult r) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("checksum", r.checksum());
        report.put("eventsRead", r.eventsRead());
        report.put("persistenceIds", r.persistenceIds());
        report.put("unchangedIds", r.unchangedIds());
        report.put("rewrittenIds", r.rewrittenIds());
        report.put("renumberedIds", r.renumberedIds());
        report.put("heldBackIds", r.heldBackIds());
        report.put("upcastEvents", r.upcastEvents());
        report.put("droppedEvents", r.droppedEvents());
        report.put("splitEvents", r.splitEvents());
        report.put("eventsAfter", r.eventsAfter());
        report.put("perUpcaster", r.perUpcaster());
        report.put("quarantined", r.quarantined());
        report.put("quarantinedByCode", r.quarantinedByCode());
        report.put("listed", r.listed());
        report.put("contextFailures", r.contextFailures());
        report.put("samples", r.samples());
        report.put("slicesSkipped", r.slicesSkipped());
        return report;
    }

    @Test
    void aRunBringsEveryEventToTheFinalRevisionRenumberingDropsAndSplits() {
        InMemoryJournal journal = shop();
        Map<String, List<StoredEvent>> expected = shopMigrated(journal);

        run(journal, RewriteOptions.run("run-1"));

        assertEquals(expected, journal.events());
        journal.events().forEach((id, events) -> {
            if (!Set.of("broken-1", "resource-2").contains(id)) {
                events.forEach(e -> assertEquals("1.1", e.type().revision(), e.toString()));
            }
        });
    }

    @Test
    void aRunReportsExactCounts() {
        InMemoryJournal journal = shop();

        RewriteResult result = run(journal, RewriteOptions.run("run-1"));

        assertFalse(result.dryRun());
        assertEquals(SHOP.chain().checksum(), result.checksum());
        assertEquals(15, result.eventsRead());
        assertEquals(8, result.persistenceIds());
        assertEquals(1, result.unchangedIds());
        assertEquals(5, result.rewrittenIds());
        assertEquals(2, result.renumberedIds());
        assertEquals(2, result.heldBackIds());
        assertEquals(5, result.upcastEvents(), "order-1, cart-1, cart-2, project-1, resource-1; not broken-1's");
        assertEquals(2, result.droppedEvents());
        assertEquals(1, result.splitEvents());
        assertEquals(10, result.eventsAfter());
        assertEquals(Map.of(
                        ShopMigration.OrderPlaced_1_0_to_1_1.class.getName(), 3L,
                        ShopMigration.Bundle_1_0_to_1_1.class.getName(), 1L,
                        ShopMigration.DROP_PING, 2L,
                        ShopMigration.RENAME_PROJECT, 1L,
                        ShopMigration.ResourceCreated_1_0_to_1_1.class.getName(), 1L),
                result.perUpcaster());
        assertEquals(2, result.quarantined());
        assertEquals(Map.of(UpcastErrorCode.UPCASTER_FAILED, 1L, UpcastErrorCode.MISSING_CONTEXT, 1L),
                result.quarantinedByCode());
        assertEquals(List.of("broken-1#2 Broken@1.0 UPCASTER_FAILED", "resource-2#1 ResourceCreated@1.0 MISSING_CONTEXT"),
                result.listed().stream().map(q -> q.persistenceId() + "#" + q.sequenceNr() + " " + q.type() + " "
                        + q.failure().code()).toList());
        assertTrue(result.contextFailures().isEmpty());
        assertFalse(result.clean());
        assertEquals(0, result.slicesSkipped());
        assertEquals(journal.rowsWritten(), result.rowsWritten());
        assertEquals(20, result.rowsWritten(), "in place 2 per changed row; cart-1 4+2+2, cart-2 2+4");
    }

    @Test
    void listsQuarantinedEventsUpToTheLimitAndCountsThemAll() {
        RewriteResult result = run(shop(), new RewriteOptions("run-1", false, 3, 1));

        assertEquals(2, result.quarantined());
        assertEquals(1, result.listed().size());
        assertEquals("broken-1", result.listed().get(0).persistenceId());
    }

    @Test
    void aHeldBackIdGoesToQuarantineWithTheRunIdAndIsNotApplied() {
        InMemoryJournal journal = shop();
        List<StoredEvent> broken = journal.events("broken-1");

        run(journal, RewriteOptions.run("run-7"));

        List<InMemoryJournal.Quarantine> quarantines = journal.quarantines();
        assertEquals(List.of("broken-1", "resource-2"),
                quarantines.stream().map(q -> q.heldBack().persistenceId()).toList());
        quarantines.forEach(q -> assertEquals("run-7", q.runId()));
        PidRewrite.HeldBack heldBack = quarantines.get(0).heldBack();
        assertEquals(2, heldBack.events());
        assertEquals(List.of(2L), heldBack.failures().stream().map(PidRewrite.Quarantined::sequenceNr).toList());
        assertEquals(broken, journal.events("broken-1"));
        journal.applied().forEach(a -> assertFalse(Set.of("broken-1", "resource-2").contains(a.persistenceId()),
                a.persistenceId()));
    }

    @Test
    void savesTheContextFirstAndCheckpointsEachSliceWithoutQuarantinedIdsAfterItsIdsAreWritten() {
        InMemoryJournal journal = shop();

        run(journal, RewriteOptions.run("run-1"));

        assertEquals(List.of(
                        "save context",
                        "apply cart-1", "checkpoint 0",
                        "quarantine broken-1", "apply cart-2", "apply project-1",
                        "apply order-1", "apply resource-1", "checkpoint 2",
                        "quarantine resource-2"),
                journal.log(), "slices 1 and 3 hold quarantined ids: not checkpointed, so a new attempt reads them");
        assertEquals(Set.of(0, 2), journal.completedSlices("run-1"));
        assertEquals(Optional.of("https://p1/"),
                ContextCodec.decode(journal.context("run-1").orElseThrow(), getClass().getClassLoader())
                        .get(ShopMigration.PROJECT_BASE, "project-1"));
    }

    @Test
    void aDryRunWritesNothingAnywhere() {
        InMemoryJournal journal = shop();
        Map<String, List<StoredEvent>> before = journal.events();

        RewriteResult result = run(journal, RewriteOptions.dryRun("dry-1"));

        assertTrue(result.dryRun());
        assertEquals(before, journal.events());
        assertEquals(List.of(), journal.log(), "no rewrite, quarantine, checkpoint or context");
        assertEquals(Set.of(), journal.completedSlices("dry-1"));
        assertEquals(Optional.empty(), journal.context("dry-1"));
        assertEquals(0, result.rowsWritten());
    }

    @Test
    void aDryRunReportsWhatARunDoes() {
        RewriteResult dry = run(shop(), RewriteOptions.dryRun("run-1"));
        RewriteResult real = run(shop(), RewriteOptions.run("run-1"));

        assertEquals(report(real), report(dry));
        assertEquals(3, dry.samples().size());
        assertEquals(8, dry.persistenceIds());
    }

    @Test
    void aDryRunSamplesEachKindOfChangeBeforeAndAfterWithTheNewSequenceNrs() {
        InMemoryJournal journal = new InMemoryJournal(1).with(
                event("cart-1", 1, "Ping@1.0", "{}"),
                event("cart-1", 2, "OrderPlaced@1.1", "{\"total\":1}"),
                event("cart-1", 3, "Ping@1.0", "{}"),
                event("cart-1", 4, "OrderPlaced@1.0", "{\"amount\":3}"),
                TestEvents.builder("Bundle@1.0", "{\"items\":[7,8]}").persistenceId("cart-2").tags("shop").build(),
                event("cart-2", 2, "OrderPlaced@1.0", "{\"amount\":4}"));

        RewriteResult result = run(journal, new RewriteOptions("dry-1", true, 10, 100));

        assertEquals(List.of(
                        new RewriteSample("cart-1", 1, "Ping@1.0 {} tags=[]", List.of()),
                        new RewriteSample("cart-1", 2, "OrderPlaced@1.1 {\"total\":1} tags=[]",
                                List.of("#1 OrderPlaced@1.1 {\"total\":1} tags=[]")),
                        new RewriteSample("cart-1", 4, "OrderPlaced@1.0 {\"amount\":3} tags=[]",
                                List.of("#2 OrderPlaced@1.1 {\"total\":3} tags=[]")),
                        new RewriteSample("cart-2", 1, "Bundle@1.0 {\"items\":[7,8]} tags=[shop]", List.of(
                                "#1 OrderPlaced@1.1 {\"total\":7} tags=[shop]",
                                "#2 OrderPlaced@1.1 {\"total\":8} tags=[shop]"))),
                result.samples());
    }

    @Test
    void keepsNoMoreSamplesThanAskedFor() {
        RewriteResult result = run(shop(), new RewriteOptions("dry-1", true, 2, 100));

        assertEquals(2, result.samples().size());
    }

    @Test
    void aSecondRunFindsNothingToChange() {
        InMemoryJournal journal = clean();
        run(journal, RewriteOptions.run("run-1"));
        Map<String, List<StoredEvent>> migrated = journal.events();
        int applied = journal.applied().size();

        RewriteResult second = run(journal, RewriteOptions.run("run-2"));

        assertEquals(6, second.persistenceIds());
        assertEquals(6, second.unchangedIds());
        assertEquals(0, second.rewrittenIds());
        assertEquals(0, second.heldBackIds());
        assertEquals(0, second.upcastEvents() + second.droppedEvents() + second.splitEvents());
        assertEquals(0, second.rowsWritten());
        assertTrue(second.clean());
        assertEquals(migrated, journal.events());
        assertEquals(applied, journal.applied().size());
    }

    @Test
    void aRunStartedAgainAfterACrashSkipsTheFinishedSlicesAndEndsLikeAnUninterruptedRun() {
        InMemoryJournal uninterrupted = shop();
        run(uninterrupted, RewriteOptions.run("run-1"));
        InMemoryJournal journal = shop();
        journal.interruptAfter(1);

        assertThrows(InMemoryJournal.SimulatedCrash.class, () -> run(journal, RewriteOptions.run("run-1")));
        assertEquals(Set.of(0), journal.completedSlices("run-1"));
        assertEquals("1.1", journal.events("cart-1").get(0).type().revision(), "slice 0 was finished");
        assertEquals("1.0", journal.events("cart-2").get(0).type().revision(), "slice 1 was not finished");
        RewriteResult resumed = run(journal, RewriteOptions.run("run-1"));

        assertEquals(uninterrupted.events(), journal.events());
        assertEquals(1, resumed.slicesSkipped());
        assertEquals(7, resumed.persistenceIds(), "every id but cart-1");
        assertEquals(1, resumed.unchangedIds(), "order-2");
        assertEquals(4, resumed.rewrittenIds(), "cart-2, project-1, order-1, resource-1");
        assertEquals(2, resumed.heldBackIds(), "broken-1, resource-2");
        assertEquals(3, journal.reads(), "the resumed attempt reads its saved context instead of a first pass");
        assertEquals(Set.of(0, 2), journal.completedSlices("run-1"));
    }

    @Test
    void aResumedRunUpcastsWithTheSavedContextAfterTheEventsItCameFromWereRewritten() {
        InMemoryJournal journal = new InMemoryJournal(2, id -> id.startsWith("project-") ? 0 : 1).with(
                event("project-1", 1, "ProjectCreated@1.0", "{\"base\":\"https://p1/\"}"),
                event("resource-1", 1, "ResourceCreated@1.0", "{\"project\":\"project-1\",\"id\":\"r1\"}"),
                event("resource-2", 1, "ResourceCreated@1.0", "{\"project\":\"project-1\",\"id\":\"r2\"}"));
        journal.interruptAfter(1);
        assertThrows(InMemoryJournal.SimulatedCrash.class, () -> run(journal, RewriteOptions.run("run-1")));
        assertEquals("ProjectStarted@1.1", journal.events("project-1").get(0).type().toString());
        assertEquals("ResourceCreated@1.0", journal.events("resource-2").get(0).type().toString());
        RewriteResult freshPass = run(journal, RewriteOptions.dryRun("check"));
        assertEquals(Map.of(UpcastErrorCode.MISSING_CONTEXT, 1L), freshPass.quarantinedByCode(),
                "a first pass over the half-migrated journal no longer finds the project");

        RewriteResult resumed = run(journal, RewriteOptions.run("run-1"));

        assertEquals(0, resumed.quarantined(), resumed.listed().toString());
        assertEquals(1, resumed.rewrittenIds());
        assertEquals(List.of(event("resource-2", 1, "ResourceCreated@1.1",
                        "{\"project\":\"project-1\",\"id\":\"r2\",\"iri\":\"https://p1/r2\"}")),
                journal.events("resource-2"));
    }

    @Test
    void aFinishedRunStartedAgainReadsOnlyTheSlicesThatHeldIdsBack() {
        InMemoryJournal journal = shop();
        run(journal, RewriteOptions.run("run-1"));
        Map<String, List<StoredEvent>> migrated = journal.events();

        RewriteResult again = run(journal, RewriteOptions.run("run-1"));

        assertEquals(2, again.slicesSkipped());
        assertEquals(5, again.persistenceIds(), "slices 1 and 3: broken-1, cart-2, project-1, order-2, resource-2");
        assertEquals(0, again.rewrittenIds());
        assertEquals(2, again.heldBackIds(), "the quarantined events are reported again until they are fixed");
        assertEquals(migrated, journal.events());
    }

    @Test
    void aFinishedCleanRunStartedAgainReadsNothing() {
        InMemoryJournal journal = clean();
        run(journal, RewriteOptions.run("run-1"));
        int writes = journal.log().size();

        RewriteResult again = run(journal, RewriteOptions.run("run-1"));

        assertEquals(4, again.slicesSkipped());
        assertEquals(0, again.persistenceIds());
        assertEquals(0, again.eventsRead());
        assertEquals(writes, journal.log().size());
    }

    @Test
    void unreadableRowsAreQuarantinedAndCounted() {
        PidRewrite.Quarantined gone = new PidRewrite.Quarantined("order-3", 2, "com.example.Gone#2",
                new UpcastFailure(UpcastErrorCode.UNKNOWN_MANIFEST, null, "cannot read the manifest", null));
        InMemoryJournal journal = new InMemoryJournal(2)
                .with(event("order-3", 1, "OrderPlaced@1.0", "{\"amount\":1}"))
                .withUnreadable(gone);
        Map<String, List<StoredEvent>> before = journal.events();

        RewriteResult result = run(journal, RewriteOptions.run("run-1"));

        assertEquals(2, result.eventsRead());
        assertEquals(1, result.heldBackIds());
        assertEquals(0, result.upcastEvents());
        assertEquals(Map.of(UpcastErrorCode.UNKNOWN_MANIFEST, 1L), result.quarantinedByCode());
        assertEquals(List.of(gone), result.listed());
        assertEquals(List.of(gone), journal.quarantines().get(0).heldBack().failures());
        assertEquals(before, journal.events());
    }

    @Test
    void reportsEventsTheFirstPassCouldNotRead() {
        InMemoryJournal journal = new InMemoryJournal(2).with(event("project-9", 3, "ProjectCreated@1.0", "{}"));

        RewriteResult result = run(journal, RewriteOptions.run("run-1"));

        assertEquals(1, result.contextFailures().size());
        assertEquals(UpcastErrorCode.UPCASTER_FAILED, result.contextFailures().get(0).code());
        assertTrue(result.contextFailures().get(0).message().contains("persistenceId=project-9, sequenceNr=3"),
                result.contextFailures().get(0).message());
        assertFalse(result.clean());
        assertEquals(1, result.rewrittenIds(), "the rename itself does not need the payload");
    }

    @Test
    void withoutCollectorsThereIsNoFirstPassAndNoSavedContext() {
        InMemoryJournal journal = new InMemoryJournal(2).with(event("order-1", 1, "OrderPlaced@1.0", "{\"amount\":1}"));

        RewriteResult result = run(ShopMigration.withoutCollectors(), journal, RewriteOptions.run("run-1"));

        assertEquals(1, journal.reads());
        assertEquals(Optional.empty(), journal.context("run-1"));
        assertEquals(1, result.rewrittenIds());
        assertTrue(result.clean());
    }

    @Test
    void reportsProgressAsTheRunningCountOfEventsRead() {
        InMemoryJournal journal = shop();
        List<Long> progress = new ArrayList<>();

        RewriteResult result = new JournalRewrite(SHOP, journal, journal, journal)
                .run(RewriteOptions.dryRun("dry-1"), progress::add);

        assertEquals(List.of(4L, 6L, 8L, 9L, 11L, 12L, 14L, 15L), progress,
                "cart-1, broken-1, cart-2, project-1, order-1, resource-1, order-2, resource-2");
        assertEquals(result.eventsRead(), progress.get(progress.size() - 1));
    }

    @Test
    void reportsEachSliceDoneOutOfTheSlicesThisRunReadsLeavingOutThoseCheckpointedBefore() {
        InMemoryJournal journal = shop();
        journal.sliceCompleted("run-1", 0);
        List<String> slices = new ArrayList<>();

        new JournalRewrite(SHOP, journal, journal, journal).run(RewriteOptions.run("run-1"), new RewriteProgress() {
            @Override
            public void eventsRead(long eventsSoFar) {
            }

            @Override
            public void sliceDone(int slicesDone, int slicesToRead, java.time.Duration elapsed) {
                slices.add(slicesDone + "/" + slicesToRead);
            }
        });

        int toRead = journal.sliceCount() - 1;
        assertEquals(toRead, slices.size(), slices.toString());
        assertEquals(toRead + "/" + toRead, slices.get(slices.size() - 1));
        assertEquals("1/" + toRead, slices.get(0));
    }

    @Test
    void aRunnerThatLosesItsLockStopsWritingAtTheNextWriteAndCheckpointsNothingMore() {
        InMemoryJournal journal = shop();
        int[] checks = new int[1];
        io.recast.engine.migration.WriteFence fence = () -> {
            if (++checks[0] > 4) {
                throw new io.recast.engine.migration.LockLostException("lost to runner-b");
            }
        };

        io.recast.engine.migration.LockLostException lost = assertThrows(
                io.recast.engine.migration.LockLostException.class,
                () -> new JournalRewrite(SHOP, journal, journal, journal).run(RewriteOptions.run("r1"), read -> { },
                        fence));

        assertEquals("lost to runner-b", lost.getMessage());
        assertEquals(4, journal.log().size(), "one write per passed check, none after: " + journal.log());
        assertTrue(journal.log().size() < new InMemoryJournalRun().writesOfAnUnfencedRun(),
                "the fenced run stopped before the end");
    }

    /** The number of writes of the same migration run without a fence. */
    private static final class InMemoryJournalRun {
        int writesOfAnUnfencedRun() {
            InMemoryJournal journal = shop();
            run(journal, RewriteOptions.run("r1"));
            return journal.log().size();
        }
    }
}
