package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Opens driver sessions from {@link CassandraSettings}. */
public final class CassandraSessions {

    private CassandraSessions() {
    }

    /** A session without a default keyspace (statements name their keyspace). */
    public static CqlSession open(CassandraSettings settings) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                // a schema change completes once the driver refreshed its metadata, after a debounce window (1 s by
                // default): a short window makes creating Recast's tables take milliseconds, not a second each
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(20))
                // queue requests beyond what the connections carry instead of failing them (bulk reads and writes)
                .withString(DefaultDriverOption.REQUEST_THROTTLER_CLASS, "ConcurrencyLimitingRequestThrottler")
                .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_CONCURRENT_REQUESTS, 512)
                .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_QUEUE_SIZE, 1_000_000)
                .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 2)
                // a node that went away (restarted) is tried again every second or two, not after up to a minute,
                // so that what waits for it (CassandraRetry) goes on soon after it is back
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .withConfigLoader(config)
                .withLocalDatacenter(settings.localDatacenter());
        for (InetSocketAddress point : settings.contactPoints()) {
            builder.addContactPoint(point.isUnresolved()
                    ? new InetSocketAddress(point.getHostString(), point.getPort()) : point);
        }
        if (settings.username().isPresent()) {
            builder.withAuthCredentials(settings.username().get(), settings.password().orElse(""));
        }
        if (settings.tls()) {
            try {
                builder.withSslContext(SSLContext.getDefault());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("TLS is configured for Cassandra but the JVM has no SSL context", e);
            }
        }
        try {
            return builder.build();
        } catch (AllNodesFailedException e) {
            boolean refusedCredentials = !e.getAllErrors().isEmpty() && e.getAllErrors().values().stream()
                    .flatMap(java.util.List::stream).allMatch(error -> error instanceof AuthenticationException);
            if (refusedCredentials) {
                throw new IllegalStateException("Cassandra at " + settings.contactPoints() + " refused the"
                        + " authentication of user " + settings.username().orElse("(none given)") + ": check the"
                        + " configured username and password (recast.cassandra.username, recast.cassandra.password or"
                        + " recast.cassandra.password-file)", e);
            }
            java.util.Optional<Throwable> handshake = e.getAllErrors().values().stream()
                    .flatMap(java.util.List::stream).map(CassandraSessions::sslCause)
                    .flatMap(java.util.Optional::stream).findFirst();
            if (settings.tls() && handshake.isPresent()) {
                throw new IllegalStateException("Cassandra at " + settings.contactPoints() + ": the TLS handshake"
                        + " failed (" + handshake.get().getMessage() + "): this JVM must trust the server's"
                        + " certificate; import it into a trust store and start Recast with"
                        + " -Djavax.net.ssl.trustStore=FILE -Djavax.net.ssl.trustStorePassword=PASSWORD (for the"
                        + " recast script, in RECAST_JAVA_OPTS)", e);
            }
            throw e;
        }
    }

    /** The SSL failure in an error's causes, if any. */
    private static java.util.Optional<Throwable> sslCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException) {
                return java.util.Optional.of(cause);
            }
        }
        return java.util.Optional.empty();
    }
}
