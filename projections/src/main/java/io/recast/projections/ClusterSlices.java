package io.recast.projections;

import io.recast.adapters.cassandra.SharedRangeRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.javadsl.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slices of a token-range run spread over the nodes of a Pekko cluster with Pekko's {@link ShardedDaemonProcess}
 * (the pattern Pekko Projection documents for running projections on a cluster): one sharded daemon per slice, each a
 * {@link ProjectionBehavior} with its own offset in the offset store, so a node that joins takes some slices over and
 * a node that is lost only moves its slices, which go on from their offsets elsewhere.
 *
 * <p>Every node that takes part starts the same daemons (same name, same number of slices) and hosts the run's work
 * in this JVM ({@link #host}); a slice's handler does the range with whatever work its node hosts at that moment. A
 * node that hosts nothing for the run (it was held or ended there) fails the range; Pekko Projection restarts the
 * slice with a backoff, from its offset.
 */
public final class ClusterSlices {

    private static final Logger log = LoggerFactory.getLogger(ClusterSlices.class);

    /** The work of one range on this node, and what it returns, as the ledger keeps it. */
    public interface Host {
        /** Does the range; the stage completes when its effects are written and it is recorded in the ledger. */
        CompletionStage<Done> process(int rangeIndex);
    }

    private static final Map<String, Host> HOSTS = new ConcurrentHashMap<>();
    private static final Map<ActorSystem<?>, Set<String>> STARTED = Collections.synchronizedMap(new WeakHashMap<>());

    private ClusterSlices() {
    }

    /** Whether the actor system runs Pekko Cluster ({@code pekko.actor.provider = cluster}). */
    public static boolean isCluster(ActorSystem<?> system) {
        String provider = system.settings().config().getString("pekko.actor.provider");
        return provider.equals("cluster") || provider.endsWith(".ClusterActorRefProvider");
    }

    /** This node's address, as the ledger names who did a range. */
    public static String nodeOf(ActorSystem<?> system) {
        return isCluster(system) ? Cluster.get(system).selfMember().address().toString()
                : system.address().toString();
    }

    /** Hosts the work of a run on this node (replacing what hosted it before). */
    public static void host(String name, Host host) {
        HOSTS.put(name, host);
    }

    /** Stops hosting the work of a run on this node, if {@code host} is what hosts it. */
    public static void unhost(String name, Host host) {
        HOSTS.remove(name, host);
    }

    /** Whether this node hosts work of the run now. */
    public static boolean hosts(String name) {
        return HOSTS.containsKey(name);
    }

    /**
     * Waits until at least {@code nodes} members of the cluster are up (this one included), so that the slices are
     * shared from the start rather than moved once the other nodes arrive. After {@code timeout} the run goes on with
     * the members that are up (the slices move to the others when they come): a node that stays away slows a run
     * down, it does not stop it.
     */
    public static void awaitMembers(ActorSystem<?> system, int nodes, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastSaid = 0;
        while (true) {
            long up = 0;
            for (org.apache.pekko.cluster.Member member : Cluster.get(system).state().getMembers()) {
                if (member.status() == MemberStatus.up()) {
                    up++;
                }
            }
            boolean selfUp = Cluster.get(system).selfMember().status() == MemberStatus.up();
            if (selfUp && up >= nodes) {
                log.info("{}: {} cluster members up", what, up);
                return;
            }
            if (System.nanoTime() > deadline) {
                if (!selfUp) {
                    throw new IllegalStateException("The " + what + " waited " + timeout + " for this node to join"
                            + " the cluster; check recast.cluster.seed-nodes (RECAST_CLUSTER_SEED_NODES): the first"
                            + " seed node must be up, or be this node");
                }
                log.warn("{}: waited {} for {} cluster members (recast.cluster.min-nodes), {} up; going on with them"
                        + " (start the other nodes with `recast worker` and the same recast.cluster.seed-nodes)", what,
                        timeout, nodes, up);
                return;
            }
            if (System.nanoTime() - lastSaid > 10_000_000_000L) {
                log.info("{}: waiting for {} cluster members, {} up", what, nodes, up);
                lastSaid = System.nanoTime();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the " + what + " waited for cluster members", e);
            }
        }
    }

    /**
     * Starts the sharded daemons of a run's slices on this node (once per actor system and run): the cluster runs
     * each slice on one of the nodes that started them.
     */
    public static void start(ActorSystem<?> system, String name, List<ProjectionId> sliceIds,
                             List<List<Integer>> rangesOfSlice) {
        Set<String> started = STARTED.computeIfAbsent(system, s -> Collections.synchronizedSet(new HashSet<>()));
        if (!started.add(name)) {
            return;
        }
        ShardedDaemonProcess.get(system).init(ProjectionBehavior.Command.class, "recast-" + name, sliceIds.size(),
                slice -> ProjectionBehavior.create(CassandraProjection.atLeastOnce(sliceIds.get(slice),
                        new TokenRangeSourceProvider(rangesOfSlice.get(slice)), () -> handler(name))
                        .withSaveOffset(1, Duration.ZERO)),
                ShardedDaemonProcessSettings.create(system), Optional.of(ProjectionBehavior.stopMessage()));
        log.info("{}: {} slices started as sharded daemons on this node", name, sliceIds.size());
    }

    private static Handler<TokenRangeEnvelope> handler(String name) {
        return new Handler<>() {
            @Override
            public CompletionStage<Done> process(TokenRangeEnvelope envelope) {
                Host host = HOSTS.get(name);
                if (host == null) {
                    return CompletableFuture.failedFuture(new IllegalStateException("Token range "
                            + envelope.rangeIndex() + " of " + name + ": this node does not host that run now (held,"
                            + " ended, or not joined yet); the slice retries from its offset"));
                }
                return host.process(envelope.rangeIndex());
            }
        };
    }

    /** How the ranges of a shared run were shared, from its ledger. */
    public record Sharing(Map<String, Integer> rangesByNode, Map<Integer, Integer> rangesDoneMoreThanOnce,
                          int rangesRecorded, Duration span) {

        /**
         * Reads the ledger of a run, counting only attempts that finished at or after {@code since}; the span is from
         * {@code since} to the last attempt's end.
         */
        public static Sharing of(SharedRangeRuns runs, String name, Instant since) {
            Map<String, Integer> byNode = new java.util.TreeMap<>();
            Map<Integer, Integer> attemptsByRange = new java.util.TreeMap<>();
            Instant last = since;
            for (SharedRangeRuns.RangeAttempt attempt : runs.attempts(name)) {
                if (attempt.finished().isBefore(since)) {
                    continue;
                }
                last = attempt.finished().isAfter(last) ? attempt.finished() : last;
                byNode.merge(attempt.node(), 1, Integer::sum);
                attemptsByRange.merge(attempt.rangeIndex(), 1, Integer::sum);
            }
            Map<Integer, Integer> twice = new java.util.TreeMap<>();
            attemptsByRange.forEach((range, attempts) -> {
                if (attempts > 1) {
                    twice.put(range, attempts);
                }
            });
            return new Sharing(Map.copyOf(byNode), Map.copyOf(twice), attemptsByRange.size(),
                    Duration.between(since, last));
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            rangesByNode.forEach((node, ranges) -> text.append(text.length() == 0 ? "" : ", ").append(node)
                    .append(": ").append(ranges).append(" ranges"));
            return text + "; " + (rangesDoneMoreThanOnce.isEmpty() ? "no range done twice"
                    : rangesDoneMoreThanOnce.size() + " ranges done more than once " + rangesDoneMoreThanOnce)
                    + String.format(java.util.Locale.ROOT, "; %.1f s from the start to the last range",
                    span.toMillis() / 1000.0);
        }
    }
}
