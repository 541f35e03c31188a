package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.servers.LocalCassandra;
import io.recast.servers.ServerArtifacts;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recast against a Cassandra that requires {@code PasswordAuthenticator}: a role of its own, its password read from a
 * file; seed, migrate, status and a wrong password. The password appears in no output, log line, report or error.
 */
class CassandraCredentialsIT {

    private static final String ROLE = "recast_operator";
    private static final String PASSWORD = "Pw-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    private static LocalCassandra cassandra;

    @BeforeAll
    static void startACassandraThatRequiresPasswords() throws Exception {
        cassandra = new LocalCassandra(dir.resolve("cassandra"), ServerArtifacts.load(), "1g", true);
        cassandra.start();
        try (CqlSession superuser = openAsSuperuser()) {
            superuser.execute("CREATE ROLE IF NOT EXISTS " + ROLE + " WITH PASSWORD = '" + PASSWORD
                    + "' AND LOGIN = true AND SUPERUSER = true");
        }
    }

    @AfterAll
    static void stop() {
        if (cassandra != null) {
            cassandra.stop();
        }
    }

    /** The default superuser; the server creates it a few seconds after it starts listening. */
    private static CqlSession openAsSuperuser() throws InterruptedException {
        CassandraSettings settings = new CassandraSettings(List.of(InetSocketAddress.createUnresolved("127.0.0.1",
                cassandra.nativePort())), LocalCassandra.DATACENTER, "system", Optional.of("cassandra"),
                Optional.of("cassandra"), false);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try {
                return CassandraSessions.open(settings);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    private static Path config(String keyspace, String password) throws Exception {
        Path passwordFile = dir.resolve(keyspace + ".password");
        Files.writeString(passwordFile, password + "\n");
        Path config = dir.resolve(keyspace + ".conf");
        Files.writeString(config, "recast.cassandra.contact-points = \"127.0.0.1:" + cassandra.nativePort() + "\"\n"
                + "recast.cassandra.keyspace = " + keyspace + "\n"
                + "recast.cassandra.username = " + ROLE + "\n"
                + "recast.cassandra.password-file = \"" + passwordFile + "\"\n"
                + "recast.preflight.at-rest-seconds = 1\n"
                + "recast.views.enabled = \"\"\n");
        return config;
    }

    @Test
    void seedsMigratesAndReportsWithThePasswordFromAFileAndNeverPrintsIt() throws Exception {
        Path config = config("secured", PASSWORD);
        Path report = dir.resolve("report.json");

        MigrationUnderTest.Result seeded = MigrationUnderTest.recast("--config", config.toString(), "seed",
                "--events", "300", "--entities", "30");
        MigrationUnderTest.Result migrated = MigrationUnderTest.recast("--config", config.toString(), "migrate",
                "--from", "1.0", "--to", "1.1", "--report", report.toString());
        MigrationUnderTest.Result status = MigrationUnderTest.recast("--config", config.toString(), "status");

        assertEquals(0, seeded.exit(), seeded.output());
        assertEquals(0, migrated.exit(), migrated.output());
        assertTrue(migrated.output().contains("MIGRATED"), migrated.output());
        assertEquals(0, status.exit(), status.output());
        assertTrue(status.output().contains("1.1"), status.output());
        for (String printed : List.of(seeded.output(), migrated.output(), status.output(),
                Files.readString(report))) {
            assertFalse(printed.contains(PASSWORD), "the password was printed:\n" + printed);
        }
    }

    @Test
    void aWrongPasswordFailsWithAMessageThatSaysWhatToDoAndDoesNotPrintThePassword() throws Exception {
        String wrong = "Wrong-" + UUID.randomUUID();
        Path config = config("wrong_password", wrong);

        MigrationUnderTest.Result refused = MigrationUnderTest.recast("--config", config.toString(), "status");

        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("refused the authentication of user " + ROLE + ": check the configured"
                + " username and password"), refused.output());
        assertFalse(refused.output().contains(wrong), "the password was printed:\n" + refused.output());
    }
}
