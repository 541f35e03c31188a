package io.recast.adapters.rdf;

import io.recast.engine.view.RetryPolicy;
import io.recast.engine.view.SinkUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SPARQL 1.1 updates ({@code POST}, {@code application/sparql-update}) to one endpoint and retries transient
 * failures — connection refused or reset, timeout, HTTP 429 and 5xx — under a {@link RetryPolicy}, logging a WARN per
 * retry. Only send idempotent updates: a retry may repeat one that the server applied before the failure.
 */
final class SparqlUpdateEndpoint {

    private static final Logger log = LoggerFactory.getLogger(SparqlUpdateEndpoint.class);
    private static final int MESSAGE_CHARS = 600;

    private final URI endpoint;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final HttpClient http;

    SparqlUpdateEndpoint(URI endpoint, RetryPolicy retry, Duration requestTimeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    URI uri() {
        return endpoint;
    }

    /**
     * Applies {@code update}, retrying transient failures.
     *
     * @return accepted, or refused for good (HTTP 400: the update itself is wrong)
     * @throws SinkUnavailableException when transient failures lasted past the policy's {@code giveUpAfter}
     * @throws RdfStoreException        when the endpoint refuses for a reason a retry cannot fix (404, 401, ...)
     */
    UpdateResult execute(String update) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/sparql-update; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(update, StandardCharsets.UTF_8))
                .build();
        long firstFailure = 0;
        int attempt = 0;
        while (true) {
            String failure;
            Exception cause = null;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return UpdateResult.ok(status);
                }
                String body = explanation(response.body());
                if (status == 400) {
                    return UpdateResult.refused(status, body);
                }
                if (status != 429 && status / 100 != 5) {
                    throw new RdfStoreException("SPARQL endpoint " + endpoint + " refused the update: HTTP " + status
                            + " " + body + hint(status));
                }
                failure = "HTTP " + status + " " + body;
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RdfStoreException("interrupted while writing to " + endpoint + "; the batch is not saved", e);
            }
            long now = System.nanoTime();
            if (attempt == 0) {
                firstFailure = now;
            }
            attempt++;
            Duration waited = Duration.ofNanos(now - firstFailure);
            Duration left = retry.giveUpAfter().minus(waited);
            if (left.isNegative() || left.isZero()) {
                throw new SinkUnavailableException("SPARQL endpoint " + endpoint + " stayed unavailable for "
                        + seconds(waited) + " (" + attempt + " attempts; last: " + failure + "). Start the store"
                        + " (`recast servers start` for the local Blazegraph) or fix the endpoint URL, then run the"
                        + " projection again: it resumes from its last saved offset.", cause);
            }
            Duration delay = retry.delayBefore(attempt);
            if (delay.compareTo(left) > 0) {
                delay = left;
            }
            log.warn("SPARQL update to {} failed ({}); retry {} in {} ms, {} left of the {} allowed for an outage",
                    endpoint, failure, attempt, delay.toMillis(), seconds(left), seconds(retry.giveUpAfter()));
            sleep(delay);
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case 404 -> ": the namespace does not exist; create it (BlazegraphNamespaces.create) or fix the URL";
            case 401, 403 -> ": the endpoint needs credentials that were not given";
            default -> "";
        };
    }

    /** The server's explanation: the message of its exception if the body is a stack trace, else its start. */
    static String explanation(String body) {
        String text = body == null ? "" : body;
        for (String line : text.split("\n")) {
            int at = line.lastIndexOf("Exception: ");
            if (at >= 0 && !line.startsWith("SPARQL-UPDATE:")) {
                return excerpt(line.substring(at + "Exception: ".length()));
            }
        }
        return excerpt(text);
    }

    private static String excerpt(String body) {
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return text.length() <= MESSAGE_CHARS ? text : text.substring(0, MESSAGE_CHARS) + "...";
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RdfStoreException("interrupted while waiting to retry " + endpoint
                    + "; the batch is not saved", e);
        }
    }
}
