package io.recast.adapters.cassandra;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Cassandra.
 *
 * @param contactPoints   host:port pairs
 * @param localDatacenter the driver's local datacenter, e.g. {@code datacenter1}
 * @param keyspace        the journal's keyspace (Pekko's default is {@code pekko})
 * @param username        empty when the cluster needs no authentication
 * @param password        the password; never printed ({@link #toString()} masks it)
 * @param tls             whether to connect with TLS (the JVM's default trust store, or {@code javax.net.ssl.*})
 */
public record CassandraSettings(List<InetSocketAddress> contactPoints, String localDatacenter, String keyspace,
                                Optional<String> username, Optional<String> password, boolean tls) {

    public CassandraSettings {
        contactPoints = List.copyOf(contactPoints);
        Objects.requireNonNull(localDatacenter, "localDatacenter");
        Objects.requireNonNull(keyspace, "keyspace");
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("Cassandra needs at least one contact point (host:port)");
        }
    }

    /** A single local node without authentication. */
    public static CassandraSettings local(String host, int port, String localDatacenter, String keyspace) {
        return new CassandraSettings(List.of(InetSocketAddress.createUnresolved(host, port)), localDatacenter,
                keyspace, Optional.empty(), Optional.empty(), false);
    }

    /** The same cluster and credentials, with another journal keyspace. */
    public CassandraSettings withKeyspace(String otherKeyspace) {
        return new CassandraSettings(contactPoints, localDatacenter, otherKeyspace, username, password, tls);
    }

    /** Parses {@code host:port} (port 9042 when absent). */
    public static InetSocketAddress contactPoint(String hostAndPort) {
        String value = hostAndPort.trim();
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return InetSocketAddress.createUnresolved(value, 9042);
        }
        try {
            return InetSocketAddress.createUnresolved(value.substring(0, colon),
                    Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad Cassandra contact point '" + value + "': expected host:port", e);
        }
    }

    @Override
    public String toString() {
        return "CassandraSettings[contactPoints=" + contactPoints + ", localDatacenter=" + localDatacenter
                + ", keyspace=" + keyspace + ", username=" + username.orElse("-")
                + ", password=" + (password.isPresent() ? "***" : "-") + ", tls=" + tls + "]";
    }
}
