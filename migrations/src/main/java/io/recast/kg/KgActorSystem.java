package io.recast.kg;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.projections.FencedOffsetSessions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;

/**
 * The Pekko configuration of the knowledge-graph service: Pekko Persistence Cassandra as journal and snapshot store
 * (tables created if missing), Jackson JSON for events, and the driver pointed at the configured Cassandra.
 */
public final class KgActorSystem {

    private static final DateTimeFormatter BUCKET = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm");

    private KgActorSystem() {
    }

    /**
     * The service's configuration.
     *
     * @param firstTimeBucket the plugin's {@code events-by-tag.first-time-bucket} ({@code yyyyMMddTHH:mm}, UTC): the
     *                        oldest hour that {@code eventsByTag} scans; it must not be later than the journal's first
     *                        tagged write
     */
    public static Config config(CassandraSettings cassandra, String firstTimeBucket) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("datastax-java-driver.basic.contact-points", cassandra.contactPoints().stream()
                .map(p -> p.getHostString() + ":" + p.getPort()).toList());
        overrides.put("datastax-java-driver.basic.load-balancing-policy.local-datacenter", cassandra.localDatacenter());
        overrides.put("pekko.persistence.cassandra.journal.keyspace", cassandra.keyspace());
        overrides.put("pekko.persistence.cassandra.snapshot.keyspace", cassandra.keyspace() + "_snapshot");
        overrides.put("pekko.persistence.cassandra.events-by-tag.first-time-bucket", firstTimeBucket);
        // the service's projections (and Recast's tag view rebuild) keep their offsets next to the journal
        overrides.put("pekko.projection.cassandra.offset-store.keyspace", cassandra.keyspace());
        // a runner that lost its migration lock stores no more offsets of its range projections
        overrides.put(FencedOffsetSessions.SETTING, FencedOffsetSessions.PROVIDER);
        if (cassandra.username().isPresent()) {
            overrides.put("datastax-java-driver.advanced.auth-provider.class", "PlainTextAuthProvider");
            overrides.put("datastax-java-driver.advanced.auth-provider.username", cassandra.username().get());
            overrides.put("datastax-java-driver.advanced.auth-provider.password", cassandra.password().orElse(""));
        }
        if (cassandra.tls()) {
            overrides.put("datastax-java-driver.advanced.ssl-engine-factory.class", "DefaultSslEngineFactory");
        }
        return ConfigFactory.parseMap(overrides)
                .withFallback(ConfigFactory.parseResources("kg-service.conf"))
                .withFallback(ConfigFactory.load())
                .resolve();
    }

    /** A first time bucket one day before now: right for a journal written from now on. */
    public static String firstTimeBucketYesterday() {
        return ZonedDateTime.now(ZoneOffset.UTC).minusDays(1).withMinute(0).format(BUCKET);
    }

    /** Starts an actor system whose guardian spawns actors on request. */
    public static ActorSystem<SpawnProtocol.Command> start(String name, Config config) {
        return ActorSystem.create(SpawnProtocol.create(), name, config);
    }

}
