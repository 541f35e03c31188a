package io.recast.adapters.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recast.engine.view.RetryPolicy;
import io.recast.engine.view.SinkUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to Elasticsearch's REST API through the low-level client, retried under a {@link RetryPolicy} while
 * Elasticsearch is unreachable or answers with a transient status (429, 502, 503, 504).
 */
final class ElasticsearchCalls {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchCalls.class);
    private static final Set<Integer> TRANSIENT = Set.of(429, 502, 503, 504);

    private final RestClient client;
    private final RetryPolicy retry;

    ElasticsearchCalls(RestClient client, RetryPolicy retry) {
        this.client = client;
        this.retry = retry;
    }

    /** An answer: its status and body (parsed, or null when empty). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A request with a JSON body; retried on transient failures; any status is returned as an answer. */
    Answer call(String method, String path, byte[] body, String contentType, String what) {
        long firstFailure = 0;
        int attempt = 0;
        while (true) {
            String failure;
            try {
                Request request = new Request(method, path);
                if (body != null) {
                    request.setEntity(new ByteArrayEntity(body, ContentType.create(contentType)));
                }
                Response response = client.performRequest(request);
                return answer(response.getStatusLine().getStatusCode(), response.getEntity());
            } catch (ResponseException e) {
                int status = e.getResponse().getStatusLine().getStatusCode();
                if (!TRANSIENT.contains(status)) {
                    Answer answer;
                    try {
                        answer = answer(status, e.getResponse().getEntity());
                    } catch (IOException unreadable) {
                        answer = new Answer(status, null);
                    }
                    throwIfSecurityRefused(answer, what);
                    return answer;
                }
                failure = "HTTP " + status;
            } catch (IOException e) {
                Optional<String> untrusted = ElasticsearchAccess.untrustedCertificate(hosts(), e);
                if (untrusted.isPresent()) {
                    throw new ElasticsearchRequestException(untrusted.get());
                }
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            long now = System.nanoTime();
            if (firstFailure == 0) {
                firstFailure = now;
            }
            Duration waited = Duration.ofNanos(now - firstFailure);
            if (waited.compareTo(retry.giveUpAfter()) >= 0) {
                throw new SinkUnavailableException("Elasticsearch (" + hosts() + ") did not answer " + what + " for "
                        + waited.toSeconds() + " s (" + attempt + " retries; last: " + failure + "). Start it "
                        + "(`recast servers start`) or fix recast.elasticsearch.url, or raise "
                        + "recast.views.give-up-after; a new run resumes from the last saved offset.", null);
            }
            attempt++;
            Duration delay = retry.delayBefore(attempt);
            log.warn("Elasticsearch {}: {}; waiting for it, retry {} in {} ms", what, failure, attempt,
                    delay.toMillis());
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkUnavailableException("Interrupted while waiting for Elasticsearch", e);
            }
        }
    }

    /** A JSON request that must succeed. */
    JsonNode require(String method, String path, JsonNode body, String what) {
        Answer answer = call(method, path, body == null ? null : bytes(body), "application/json", what);
        if (!answer.ok()) {
            throw new ElasticsearchRequestException("Elasticsearch refused to " + what + ": HTTP " + answer.status()
                    + " " + (answer.body() == null ? "" : answer.body().path("error").toString()));
        }
        return answer.body();
    }

    /** Security's refusals (401, 403) are not the caller's to judge: no request goes through until they are fixed. */
    private void throwIfSecurityRefused(Answer answer, String what) {
        Optional<String> reason = Optional.ofNullable(answer.body()).map(body -> body.path("error").path("reason"))
                .filter(JsonNode::isTextual).map(JsonNode::asText);
        Optional<String> refusal = ElasticsearchAccess.refusal(hosts(), answer.status(), reason);
        if (refusal.isPresent()) {
            throw new ElasticsearchRequestException(refusal.get() + " (the request: " + what + ")");
        }
    }

    private String hosts() {
        return ElasticsearchAccess.hosts(client);
    }

    private static Answer answer(int status, HttpEntity entity) throws IOException {
        if (entity == null) {
            return new Answer(status, null);
        }
        try (InputStream in = entity.getContent()) {
            byte[] bytes = in.readAllBytes();
            return new Answer(status, bytes.length == 0 ? null : JSON.readTree(bytes));
        } finally {
            EntityUtils.consumeQuietly(entity);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
