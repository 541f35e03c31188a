package io.recast.servers;

import java.nio.file.Path;
import java.util.List;

/**
 * The three local servers that share one base folder: {@code <base>/cassandra}, {@code <base>/elasticsearch},
 * {@code <base>/blazegraph}.
 */
public final class LocalServers {

    /** System property naming the base folder. */
    public static final String DIR_PROPERTY = "recast.servers.dir";
    /** Environment variable naming the base folder, used when the property is not set. */
    public static final String DIR_ENV = "RECAST_SERVERS_DIR";

    private final Path base;
    private final LocalCassandra cassandra;
    private final LocalElasticsearch elasticsearch;
    private final LocalBlazegraph blazegraph;

    private LocalServers(Path base, ServerArtifacts artifacts) {
        this.base = base.toAbsolutePath().normalize();
        this.cassandra = new LocalCassandra(this.base.resolve("cassandra"), artifacts);
        this.elasticsearch = new LocalElasticsearch(this.base.resolve("elasticsearch"), artifacts);
        this.blazegraph = new LocalBlazegraph(this.base.resolve("blazegraph"), artifacts);
    }

    /** The servers under a base folder. */
    public static LocalServers in(Path base) {
        return new LocalServers(base, ServerArtifacts.load());
    }

    /**
     * The servers under the folder named by {@value #DIR_PROPERTY} or {@value #DIR_ENV}, else {@code .recast/servers}
     * in the working directory.
     */
    public static LocalServers atDefaultLocation() {
        return in(defaultBase());
    }

    /** The base folder that {@link #atDefaultLocation()} uses. */
    public static Path defaultBase() {
        String configured = System.getProperty(DIR_PROPERTY, System.getenv(DIR_ENV));
        return configured != null && !configured.isBlank() ? Path.of(configured) : Path.of(".recast", "servers");
    }

    public Path base() {
        return base;
    }

    public LocalCassandra cassandra() {
        return cassandra;
    }

    public LocalElasticsearch elasticsearch() {
        return elasticsearch;
    }

    public LocalBlazegraph blazegraph() {
        return blazegraph;
    }

    /** All three, in start order. */
    public List<LocalServer> all() {
        return List.of(cassandra, elasticsearch, blazegraph);
    }

    /** Starts (or attaches to) every server and returns their status. */
    public List<ServerStatus> startAll() {
        return all().stream().map(LocalServer::start).toList();
    }

    /** Stops every server; data stays. */
    public void stopAll() {
        List.of(blazegraph, elasticsearch, cassandra).forEach(LocalServer::stop);
    }

    /** Each server's status. */
    public List<ServerStatus> status() {
        return all().stream().map(LocalServer::status).toList();
    }
}
