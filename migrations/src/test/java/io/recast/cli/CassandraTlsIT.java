package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.servers.LocalCassandra;
import io.recast.servers.ServerArtifacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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

    private static final String STORE_PASSWORD = "St-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    private static LocalCassandra cassandra;
    private static Path truststore;

    @BeforeAll
    static void startACassandraThatRequiresTls() throws Exception {
        Path keystore = dir.resolve("server.p12");
        truststore = dir.resolve("clients-trust.p12");
        Path certificate = dir.resolve("server.crt");
        keytool("-genkeypair", "-alias", "cassandra", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "cassandra", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", STORE_PASSWORD, "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "cassandra", "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        cassandra = new LocalCassandra(dir.resolve("cassandra"), ServerArtifacts.load(), "1g", false,
                Optional.of(new LocalCassandra.ClientTls(keystore, STORE_PASSWORD)));
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
        List<String> trust = List.of("-Djavax.net.ssl.trustStore=" + truststore,
                "-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD, "-Djavax.net.ssl.trustStoreType=PKCS12");

        Run seeded = recast(trust, config, "seed", "--events", "300", "--entities", "30");
        Run migrated = recast(trust, config, "migrate", "--from", "1.0", "--to", "1.1", "--yes");
        Run status = recast(trust, config, "status");

        assertEquals(0, seeded.exit(), seeded.output());
        assertEquals(0, migrated.exit(), migrated.output());
        assertTrue(migrated.output().contains("MIGRATED"), migrated.output());
        assertEquals(0, status.exit(), status.output());
        assertTrue(status.output().contains("1.1"), status.output());
        for (Run run : List.of(seeded, migrated, status)) {
            assertFalse(run.output().contains(STORE_PASSWORD), "the trust store's password was printed:\n"
                    + run.output());
        }
    }

    @Test
    void aClientWithoutTlsCannotConnectAndOneThatDoesNotTrustTheCertificateIsToldWhatToDo() throws Exception {
        Run plain = recast(List.of(), config("plain", false), "status");
        Run untrusting = recast(List.of(), config("untrusting", true), "status");

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

    private record Run(int exit, String output) {
    }

    /** {@code recast ARGS} in a JVM of its own, with {@code jvmOptions}. */
    private static Run recast(List<String> jvmOptions, Path config, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RecastCli.class.getName(),
                "--config", config.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "recast", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("recast " + String.join(" ", args) + " did not end in 5 minutes:\n"
                    + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not end");
        assertEquals(0, process.exitValue(), "keytool " + String.join(" ", args) + ":\n" + output);
    }
}
