package io.recast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

    @Test
    void theSeedNodesBecomePekkoAddressesOfTheRecastSystem() {
        Config pekko = new ClusterSettings("127.0.0.1", 25521, List.of("127.0.0.1:25520", "127.0.0.1:25521"), 2,
                Duration.ofSeconds(3)).pekkoConfig();

        assertEquals("cluster", pekko.getString("pekko.actor.provider"));
        assertEquals(List.of("pekko://recast@127.0.0.1:25520", "pekko://recast@127.0.0.1:25521"),
                pekko.getStringList("pekko.cluster.seed-nodes"));
        assertEquals(25521, pekko.getInt("pekko.remote.artery.canonical.port"));
        assertEquals(Duration.ofSeconds(3), pekko.getDuration("pekko.cluster.split-brain-resolver.stable-after"));
        assertEquals("keep-oldest", pekko.getString("pekko.cluster.split-brain-resolver.active-strategy"));
        Config resolved = pekko.withFallback(com.typesafe.config.ConfigFactory.load()).resolve();
        assertEquals(Duration.ofSeconds(1), resolved.getDuration(
                "pekko.cluster.sharded-daemon-process.sharding.rebalance-interval"),
                "the sharded daemons rebalance quickly too");
    }

    @Test
    void aSeedNodeThatIsNotHostAndPortIsRefusedWithTheExpectedForm() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new ClusterSettings("127.0.0.1", 25520, List.of("pekko://recast@127.0.0.1:25520"), 1,
                        Duration.ofSeconds(5)));

        assertTrue(refused.getMessage().contains("host:port"), refused.getMessage());
    }

    @Test
    void withoutSeedNodesTheNodeIsItsOwnSeed() {
        RecastConfig config = RecastConfig.load(java.util.Optional.empty()).with("recast.cluster.port", "25600");

        assertEquals(List.of("127.0.0.1:25600"), config.cluster().seedNodes());
    }
}
