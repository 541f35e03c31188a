package io.recast.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipFile;

/**
 * Blazegraph 2.1.5 ({@code blazegraph-jar}) in its own JVM. Its {@code java -jar} launcher fails on JDK 9 and later,
 * so the inner {@code NanoSparqlServer} is started directly, with the journal file under {@link #home()}.
 */
public final class LocalBlazegraph extends LocalServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ServerArtifacts artifacts;

    public LocalBlazegraph(Path home, ServerArtifacts artifacts) {
        super("blazegraph", home, Duration.ofSeconds(120));
        this.artifacts = artifacts;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:9999/blazegraph}. */
    public String url() {
        return "http://" + Ports.LOOPBACK + ":" + port("http") + "/blazegraph";
    }

    /** The SPARQL endpoint of a namespace ({@code kb} is created at start). */
    public String sparqlEndpoint(String namespace) {
        return url() + "/namespace/" + namespace + "/sparql";
    }

    @Override
    public String address() {
        return url();
    }

    @Override
    protected List<String> portNames() {
        return List.of("http");
    }

    @Override
    protected boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/status"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    protected Process launch() throws IOException {
        Path jar = artifacts.blazegraphJar();
        Path data = Files.createDirectories(home().resolve("data"));
        Properties store = new Properties();
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry("RWStore.properties"))) {
            store.load(in);
        }
        store.setProperty("com.bigdata.journal.AbstractJournal.file", data.resolve("blazegraph.jnl").toString());
        Path storeFile = home().resolve("RWStore.properties");
        try (OutputStream out = Files.newOutputStream(storeFile)) {
            store.store(out, "Blazegraph journal of Recast's local server");
        }
        List<String> command = List.of(javaExecutable().toString(), "-server", "-Xmx1g",
                "-Djetty.host=" + Ports.LOOPBACK,
                "-Djetty.home=jar:" + jar.toUri() + "!/war",
                "-cp", jar.toString(), "com.bigdata.rdf.sail.webapp.NanoSparqlServer",
                "-jettyXml", "jetty.xml", Integer.toString(port("http")), "kb", storeFile.toString());
        return new ProcessBuilder(command)
                .directory(data.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
    }
}
