package io.recast.adapters.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds the official Java client from {@link ElasticsearchSettings}; close the returned handle when done. */
public final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    /** A client and the transport it owns. */
    public record Handle(ElasticsearchClient client, RestClientTransport transport) implements AutoCloseable {
        @Override
        public void close() {
            try {
                transport.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static Handle open(ElasticsearchSettings settings) {
        HttpHost host = HttpHost.create(settings.url().toString());
        RestClientBuilder builder = RestClient.builder(host);
        if (settings.apiKey().isPresent()) {
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + settings.apiKey().get())});
        } else if (settings.username().isPresent()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY,
                    new UsernamePasswordCredentials(settings.username().get(), settings.password().orElse("")));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        RestClientTransport transport = new RestClientTransport(builder.build(), new JacksonJsonpMapper());
        return new Handle(new ElasticsearchClient(transport), transport);
    }
}
