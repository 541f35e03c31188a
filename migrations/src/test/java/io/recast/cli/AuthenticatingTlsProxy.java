package io.recast.cli;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * What Elasticsearch's security enforces on the wire, in front of a local Elasticsearch that has none: HTTPS with a
 * certificate of the test's making, and a request without accepted credentials ({@code Authorization: Basic} with the
 * user's password, or {@code Authorization: ApiKey} with the key) answered {@code 401} with
 * {@code WWW-Authenticate: Basic realm="security"} and a {@code security_exception} as Elasticsearch writes it.
 * Accepted requests go to the real Elasticsearch over plain HTTP as they came (method, path, query, headers but the
 * credentials, body), and its answers come back as they went (status, headers such as {@code X-Elastic-Product},
 * body).
 */
final class AuthenticatingTlsProxy implements AutoCloseable {

    /** Headers that the JDK's client sets itself, or that belong to one hop. */
    private static final Set<String> NOT_FORWARDED = Set.of("authorization", "connection", "content-length", "expect",
            "host", "upgrade", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-authorization");
    private static final String CHALLENGE = "Basic realm=\"security\", charset=\"UTF-8\"";

    /**
     * What the proxy accepts.
     *
     * @param username the user of basic authentication
     * @param password that user's password
     * @param apiKey   the encoded API key, as a client sends it after {@code ApiKey }
     */
    record Accepted(String username, String password, String apiKey) {

        /** The value of an {@code Authorization} header that carries these basic credentials. */
        String basicAuthorization() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpsServer server;
    private final ExecutorService handlers;
    private final HttpClient upstream;
    private final URI elasticsearch;
    private final Accepted accepted;
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private AuthenticatingTlsProxy(HttpsServer server, ExecutorService handlers, URI elasticsearch,
                                   Accepted accepted) {
        this.server = server;
        this.handlers = handlers;
        this.elasticsearch = elasticsearch;
        this.accepted = accepted;
        this.upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A proxy on a free port of 127.0.0.1, serving with the certificate, in front of {@code elasticsearch}. */
    static AuthenticatingTlsProxy start(URI elasticsearch, SelfSignedCertificate certificate, Accepted accepted)
            throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext(certificate)));
        ExecutorService handlers = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "es-security-proxy");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        AuthenticatingTlsProxy proxy = new AuthenticatingTlsProxy(server, handlers, elasticsearch, accepted);
        server.createContext("/", proxy::handle);
        server.start();
        return proxy;
    }

    /** The URL that clients are given, e.g. {@code https://127.0.0.1:50123}. */
    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests that carried accepted credentials and went to Elasticsearch. */
    int forwarded() {
        return forwarded.get();
    }

    /** Requests answered 401. */
    int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!accepts(authorization)) {
                refused.incrementAndGet();
                refuse(exchange, authorization);
                return;
            }
            forwarded.incrementAndGet();
            forward(exchange, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        return same(authorization, accepted.basicAuthorization()) || same(authorization, "ApiKey " + accepted.apiKey());
    }

    /** A comparison whose time does not tell how much of the secret matched. */
    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers as Elasticsearch's security does; the reason names the user, never the password. */
    private void refuse(HttpExchange exchange, String authorization) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String reason = authorization == null ? "missing authentication credentials for REST request [" + path + "]"
                : "unable to authenticate user [" + userOf(authorization) + "] for REST request [" + path + "]";
        String error = "{\"type\":\"security_exception\",\"reason\":" + quote(reason)
                + ",\"header\":{\"WWW-Authenticate\":[" + quote(CHALLENGE) + ",\"ApiKey\"]}}";
        byte[] json = ("{\"error\":{\"root_cause\":[" + error + "]," + error.substring(1) + ",\"status\":401}")
                .getBytes(StandardCharsets.UTF_8);
        Headers headers = exchange.getResponseHeaders();
        headers.add("WWW-Authenticate", CHALLENGE);
        headers.add("WWW-Authenticate", "ApiKey");
        headers.set("Content-Type", "application/json");
        headers.set("X-Elastic-Product", "Elasticsearch");
        send(exchange, 401, json);
    }

    private static String userOf(String authorization) {
        if (!authorization.startsWith("Basic ")) {
            return "_api_key";
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            return decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : "";
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI requested = exchange.getRequestURI();
        URI target = URI.create(elasticsearch.toString().replaceAll("/+$", "") + requested.getRawPath()
                + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        HttpResponse<byte[]> answer = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        answer.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        });
        send(exchange, answer.statusCode(), answer.body());
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean bodiless = exchange.getRequestMethod().equals("HEAD") || body.length == 0;
        exchange.sendResponseHeaders(status, bodiless ? -1 : body.length);
        if (!bodiless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static SSLContext sslContext(SelfSignedCertificate certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificate.keystore())) {
            keys.load(in, certificate.password().toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, certificate.password().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
