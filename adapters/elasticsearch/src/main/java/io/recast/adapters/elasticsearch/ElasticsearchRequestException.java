package io.recast.adapters.elasticsearch;

/** Elasticsearch refused a request for a reason that a retry does not fix; the message says what it answered. */
public class ElasticsearchRequestException extends RuntimeException {

    public ElasticsearchRequestException(String message) {
        super(message);
    }
}
