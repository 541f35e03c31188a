package io.recast.adapters.rdf;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Blazegraph's namespace REST API: create (quads, no inference, no text index), drop, test for existence, and the
 * SPARQL endpoint of a namespace. Blazegraph has no namespace alias: the active namespace is configuration.
 */
public final class BlazegraphNamespaces {

    private final URI base;
    private final Optional<String> authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param base     Blazegraph's base URL, e.g. {@code http://127.0.0.1:9999/blazegraph}
     * @param username basic authentication user, if the endpoint sits behind a proxy that asks for it
     * @param password its password
     */
    public BlazegraphNamespaces(URI base, Optional<String> username, Optional<String> password) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.authorization = username.map(u -> "Basic " + Base64.getEncoder()
                .encodeToString((u + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
    }

    public BlazegraphNamespaces(URI base) {
        this(base, Optional.empty(), Optional.empty());
    }

    /** The SPARQL 1.1 query and update endpoint of a namespace. */
    public URI sparqlEndpoint(String namespace) {
        return URI.create(base + "/namespace/" + namespace + "/sparql");
    }

    /** Creates a quad-store namespace; an existing one is left as it is. */
    public NamespaceChange create(String namespace) {
        if (exists(namespace)) {
            return NamespaceChange.UNCHANGED;
        }
        String properties = String.join("\n",
                "com.bigdata.rdf.sail.namespace=" + namespace,
                "com.bigdata.rdf.store.AbstractTripleStore.quads=true",
                "com.bigdata.rdf.store.AbstractTripleStore.statementIdentifiers=false",
                "com.bigdata.rdf.store.AbstractTripleStore.textIndex=false",
                "com.bigdata.rdf.store.AbstractTripleStore.axiomsClass=com.bigdata.rdf.axioms.NoAxioms",
                "com.bigdata.rdf.sail.truthMaintenance=false", "");
        HttpResponse<String> response = send(request(URI.create(base + "/namespace"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(properties)).build());
        require(response, 201, "create namespace " + namespace);
        return NamespaceChange.CREATED;
    }

    /** Drops a namespace and its data; a missing one is left missing. */
    public NamespaceChange drop(String namespace) {
        HttpResponse<String> response = send(request(URI.create(base + "/namespace/" + namespace)).DELETE().build());
        if (response.statusCode() == 404) {
            return NamespaceChange.UNCHANGED;
        }
        require(response, 200, "drop namespace " + namespace);
        return NamespaceChange.DROPPED;
    }

    /** Whether the namespace exists. */
    public boolean exists(String namespace) {
        HttpResponse<String> response = send(request(URI.create(base + "/namespace/" + namespace + "/properties"))
                .GET().build());
        return response.statusCode() == 200;
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RdfStoreException("Blazegraph at " + base + " is unreachable (" + e.getMessage()
                    + "): start it (`recast servers start`) or fix recast.sparql.url", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RdfStoreException("interrupted while calling Blazegraph", e);
        }
    }

    private static void require(HttpResponse<String> response, int expected, String what) {
        if (response.statusCode() != expected) {
            throw new RdfStoreException("Blazegraph could not " + what + ": HTTP " + response.statusCode() + " "
                    + response.body().strip());
        }
    }

    /** What a namespace call changed. */
    public enum NamespaceChange { CREATED, DROPPED, UNCHANGED }
}
