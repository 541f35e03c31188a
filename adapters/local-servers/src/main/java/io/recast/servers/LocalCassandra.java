package io.recast.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Apache Cassandra ({@code cassandra-all} from Maven Central) in its own JVM: single node, Murmur3 partitioner,
 * datacenter {@code datacenter1}, bound to 127.0.0.1. Cassandra 5.0 runs on JDK 11 or 17 only.
 */
public final class LocalCassandra extends LocalServer {

    /** The datacenter name that clients must use as local datacenter. */
    public static final String DATACENTER = "datacenter1";

    private static final List<String> ADD_EXPORTS = List.of("java.base/jdk.internal.misc",
            "java.management.rmi/com.sun.jmx.remote.internal.rmi", "java.rmi/sun.rmi.registry",
            "java.rmi/sun.rmi.server", "java.sql/java.sql", "java.base/java.lang.ref", "jdk.unsupported/sun.misc",
            "jdk.compiler/com.sun.tools.javac.file", "jdk.attach/sun.tools.attach");
    private static final List<String> ADD_OPENS = List.of("java.base/java.lang.module",
            "java.base/jdk.internal.loader", "java.base/jdk.internal.ref", "java.base/jdk.internal.reflect",
            "java.base/jdk.internal.math", "java.base/jdk.internal.module", "java.base/jdk.internal.util.jar",
            "jdk.management/com.sun.management.internal", "java.base/sun.nio.ch", "java.base/java.io",
            "java.base/java.lang.reflect", "jdk.compiler/com.sun.tools.javac", "java.base/java.lang",
            "java.base/java.util");

    private final ServerArtifacts artifacts;
    private final String heap;
    private final boolean passwordAuthentication;
    private final java.util.Optional<ClientTls> clientTls;

    /**
     * TLS on the native transport, required of every client: the server's key and certificate in a PKCS12 key store.
     *
     * @param keystore         the key store
     * @param keystorePassword its password (and the key's)
     */
    public record ClientTls(Path keystore, String keystorePassword) {
    }

    public LocalCassandra(Path home, ServerArtifacts artifacts) {
        this(home, artifacts, "2g", false);
    }

    /**
     * @param heap                   the JVM heap, e.g. {@code 512m}
     * @param passwordAuthentication whether to require {@code PasswordAuthenticator} (user cassandra/cassandra)
     */
    public LocalCassandra(Path home, ServerArtifacts artifacts, String heap, boolean passwordAuthentication) {
        this(home, artifacts, heap, passwordAuthentication, java.util.Optional.empty());
    }

    /** As above, with TLS required on the native transport when {@code clientTls} is given. */
    public LocalCassandra(Path home, ServerArtifacts artifacts, String heap, boolean passwordAuthentication,
                          java.util.Optional<ClientTls> clientTls) {
        super("cassandra", home, Duration.ofSeconds(180));
        this.artifacts = artifacts;
        this.heap = heap;
        this.passwordAuthentication = passwordAuthentication;
        this.clientTls = clientTls;
    }

    /** The CQL (native transport) port. */
    public int nativePort() {
        return port("native");
    }

    @Override
    public String address() {
        return Ports.LOOPBACK + ":" + nativePort();
    }

    @Override
    protected List<String> portNames() {
        return List.of("native", "storage");
    }

    @Override
    protected boolean isReady() {
        return Ports.accepts(nativePort());
    }

    @Override
    protected Process launch() throws IOException {
        Path data = home().resolve("data");
        for (String dir : List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw")) {
            Files.createDirectories(data.resolve(dir));
        }
        Path yaml = home().resolve("cassandra.yaml");
        Files.writeString(yaml, String.join("\n",
                "cluster_name: recast-local",
                "num_tokens: 1",
                "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
                "endpoint_snitch: SimpleSnitch",
                "commitlog_sync: periodic",
                "commitlog_sync_period: 10000ms",
                "seed_provider:",
                "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
                "    parameters:",
                "      - seeds: \"127.0.0.1:" + port("storage") + "\"",
                "listen_address: 127.0.0.1",
                "rpc_address: 127.0.0.1",
                "storage_port: " + port("storage"),
                "native_transport_port: " + nativePort(),
                "start_native_transport: true",
                "data_file_directories:",
                "  - " + data.resolve("data"),
                "commitlog_directory: " + data.resolve("commitlog"),
                "saved_caches_directory: " + data.resolve("saved_caches"),
                "hints_directory: " + data.resolve("hints"),
                "cdc_raw_directory: " + data.resolve("cdc_raw"),
                "authenticator: " + (passwordAuthentication ? "PasswordAuthenticator" : "AllowAllAuthenticator"),
                "authorizer: " + (passwordAuthentication ? "CassandraAuthorizer" : "AllowAllAuthorizer"),
                clientTls.map(tls -> String.join("\n",
                        "client_encryption_options:",
                        "  enabled: true",
                        "  optional: false",
                        "  keystore: " + tls.keystore().toAbsolutePath(),
                        "  keystore_password: \"" + tls.keystorePassword() + "\"",
                        "  store_type: PKCS12",
                        "  require_client_auth: false"))
                        .orElse("client_encryption_options:\n  enabled: false"),
                "batch_size_warn_threshold: 64KiB",
                "batch_size_fail_threshold: 640KiB",
                // cell data of memtables off the heap: bulk writes of wide tag_views partitions (the tag view rebuild
                // writes 600,000 rows in 20 s) ran a 2 GB heap out of memory with on-heap memtables
                "memtable_allocation_type: offheap_objects",
                "memtable_heap_space: 256MiB",
                "memtable_offheap_space: 768MiB",
                "memtable_flush_writers: 2",
                "") );
        Path logback = home().resolve("logback.xml");
        Files.writeString(logback, String.join("\n",
                "<configuration scan=\"false\">",
                "  <appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
                "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>",
                "  </appender>",
                "  <root level=\"INFO\"><appender-ref ref=\"STDOUT\"/></root>",
                "</configuration>", ""));
        List<Path> classpath = artifacts.cassandraClasspath();
        Path jamm = classpath.stream().filter(p -> p.getFileName().toString().startsWith("jamm-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("jamm is missing from cassandra-all's classpath"));

        List<String> command = new ArrayList<>();
        command.add(cassandraJava().toString());
        command.addAll(List.of("-Xms" + heap, "-Xmx" + heap, "-Xss256k", "-XX:+UseG1GC",
                "-javaagent:" + jamm,
                "-Dcassandra.config=" + yaml.toUri(),
                "-Dlogback.configurationFile=" + logback,
                "-XX:+ExitOnOutOfMemoryError",
                "-Dcassandra.storagedir=" + data,
                "-Dcassandra.logdir=" + home().resolve("logs"),
                "-Dcassandra-foreground=yes",
                "-Dcassandra.jmx.local.port=" + Ports.free(),
                "-Djava.net.preferIPv4Stack=true",
                "-Djdk.attach.allowAttachSelf=true",
                "-Dio.netty.tryReflectionSetAccessible=true",
                "-Dio.netty.allocator.useCacheForAllThreads=true",
                "-Dio.netty.allocator.maxOrder=11"));
        ADD_EXPORTS.forEach(x -> command.add("--add-exports=" + x + "=ALL-UNNAMED"));
        ADD_OPENS.forEach(x -> command.add("--add-opens=" + x + "=ALL-UNNAMED"));
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        command.add("org.apache.cassandra.service.CassandraDaemon");

        return new ProcessBuilder(command)
                .directory(home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
    }

    /** Cassandra 5.0 supports JDK 11 and 17: the running JDK if it is one, else {@code RECAST_CASSANDRA_JAVA_HOME}. */
    private static Path cassandraJava() {
        Optional<String> configured = Optional.ofNullable(System.getenv("RECAST_CASSANDRA_JAVA_HOME"));
        if (configured.isPresent()) {
            return Path.of(configured.get(), "bin", "java");
        }
        int feature = Runtime.version().feature();
        if (feature == 11 || feature == 17) {
            return javaExecutable();
        }
        throw new ServerStartException("Cassandra 5.0 runs on JDK 11 or 17 only, and Recast runs on JDK " + feature
                + ": set RECAST_CASSANDRA_JAVA_HOME to a JDK 17.");
    }
}
