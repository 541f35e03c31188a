package io.recast.adapters.elasticsearch;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Elasticsearch.
 *
 * @param url      e.g. {@code http://127.0.0.1:9200} ({@code https} turns TLS on)
 * @param username basic authentication user, if any
 * @param password basic authentication password; never printed
 * @param apiKey   an API key (encoded), used instead of basic authentication when present; never printed
 */
public record ElasticsearchSettings(URI url, Optional<String> username, Optional<String> password,
                                    Optional<String> apiKey) {

    public ElasticsearchSettings {
        Objects.requireNonNull(url, "url");
    }

    /** No authentication. */
    public static ElasticsearchSettings of(String url) {
        return new ElasticsearchSettings(URI.create(url), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "ElasticsearchSettings[url=" + url + ", username=" + username.orElse("-")
                + ", password=" + (password.isPresent() ? "***" : "-")
                + ", apiKey=" + (apiKey.isPresent() ? "***" : "-") + "]";
    }
}
