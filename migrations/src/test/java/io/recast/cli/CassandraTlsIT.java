package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.servers.LocalCassandra;
import io.recast.servers.ServerArtifacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recast against a Cassandra that requires TLS of every client ({@code client_encryption_options}, not optional),
 * its certificate self-signed: with {@code recast.cassandra.tls} and the certificate in a trust store given to the
 * JVM ({@code javax.net.ssl.trustStore}, as the README says), seed, migrate and status work; without TLS, or with a
 * JVM that does not trust the certificate, nothing connects, and the second says what to do. Each run is a JVM of its
 * own: the trust store of a JVM is fixed once its first TLS connection is made.
 */
class CassandraTlsIT {

    @TempDir
    static Path dir;

    private static LocalCassandra cassandra;
    private static SelfSignedCertificate certificate;

    @BeforeAll
    static void startACassandraThatRequiresTls() throws Exception {
        certificate = SelfSignedCertificate.generate(dir, "cassandra");
        cassandra = new LocalCassandra(dir.resolve("cassandra"), ServerArtifacts.load(), "1g", false,
                Optional.of(new LocalCassandra.ClientTls(certificate.keystore(), certificate.password())));
        cassandra.start();
    }

    @AfterAll
    static void stop() {
        if (cassandra != null) {
            cassandra.stop();
        }
    }

    @Test
    void seedsMigratesAndReportsOverTlsWithTheCertificateInTheJvmsTrustStore() throws Exception {
        Path config = config("over_tls", true);
        List<String> trust = certificate.trustingJvmOptions();

        RecastJvm.Run seeded = recast(trust, config, "seed", "--events", "300", "--entities", "30");
        RecastJvm.Run migrated = recast(trust, config, "migrate", "--from", "1.0", "--to", "1.1", "--yes");
        RecastJvm.Run status = recast(trust, config, "status");

        assertEquals(0, seeded.exit(), seeded.output());
        assertEquals(0, migrated.exit(), migrated.output());
        assertTrue(migrated.output().contains("MIGRATED"), migrated.output());
        assertEquals(0, status.exit(), status.output());
        assertTrue(status.output().contains("1.1"), status.output());
        for (RecastJvm.Run run : List.of(seeded, migrated, status)) {
            assertFalse(run.output().contains(certificate.password()), "the trust store's password was printed:\n"
                    + run.output());
        }
    }

    @Test
    void aClientWithoutTlsCannotConnectAndOneThatDoesNotTrustTheCertificateIsToldWhatToDo() throws Exception {
        RecastJvm.Run plain = recast(List.of(), config("plain", false), "status");
        RecastJvm.Run untrusting = recast(List.of(), config("untrusting", true), "status");

        assertNotEquals(0, plain.exit(), "a client without TLS connected:\n" + plain.output());
        assertNotEquals(0, untrusting.exit(), "a client that does not trust the certificate connected:\n"
                + untrusting.output());
        assertTrue(untrusting.output().contains("TLS handshake failed")
                        && untrusting.output().contains("javax.net.ssl.trustStore"),
                "the error says how to trust the certificate:\n" + untrusting.output());
    }

    private static Path config(String keyspace, boolean tls) throws IOException {
        Path config = dir.resolve(keyspace + ".conf");
        Files.writeString(config, "recast.cassandra.contact-points = \"127.0.0.1:" + cassandra.nativePort() + "\"\n"
                + "recast.cassandra.keyspace = " + keyspace + "\n"
                + "recast.cassandra.tls = " + tls + "\n"
                + "recast.preflight.at-rest-seconds = 1\n"
                + "recast.views.enabled = \"\"\n");
        return config;
    }

    /** {@code recast --config CONFIG ARGS} in a JVM of its own, with {@code jvmOptions}. */
    private static RecastJvm.Run recast(List<String> jvmOptions, Path config, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return RecastJvm.run(dir, jvmOptions, Map.of(), all.toArray(String[]::new));
    }
}
