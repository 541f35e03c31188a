package io.recast.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Elasticsearch from its {@code integ-test-zip} distribution (Maven Central), single node, security off, bound to
 * 127.0.0.1. That distribution has no analysis-common, ingest or painless modules: mappings use the standard analyzer.
 *
 * <p>Elasticsearch refuses to run as root. When Recast runs as root, the server runs as the system user
 * {@value #SYSTEM_USER} (created on first use), and if the home folder is not reachable for other users (a home
 * under {@code /root}, say) its files live under {@code /var/tmp} instead, in a folder named after the home.
 */
public final class LocalElasticsearch extends LocalServer {

    /** The system user that runs Elasticsearch when Recast runs as root. */
    public static final String SYSTEM_USER = "recast-es";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ServerArtifacts artifacts;
    private final Path runtime;

    public LocalElasticsearch(Path home, ServerArtifacts artifacts) {
        super("elasticsearch", home, Duration.ofSeconds(180));
        this.artifacts = artifacts;
        this.runtime = runtimeFolder(home().toAbsolutePath().normalize());
    }

    /** The HTTP URL, e.g. {@code http://127.0.0.1:9200}. */
    public String url() {
        return "http://" + Ports.LOOPBACK + ":" + port("http");
    }

    @Override
    public String address() {
        return url();
    }

    @Override
    public Path logFile() {
        Path serverLog = runtime.resolve("logs").resolve("recast-local.log");
        return Files.isRegularFile(serverLog) ? serverLog : runtime.resolve("logs").resolve("launcher.out");
    }

    @Override
    protected List<String> portNames() {
        return List.of("http", "transport");
    }

    @Override
    protected boolean isReady() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/_cluster/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return response.statusCode() == 200
                    && (body.contains("\"status\":\"green\"") || body.contains("\"status\":\"yellow\""));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    protected Process launch() throws IOException {
        Path dist = unpack();
        Path data = Files.createDirectories(runtime.resolve("data"));
        Path logs = Files.createDirectories(runtime.resolve("logs"));
        Path tmp = Files.createDirectories(runtime.resolve("tmp"));
        Files.writeString(dist.resolve("config/elasticsearch.yml"), String.join("\n",
                "cluster.name: recast-local",
                "node.name: recast-local-1",
                "path.data: " + data,
                "path.logs: " + logs,
                "network.host: " + Ports.LOOPBACK,
                "http.port: " + port("http"),
                "transport.port: " + port("transport"),
                "discovery.type: single-node",
                "xpack.security.enabled: false",
                "action.destructive_requires_name: false",
                ""));
        Path jvmOptions = Files.createDirectories(dist.resolve("config/jvm.options.d"));
        Files.writeString(jvmOptions.resolve("heap.options"), "-Xms512m\n-Xmx512m\n");
        Path pidFile = runtime.resolve("elasticsearch.pid");
        Files.deleteIfExists(pidFile);

        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            ensureSystemUser();
            run("chown", "-R", SYSTEM_USER + ":" + SYSTEM_USER, runtime.toString());
            command.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        command.addAll(List.of("env", "ES_JAVA_HOME=" + javaHome(), "ES_TMPDIR=" + tmp,
                dist.resolve("bin/elasticsearch").toString(), "-d", "-p", pidFile.toString()));
        return new ProcessBuilder(command)
                .directory(runtime.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("launcher.out").toFile()))
                .start();
    }

    /** With {@code -d} the launcher detaches once the node runs; the server's pid is in its pid file. */
    @Override
    protected long serverPid(Process launched) {
        Path pidFile = runtime.resolve("elasticsearch.pid");
        try {
            if (!launched.waitFor(180, TimeUnit.SECONDS)) {
                launched.destroyForcibly();
                throw new ServerStartException("elasticsearch did not detach within 180 s:\n" + logTail());
            }
            if (launched.exitValue() != 0 || !Files.isRegularFile(pidFile)) {
                throw new ServerStartException("elasticsearch failed to start (exit " + launched.exitValue()
                        + "). Last lines of its logs:\n" + logTail());
            }
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted while starting elasticsearch", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path unpack() throws IOException {
        String version = artifacts.version("elasticsearch");
        Path dist = runtime.resolve("elasticsearch-" + version);
        Path marker = dist.resolve(".unpacked");
        if (Files.isRegularFile(marker)) {
            return dist;
        }
        Files.createDirectories(runtime);
        try (ZipFile zip = new ZipFile(artifacts.elasticsearchZip().toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                Path target = runtime.resolve(entry.getName()).normalize();
                if (!target.startsWith(runtime)) {
                    throw new IOException("Refusing zip entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                if (entry.getName().contains("/bin/")) {
                    target.toFile().setExecutable(true, false);
                }
            }
        }
        Files.writeString(marker, version);
        return dist;
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path runtimeFolder(Path home) {
        if (!runningAsRoot() || reachableByOthers(home)) {
            return home;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(home.toString().getBytes(StandardCharsets.UTF_8));
            return Path.of("/var/tmp", "recast-elasticsearch-" + HexFormat.of().formatHex(digest, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether every existing ancestor of the folder can be traversed by other users. */
    private static boolean reachableByOthers(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                    if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                        return false;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void ensureSystemUser() throws IOException {
        if (run("id", "-u", SYSTEM_USER) == 0) {
            return;
        }
        int exit = run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER);
        if (exit != 0 && run("id", "-u", SYSTEM_USER) != 0) {
            throw new ServerStartException("Elasticsearch refuses to run as root and the system user " + SYSTEM_USER
                    + " could not be created (useradd exit " + exit + "): create it, or run Recast as another user.");
        }
    }

    private static int run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
