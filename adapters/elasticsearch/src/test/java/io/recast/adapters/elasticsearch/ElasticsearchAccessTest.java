package io.recast.adapters.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ElasticsearchAccessTest {

    private static final String HOSTS = "[https://es.example:9200]";

    @Test
    void aRefusalOfTheCredentialsNamesTheSettingsToCheck() {
        String said = ElasticsearchAccess.refusal(HOSTS, 401, Optional.of("unable to authenticate user [recast]"))
                .orElseThrow();

        assertTrue(said.startsWith("Elasticsearch at " + HOSTS + " refused the credentials (HTTP 401: unable to"
                + " authenticate user [recast])"), said);
        assertTrue(said.contains("recast.elasticsearch.username") && said.contains("recast.elasticsearch.password-file")
                && said.contains("RECAST_ELASTICSEARCH_PASSWORD") && said.contains("recast.elasticsearch.api-key"), said);
    }

    @Test
    void aRefusalOfTheRequestToAnAuthenticatedUserSaysToGrantPrivileges() {
        String said = ElasticsearchAccess.refusal(HOSTS, 403, Optional.empty()).orElseThrow();

        assertTrue(said.contains("(HTTP 403)") && said.contains("grant its role the privileges"), said);
    }

    @Test
    void otherStatusesAreNotSecurityRefusals() {
        assertEquals(Optional.empty(), ElasticsearchAccess.refusal(HOSTS, 404, Optional.empty()));
        assertEquals(Optional.empty(), ElasticsearchAccess.refusal(HOSTS, 503, Optional.empty()));
    }

    @Test
    void aHandshakeThatFailedOnTheCertificateSaysHowToTrustIt() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertificateException("unable to find valid certification path"));

        String said = ElasticsearchAccess.untrustedCertificate(HOSTS, handshake).orElseThrow();

        assertTrue(said.contains("the TLS handshake failed (PKIX path building failed)")
                && said.contains("-Djavax.net.ssl.trustStore=FILE"), said);
    }

    @Test
    void aServerThatIsDownOrAHandshakeCutShortIsNotACertificateProblem() {
        assertEquals(Optional.empty(), ElasticsearchAccess.untrustedCertificate(HOSTS,
                new ConnectException("Connection refused")));
        assertEquals(Optional.empty(), ElasticsearchAccess.untrustedCertificate(HOSTS,
                new SSLHandshakeException("Remote host terminated the handshake")));
    }
}
