package io.recast.adapters.elasticsearch;

import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.elasticsearch.client.RestClient;

/**
 * What to tell the operator when Elasticsearch's security refuses Recast: credentials it does not accept (401), a
 * user without the privileges (403), or a certificate that this JVM does not trust. None of these is fixed by a
 * retry; the messages name the settings to change and never hold a credential.
 */
public final class ElasticsearchAccess {

    private ElasticsearchAccess() {
    }

    /** The client's nodes as operators write them, e.g. {@code [https://es.example:9200]}. */
    public static String hosts(RestClient client) {
        return client.getNodes().stream().map(node -> node.getHost().toURI()).toList().toString();
    }

    /**
     * The explanation of an answer that security refused, or empty when the status is not 401 or 403.
     *
     * @param hosts  the Elasticsearch nodes, as the client names them
     * @param status the HTTP status
     * @param reason Elasticsearch's reason ({@code error.reason}), if any
     */
    public static Optional<String> refusal(String hosts, int status, Optional<String> reason) {
        String answered = "HTTP " + status + reason.map(text -> ": " + text).orElse("");
        return switch (status) {
            case 401 -> Optional.of("Elasticsearch at " + hosts + " refused the credentials (" + answered + "):"
                    + " check recast.elasticsearch.username with recast.elasticsearch.password or"
                    + " recast.elasticsearch.password-file (RECAST_ELASTICSEARCH_USERNAME, RECAST_ELASTICSEARCH_PASSWORD,"
                    + " RECAST_ELASTICSEARCH_PASSWORD_FILE), or recast.elasticsearch.api-key"
                    + " (RECAST_ELASTICSEARCH_API_KEY)");
            case 403 -> Optional.of("Elasticsearch at " + hosts + " authenticated the configured user but denied it"
                    + " this request (" + answered + "): grant its role the privileges on the read model's indices"
                    + " and their alias (recast.views.index and its versions _v1, _v2, ...: create, write, read, manage"
                    + " and delete them)");
            default -> Optional.empty();
        };
    }

    /**
     * The explanation of a failure to connect because the server's certificate is not trusted (or does not name the
     * host), or empty when the failure is something else (a server that is down is retried, this is not).
     */
    public static Optional<String> untrustedCertificate(String hosts, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException || cause instanceof SSLPeerUnverifiedException) {
                return Optional.of("Elasticsearch at " + hosts + ": the TLS handshake failed (" + failure.getMessage()
                        + "): this JVM must trust the server's certificate and the certificate must name the host of"
                        + " recast.elasticsearch.url; import the certificate (or its CA's) into a trust store and"
                        + " start Recast with -Djavax.net.ssl.trustStore=FILE -Djavax.net.ssl.trustStorePassword=PASSWORD"
                        + " (for the recast script, in RECAST_JAVA_OPTS)");
            }
        }
        return Optional.empty();
    }
}
