package io.recast.adapters.rdf;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

/** A local HTTP server standing in for a SPARQL endpoint: answers each update with the status a rule gives. */
final class StubSparqlEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final List<String> updates = new CopyOnWriteArrayList<>();

    /** @param status the HTTP status for an update, given its text and how many came before it */
    StubSparqlEndpoint(StatusRule status) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/sparql", exchange -> {
            String update = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int code = status.status(update, updates.size());
            updates.add(update);
            byte[] body = (code == 400
                    ? "SPARQL-UPDATE: updateStr=" + update + "\njava.util.concurrent.ExecutionException:"
                            + " org.openrdf.query.MalformedQueryException: poisoned literal\n\tat x.y(Z.java:1)"
                    : "status " + code).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sparql");
    }

    /** The updates received, in order. */
    List<String> updates() {
        return updates;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The status for one update. */
    @FunctionalInterface
    interface StatusRule {
        int status(String update, int before);

        static StatusRule always(int status) {
            return (update, before) -> status;
        }

        static StatusRule of(ToIntFunction<String> byText) {
            return (update, before) -> byText.applyAsInt(update);
        }
    }
}
