package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.junit.RealServers;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recast against an Elasticsearch that requires HTTPS and credentials, as one with security enabled does: the local
 * Elasticsearch (which has no security module) behind {@link AuthenticatingTlsProxy}, its certificate self-signed and
 * trusted through {@code javax.net.ssl.trustStore}. The migration writes the read model with a password read from a
 * file or from the environment, and a reindex with an API key; the documents land in the real Elasticsearch. A wrong
 * password, and a JVM that does not trust the certificate, fail with a message that says what to fix. The secrets
 * appear in no output, report or file a run leaves. Each run is a JVM of its own.
 */
@RealServers
class ElasticsearchCredentialsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENTITIES = 30;
    private static final AuthenticatingTlsProxy.Accepted ACCEPTED = new AuthenticatingTlsProxy.Accepted(
            "recast_writer", "Pw-" + UUID.randomUUID(), "Ak-" + UUID.randomUUID());

    @TempDir
    static Path dir;

    private static int cassandraPort;
    private static CqlSession session;
    private static SelfSignedCertificate certificate;
    private static AuthenticatingTlsProxy proxy;
    private static RestClient elasticsearch;
    private static String elasticsearchUrl;

    @BeforeAll
    static void startAnElasticsearchThatRequiresTlsAndCredentials(LocalCassandra cassandra, LocalElasticsearch es)
            throws Exception {
        cassandraPort = cassandra.nativePort();
        session = CassandraSessions.open(CassandraSettings.local("127.0.0.1", cassandraPort, LocalCassandra.DATACENTER,
                "system"));
        certificate = SelfSignedCertificate.generate(dir, "elasticsearch");
        proxy = AuthenticatingTlsProxy.start(URI.create(es.url()), certificate, ACCEPTED);
        elasticsearchUrl = es.url();
        elasticsearch = RestClient.builder(HttpHost.create(elasticsearchUrl)).build();
    }

    @AfterAll
    static void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (elasticsearch != null) {
            elasticsearch.close();
        }
        if (session != null) {
            session.close();
        }
    }

    @Test
    void migratesIntoElasticsearchOverTlsWithThePasswordFromAFileAndNeverPrintsIt() throws Exception {
        Path config = seededJournal("es_password_file", "recast.elasticsearch.username = " + ACCEPTED.username()
                + "\nrecast.elasticsearch.password-file = \"" + passwordFile("right", ACCEPTED.password()) + "\"\n");
        Path report = dir.resolve("es_password_file-report.json");
        int forwardedBefore = proxy.forwarded();

        RecastJvm.Run migrated = RecastJvm.run(dir, certificate.trustingJvmOptions(), Map.of(), "--config",
                config.toString(), "migrate", "--from", "1.0", "--to", "1.1", "--yes", "--report", report.toString());

        assertEquals(0, migrated.exit(), migrated.output());
        assertTrue(migrated.output().contains("MIGRATED"), migrated.output());
        assertTrue(proxy.forwarded() > forwardedBefore, "the migration went through the proxy");
        assertTheRealElasticsearchHoldsEveryEntityOfTheJournal("es_password_file");
        assertSecretsAppearNowhere(migrated, Files.readString(report));
    }

    @Test
    void migratesWithTheCredentialsFromTheEnvironmentAndReindexesWithAnApiKey() throws Exception {
        Path config = seededJournal("es_environment", "");

        RecastJvm.Run migrated = RecastJvm.run(dir, certificate.trustingJvmOptions(), Map.of(
                        "RECAST_ELASTICSEARCH_USERNAME", ACCEPTED.username(),
                        "RECAST_ELASTICSEARCH_PASSWORD", ACCEPTED.password()),
                "--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1", "--yes");
        RecastJvm.Run reindexed = RecastJvm.run(dir, certificate.trustingJvmOptions(), Map.of(
                        "RECAST_ELASTICSEARCH_API_KEY", ACCEPTED.apiKey()),
                "--config", config.toString(), "reindex", "elasticsearch");

        assertEquals(0, migrated.exit(), migrated.output());
        assertEquals(0, reindexed.exit(), reindexed.output());
        assertEquals("es_environment_resources_v2", aliasTarget("es_environment_resources"), reindexed.output());
        assertTheRealElasticsearchHoldsEveryEntityOfTheJournal("es_environment");
        assertSecretsAppearNowhere(migrated);
        assertSecretsAppearNowhere(reindexed);
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessageThatNamesTheSettingsAndNeverPrintsIt() throws Exception {
        String wrong = "Wrong-" + UUID.randomUUID();
        Path config = seededJournal("es_wrong_password", "recast.elasticsearch.username = " + ACCEPTED.username()
                + "\nrecast.elasticsearch.password-file = \"" + passwordFile("wrong", wrong) + "\"\n");
        int refusedBefore = proxy.refused();

        RecastJvm.Run migrate = RecastJvm.run(dir, certificate.trustingJvmOptions(), Map.of(), "--config",
                config.toString(), "migrate", "--from", "1.0", "--to", "1.1", "--yes");
        RecastJvm.Run reindex = RecastJvm.run(dir, certificate.trustingJvmOptions(), Map.of(), "--config",
                config.toString(), "reindex", "elasticsearch");

        assertTrue(proxy.refused() > refusedBefore, "the proxy refused the credentials");
        for (RecastJvm.Run refused : List.of(migrate, reindex)) {
            assertNotEquals(0, refused.exit(), refused.output());
            assertTrue(refused.output().contains("Elasticsearch at [" + proxy.url() + "] refused the credentials"
                            + " (HTTP 401")
                    && refused.output().contains("recast.elasticsearch.password-file"),
                    "the error says which settings to check:\n" + refused.output());
            assertAppearNowhere(refused, List.of(wrong));
        }
        assertFalse(indexExists("es_wrong_password_resources_v1"), "nothing reached Elasticsearch");
        System.out.println("refused (migrate): " + lineWith(migrate, "refused the credentials"));
        System.out.println("refused (reindex): " + lineWith(reindex, "refused the credentials"));
    }

    @Test
    void aJvmThatDoesNotTrustTheCertificateIsToldHowToTrustIt() throws Exception {
        Path config = seededJournal("es_untrusted", "recast.elasticsearch.username = " + ACCEPTED.username()
                + "\nrecast.elasticsearch.password-file = \"" + passwordFile("untrusted", ACCEPTED.password())
                + "\"\n");

        RecastJvm.Run untrusting = RecastJvm.run(dir, List.of(), Map.of(), "--config", config.toString(), "migrate",
                "--from", "1.0", "--to", "1.1", "--yes");

        assertNotEquals(0, untrusting.exit(), "a JVM that does not trust the certificate connected:\n"
                + untrusting.output());
        assertTrue(untrusting.output().contains("TLS handshake failed")
                        && untrusting.output().contains("-Djavax.net.ssl.trustStore=FILE"),
                "the error says how to trust the certificate:\n" + untrusting.output());
        assertSecretsAppearNowhere(untrusting);
        System.out.println("untrusted: " + lineWith(untrusting, "TLS handshake failed"));
    }

    /** A fresh keyspace with a seeded legacy journal and a config whose read model is the index behind the proxy. */
    private static Path seededJournal(String keyspace, String credentials) throws Exception {
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace + "_snapshot");
        elasticsearch.performRequest(new Request("DELETE", "/" + keyspace + "_resources_v*"));
        Path config = dir.resolve(keyspace + ".conf");
        Files.writeString(config, "recast.cassandra.contact-points = \"127.0.0.1:" + cassandraPort + "\"\n"
                + "recast.cassandra.keyspace = " + keyspace + "\n"
                + "recast.preflight.at-rest-seconds = 1\n"
                + "recast.views.enabled = elasticsearch\n"
                + "recast.elasticsearch.url = \"" + proxy.url() + "\"\n"
                + credentials);
        MigrationUnderTest.Result seeded = MigrationUnderTest.recast("--config", config.toString(), "seed",
                "--events", "300", "--entities", String.valueOf(ENTITIES));
        assertEquals(0, seeded.exit(), seeded.output());
        return config;
    }

    private static Path passwordFile(String name, String password) throws IOException {
        Path file = dir.resolve(name + ".password");
        Files.writeString(file, password + "\n");
        return file;
    }

    /**
     * {@code recast verify}, without the proxy: the index that serves in the real Elasticsearch holds, entity by
     * entity, what the journal folds into.
     */
    private static void assertTheRealElasticsearchHoldsEveryEntityOfTheJournal(String keyspace) throws IOException {
        Path direct = dir.resolve(keyspace + "-direct.conf");
        Files.writeString(direct, Files.readString(dir.resolve(keyspace + ".conf"))
                + "recast.elasticsearch.url = \"" + elasticsearchUrl + "\"\n"
                + "recast.elasticsearch.username = \"\"\nrecast.elasticsearch.password-file = \"\"\n");
        MigrationUnderTest.Result verified = MigrationUnderTest.recast("--config", direct.toString(), "verify");
        assertEquals(0, verified.exit(), verified.output());
        assertTrue(verified.output().contains("ok       elasticsearch"), verified.output());
    }

    private static String aliasTarget(String alias) throws IOException {
        return read(new Request("GET", "/_alias/" + alias)).fieldNames().next();
    }

    private static boolean indexExists(String index) throws IOException {
        return elasticsearch.performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200;
    }

    private static JsonNode read(Request request) throws IOException {
        return JSON.readTree(elasticsearch.performRequest(request).getEntity().getContent());
    }

    private static String lineWith(RecastJvm.Run run, String text) {
        return run.output().lines().filter(line -> line.contains(text)).findFirst().orElse("");
    }

    /** Neither the password, nor the header that carries it, nor the API key, in the output or the files given. */
    private static void assertSecretsAppearNowhere(RecastJvm.Run run, String... files) throws IOException {
        assertAppearNowhere(run, List.of(ACCEPTED.password(), ACCEPTED.basicAuthorization().substring("Basic ".length()),
                ACCEPTED.apiKey()), files);
    }

    /** None of the secrets in what the run printed, in the files it left in its directory, or in the files given. */
    private static void assertAppearNowhere(RecastJvm.Run run, List<String> secrets, String... files)
            throws IOException {
        List<String> texts = new ArrayList<>(List.of(files));
        texts.add(run.output());
        try (Stream<Path> left = Files.walk(run.directory())) {
            for (Path file : left.filter(Files::isRegularFile).toList()) {
                texts.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        for (String text : texts) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "a secret was printed or written:\n" + text);
            }
        }
    }
}
