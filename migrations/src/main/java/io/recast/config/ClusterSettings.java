package io.recast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node's Pekko Cluster settings ({@code recast.cluster}) and the Pekko configuration they make: Artery TCP on
 * {@code host:port}, the seed nodes, the split brain resolver (keep-oldest, after {@code downAfter} of stable
 * unreachability) and short keep-alive and rebalance intervals so that slices move quickly when a node comes or goes.
 *
 * @param seedNodes host:port pairs of the nodes to join
 * @param minNodes  members that must be up before a shared replay starts
 */
public record ClusterSettings(String host, int port, List<String> seedNodes, int minNodes, Duration downAfter) {

    /** Every node of a Recast cluster names its actor system so. */
    public static final String SYSTEM_NAME = "recast";

    public ClusterSettings {
        Objects.requireNonNull(host, "host");
        seedNodes = List.copyOf(seedNodes);
        for (String seed : seedNodes) {
            if (!seed.matches("[^:]+:\\d+")) {
                throw new IllegalArgumentException("recast.cluster.seed-nodes takes host:port pairs separated by"
                        + " commas, e.g. 127.0.0.1:25520,127.0.0.1:25521; got '" + seed + "'");
            }
        }
    }

    /** The Pekko configuration of this node, to lay over the service's. */
    public Config pekkoConfig() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("pekko.actor.provider", "cluster");
        settings.put("pekko.remote.artery.canonical.hostname", host);
        settings.put("pekko.remote.artery.canonical.port", port);
        settings.put("pekko.cluster.seed-nodes", seedNodes.stream()
                .map(seed -> "pekko://" + SYSTEM_NAME + "@" + seed).toList());
        settings.put("pekko.cluster.downing-provider-class",
                "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
        settings.put("pekko.cluster.split-brain-resolver.active-strategy", "keep-oldest");
        settings.put("pekko.cluster.split-brain-resolver.stable-after", downAfter.toMillis() + "ms");
        settings.put("pekko.cluster.split-brain-resolver.keep-oldest.down-if-alone", "on");
        settings.put("pekko.cluster.sharded-daemon-process.keep-alive-interval", "1s");
        // sharded daemon processes copy pekko.cluster.sharding when the configuration is resolved (before these
        // settings are laid over it): set both
        for (String sharding : List.of("pekko.cluster.sharding", "pekko.cluster.sharded-daemon-process.sharding")) {
            // a node that joins gets its share of the slices within seconds, not after the default 10 s
            settings.put(sharding + ".rebalance-interval", "1s");
            settings.put(sharding + ".retry-interval", "500ms");
            settings.put(sharding + ".least-shard-allocation-strategy.rebalance-absolute-limit", 64);
            settings.put(sharding + ".least-shard-allocation-strategy.rebalance-relative-limit", 0.5);
        }
        settings.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
        return ConfigFactory.parseMap(settings);
    }
}
