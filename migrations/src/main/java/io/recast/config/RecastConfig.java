package io.recast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.elasticsearch.ElasticsearchSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recast's settings, read from {@code recast-defaults.conf}, an optional HOCON file and the environment
 * ({@code RECAST_*} variables, listed in {@code recast-defaults.conf}). Passwords may come from files; they are
 * never printed ({@link #describe()} masks them).
 */
public final class RecastConfig {

    private final Config config;

    private RecastConfig(Config config) {
        this.config = config;
    }

    /** The defaults and the environment, with an optional file on top. */
    public static RecastConfig load(Optional<Path> file) {
        Config defaults = ConfigFactory.parseResources(RecastConfig.class.getClassLoader(), "recast-defaults.conf");
        Config merged = defaults;
        if (file.isPresent()) {
            if (!Files.isRegularFile(file.get())) {
                throw new IllegalArgumentException("Configuration file " + file.get() + " does not exist");
            }
            merged = ConfigFactory.parseFile(file.get().toFile()).withFallback(defaults);
        }
        try {
            return new RecastConfig(merged.resolve());
        } catch (ConfigException e) {
            throw new IllegalArgumentException("Bad configuration: " + e.getMessage(), e);
        }
    }

    /** The same settings with one value replaced. */
    public RecastConfig with(String path, String value) {
        return new RecastConfig(config.withValue(path, com.typesafe.config.ConfigValueFactory.fromAnyRef(value)));
    }

    /** Whether a Cassandra cluster is configured (else the local server is used). */
    public boolean cassandraConfigured() {
        return !config.getString("recast.cassandra.contact-points").isBlank();
    }

    /** The configured Cassandra, or the given local address when none is configured. */
    public CassandraSettings cassandra(Optional<String> localAddress) {
        String points = cassandraConfigured() ? config.getString("recast.cassandra.contact-points")
                : localAddress.orElseThrow(() -> new IllegalStateException("No Cassandra configured")); 
        return new CassandraSettings(
                Arrays.stream(points.split(",")).filter(s -> !s.isBlank()).map(CassandraSettings::contactPoint).toList(),
                config.getString("recast.cassandra.local-datacenter"),
                config.getString("recast.cassandra.keyspace"),
                optional("recast.cassandra.username"),
                secret("recast.cassandra.password", "recast.cassandra.password-file"),
                config.getBoolean("recast.cassandra.tls"));
    }

    /** How long the journal rewrite waits for a Cassandra that does not answer before the run fails. */
    public java.time.Duration cassandraGiveUpAfter() {
        return config.getDuration("recast.cassandra.give-up-after");
    }

    /** The configured first time bucket of the plugin's tag views, if any. */
    public Optional<String> firstTimeBucket() {
        return optional("recast.cassandra.first-time-bucket");
    }

    public boolean elasticsearchConfigured() {
        return !config.getString("recast.elasticsearch.url").isBlank();
    }

    /** The configured Elasticsearch, or the given local URL when none is configured. */
    public ElasticsearchSettings elasticsearch(Optional<String> localUrl) {
        String url = elasticsearchConfigured() ? config.getString("recast.elasticsearch.url")
                : localUrl.orElseThrow(() -> new IllegalStateException("No Elasticsearch configured"));
        return new ElasticsearchSettings(URI.create(url), optional("recast.elasticsearch.username"),
                secret("recast.elasticsearch.password", "recast.elasticsearch.password-file"),
                optional("recast.elasticsearch.api-key"));
    }

    public boolean sparqlConfigured() {
        return !config.getString("recast.sparql.url").isBlank();
    }

    /** The configured Blazegraph base URL, or the given local one. */
    public URI sparqlUrl(Optional<String> localUrl) {
        return URI.create(sparqlConfigured() ? config.getString("recast.sparql.url")
                : localUrl.orElseThrow(() -> new IllegalStateException("No SPARQL endpoint configured")));
    }

    /** The live service's tag view bucket size setting ({@code Day}, {@code Hour} or {@code Minute}). */
    public String tagViewBucketSize() {
        return config.getString("recast.tag-views.bucket-size");
    }

    /** How many token ranges the tag view rebuild runs at once. */
    public int tagViewParallelism() {
        int value = config.getInt("recast.tag-views.parallelism");
        if (value < 1) {
            throw new IllegalArgumentException("recast.tag-views.parallelism must be at least 1, was " + value);
        }
        return value;
    }

    /** The journal keyspace configured. */
    public String cassandraKeyspace() {
        return config.getString("recast.cassandra.keyspace");
    }

    /** The keyspace of Pekko Projection's offset tables; the journal keyspace unless configured. */
    public String offsetStoreKeyspace() {
        return optional("recast.reset.offset-store-keyspace").orElse(config.getString("recast.cassandra.keyspace"));
    }

    /** The projections whose offsets the reset clears. */
    public java.util.Set<String> projectionsToReset() {
        return Arrays.stream(config.getString("recast.reset.projections").split(",")).map(String::trim)
                .filter(name -> !name.isEmpty()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The address of {@code recast run}'s status page ({@code recast.status.host}, 127.0.0.1 unless set). */
    public String statusHost() {
        return config.getString("recast.status.host");
    }

    /** The port of {@code recast run}'s status page: -1 serves none, 0 any free port. */
    public int statusPort() {
        int port = config.getInt("recast.status.port");
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("recast.status.port is " + port + ": a port (0 for any free one), or -1"
                    + " for no status page");
        }
        return port;
    }

    /** Whether {@code recast run} rebuilds the tag views before serving ({@code REPAIR_FROM_MESSAGES=true}). */
    public boolean repairFromMessages() {
        return config.getBoolean("recast.startup.repair-from-messages");
    }

    /** Whether {@code recast run} migrates the journal from 1.0 to 1.1 first ({@code MIGRATE_V10_TO_V11=true}). */
    public boolean migrateV10ToV11() {
        return config.getBoolean("recast.startup.migrate-v10-to-v11");
    }

    /** How long the preflight watches {@code messages} for writes; zero skips the check. */
    public java.time.Duration atRestWindow() {
        return java.time.Duration.ofSeconds(config.getLong("recast.preflight.at-rest-seconds"));
    }

    /** Whether the preflight refuses a migration when a node has no room for the backup. */
    public boolean backupSpaceCheck() {
        return config.getBoolean("recast.preflight.backup-space.check");
    }

    /** The free space each node keeps after the backup and the rewritten rows. */
    public long backupSpaceReserve() {
        return config.getBytes("recast.preflight.backup-space.reserve");
    }

    /** The free space of nodes not on this host, as the operator read it on them; empty when not stated. */
    public java.util.OptionalLong statedFreeSpacePerNode() {
        String path = "recast.preflight.backup-space.free-per-node";
        return config.getString(path).isBlank() ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(config.getBytes(path));
    }

    /** The lease of the migration lock. */
    public java.time.Duration lockLease() {
        return config.getDuration("recast.lock.lease");
    }

    /** How long a runner waits for the migration lock. */
    public java.time.Duration lockWait() {
        return config.getDuration("recast.lock.wait");
    }

    /** Where the local servers live. */
    public Path serversDir() {
        return Path.of(config.getString("recast.servers.dir"));
    }

    /** The SPARQL server's basic authentication user, if any. */
    public Optional<String> sparqlUsername() {
        return optional("recast.sparql.username");
    }

    /** The SPARQL server's password, if any; never printed. */
    public Optional<String> sparqlPassword() {
        return optional("recast.sparql.password");
    }

    /** The read models that a migration and a reindex rebuild: {@code elasticsearch}, {@code rdf}. */
    public java.util.Set<String> views() {
        java.util.Set<String> views = Arrays.stream(config.getString("recast.views.enabled").split(","))
                .map(String::trim).filter(name -> !name.isEmpty())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        for (String view : views) {
            if (!view.equals("elasticsearch") && !view.equals("rdf")) {
                throw new IllegalArgumentException("recast.views.enabled names an unknown read model '" + view
                        + "': use elasticsearch, rdf or both, separated by commas (or nothing)");
            }
        }
        return views;
    }

    /** The Elasticsearch alias of the resources' index: as configured, else {@code <keyspace>_resources}. */
    public String viewsIndex(String keyspace) {
        return optional("recast.views.index").orElse(keyspace.toLowerCase(java.util.Locale.ROOT) + "_resources");
    }

    /** Whether the RDF read model is an embedded native store rather than Blazegraph. */
    public boolean rdfNativeStore() {
        String store = config.getString("recast.views.rdf-store");
        return switch (store) {
            // the local servers include Blazegraph; a configured cluster without an endpoint gets the embedded store
            case "auto" -> !sparqlConfigured() && cassandraConfigured();
            case "native" -> true;
            case "blazegraph" -> false;
            default -> throw new IllegalArgumentException("recast.views.rdf-store must be auto, blazegraph or native,"
                    + " was '" + store + "'");
        };
    }

    /** The RDF namespace (Blazegraph namespace prefix or native store name): as configured, else the keyspace. */
    public String viewsNamespace(String keyspace) {
        return optional("recast.views.namespace").orElse(keyspace);
    }

    /** Where embedded RDF stores live. */
    public Path rdfNativeDir() {
        return Path.of(config.getString("recast.views.native-dir"));
    }

    /** Whether a migration rebuilds the tag views and replays the read models at the same time. */
    public boolean rebuildsAtOnce() {
        return config.getBoolean("recast.plan.rebuilds-at-once");
    }

    /** Token ranges replayed at once. */
    public int viewsSlices() {
        return config.getInt("recast.views.slices");
    }

    /** Entities per sink request. */
    public int viewsBatchSize() {
        return config.getInt("recast.views.batch-size");
    }

    /** How long a sink may stay unreachable before a rebuild fails. */
    public java.time.Duration viewsGiveUpAfter() {
        return config.getDuration("recast.views.give-up-after");
    }

    /** How long a whole rebuild may take. */
    public java.time.Duration viewsTimeout() {
        return config.getDuration("recast.views.timeout");
    }

    /** Whether this process joins a Pekko cluster ({@code recast.cluster.enabled}). */
    public boolean clusterEnabled() {
        return config.getBoolean("recast.cluster.enabled");
    }

    /** The Pekko Cluster settings of this node. */
    public ClusterSettings cluster() {
        String host = config.getString("recast.cluster.host");
        int port = config.getInt("recast.cluster.port");
        java.util.List<String> seeds = Arrays.stream(config.getString("recast.cluster.seed-nodes").split(","))
                .map(String::trim).filter(seed -> !seed.isEmpty()).toList();
        int minNodes = config.getInt("recast.cluster.min-nodes");
        if (minNodes < 1) {
            throw new IllegalArgumentException("recast.cluster.min-nodes (RECAST_CLUSTER_MIN_NODES) must be at least"
                    + " 1, was " + minNodes);
        }
        return new ClusterSettings(host, port, seeds.isEmpty() ? java.util.List.of(host + ":" + port) : seeds,
                minNodes, config.getDuration("recast.cluster.down-after"));
    }

    /** The settings in force, passwords masked: safe to print. */
    public String describe() {
        return "cassandra: " + (cassandraConfigured() ? config.getString("recast.cassandra.contact-points") : "local")
                + " (keyspace " + config.getString("recast.cassandra.keyspace") + ", user "
                + optional("recast.cassandra.username").orElse("-") + ", password "
                + (secret("recast.cassandra.password", "recast.cassandra.password-file").isPresent() ? "***" : "-")
                + "); elasticsearch: " + (elasticsearchConfigured() ? config.getString("recast.elasticsearch.url") : "local")
                + "; sparql: " + (sparqlConfigured() ? config.getString("recast.sparql.url") : "local");
    }

    private Optional<String> optional(String path) {
        String value = config.getString(path);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private Optional<String> secret(String valuePath, String filePath) {
        Optional<String> file = optional(filePath);
        if (file.isPresent()) {
            try {
                return Files.readAllLines(Path.of(file.get())).stream().findFirst().map(String::strip);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the password file named by " + filePath, e);
            }
        }
        return optional(valuePath);
    }
}
