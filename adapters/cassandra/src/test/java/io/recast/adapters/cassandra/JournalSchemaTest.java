package io.recast.adapters.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.cassandra.KeyspaceAndTableStatements;
import org.apache.pekko.persistence.cassandra.PluginSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JournalSchemaTest {

    private static final String PLUGIN = "pekko.persistence.cassandra";

    private static ActorSystem system;
    private static KeyspaceAndTableStatements plugin;

    @BeforeAll
    static void pluginStatementsWithDefaultSettings() {
        Config config = ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.stdout-loglevel = WARNING
                pekko.persistence.cassandra.journal.keyspace = recast_journal
                pekko.persistence.cassandra.snapshot.keyspace = recast_snapshot
                """).withFallback(ConfigFactory.load());
        system = ActorSystem.create("journal-schema-test", config);
        plugin = new KeyspaceAndTableStatements(system, PLUGIN,
                PluginSettings.apply(system, system.settings().config().getConfig(PLUGIN)));
    }

    @AfterAll
    static void stop() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(30).toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void journalTablesAreExactlyThePluginsStatements() {
        List<String> expected = plugin.getCreateJournalTablesStatements();

        List<String> ours = JournalSchema.journalTableStatements("recast_journal");

        assertEquals(expected.size(), ours.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), ours.get(i), "statement " + i);
        }
    }

    @Test
    void keyspacesAndSnapshotTableAreExactlyThePluginsStatements() {
        assertEquals(plugin.createJournalKeyspaceStatement(), JournalSchema.createJournalKeyspace("recast_journal", 1));
        assertEquals(plugin.createSnapshotKeyspaceStatement(),
                JournalSchema.createSnapshotKeyspace("recast_snapshot", 1));
        assertEquals(plugin.getCreateSnapshotTablesStatements(),
                List.of(JournalSchema.createSnapshotsTable("recast_snapshot")));
    }

    @Test
    void insertsAreThePluginsEventInsertsUpToWhitespace() {
        for (boolean withMeta : new boolean[] {false, true}) {
            assertEquals(oneLine(plugin.journalStatements().writeMessage(withMeta)),
                    JournalSchema.insertMessage("recast_journal", withMeta), "with meta: " + withMeta);
        }
    }

    private static String oneLine(String cql) {
        return cql.strip().replaceAll("\\s+", " ");
    }

    @Test
    void partitionNumberCountsBlocksOfTheTargetSizeFromSequenceNumberOne() {
        long size = JournalSchema.DEFAULT_TARGET_PARTITION_SIZE;

        assertEquals(0, JournalSchema.partitionNr(1, size));
        assertEquals(0, JournalSchema.partitionNr(500_000, size));
        assertEquals(1, JournalSchema.partitionNr(500_001, size));
        assertEquals(2, JournalSchema.partitionNr(1_000_001, size));
        assertEquals(1, JournalSchema.partitionNr(6, 5));
    }

    @Test
    void rejectsKeyspaceNamesThatAreNotPlainIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> JournalSchema.createMessagesTable("a; DROP TABLE x"));
        assertThrows(IllegalArgumentException.class, () -> JournalSchema.createMessagesTable("1abc"));
        assertThrows(IllegalArgumentException.class, () -> JournalSchema.createMessagesTable(""));
        assertEquals(JournalSchema.createMessagesTable("\"Quoted\"").lines().findFirst().orElseThrow(),
                "CREATE TABLE IF NOT EXISTS \"Quoted\".messages (");
    }
}
