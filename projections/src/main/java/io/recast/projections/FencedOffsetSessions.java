package io.recast.projections;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.typesafe.config.Config;
import io.recast.adapters.cassandra.WriteTimestamps;
import io.recast.engine.migration.WriteFence;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.CqlSessionProvider;
import org.apache.pekko.stream.connectors.cassandra.DefaultSessionProvider;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;

/**
 * Fences the offsets that Pekko Projection stores for the range projections ({@link TokenRangeSlices}): Pekko stores a
 * range's offset itself, after the range's work returned, so a check in the work leaves a moment (a JVM paused right
 * then) after which the offset would be written unchecked. Configured as the projections' session provider
 * ({@value #SETTING} = {@value #PROVIDER}), it checks the fence registered for the projection's name before each
 * write to the offset store, and stamps the write with the time of that check ({@link WriteTimestamps}). Other
 * statements, and offsets of projections without a fence, pass as they are.
 */
public final class FencedOffsetSessions {

    /** The setting that names the session provider of Pekko Projection's Cassandra offset store. */
    public static final String SETTING = "pekko.projection.cassandra.session-config.session-provider";
    /** The provider to configure there. */
    public static final String PROVIDER = "io.recast.projections.FencedOffsetSessions$Provider";

    private static final Map<String, WriteFence> FENCES = new ConcurrentHashMap<>();

    private FencedOffsetSessions() {
    }

    /** Checks {@code fence} before each offset stored for projections named {@code projectionName}. */
    static void register(String projectionName, WriteFence fence) {
        if (fence == WriteFence.NONE) {
            FENCES.remove(projectionName);
        } else {
            FENCES.put(projectionName, fence);
        }
    }

    /** What a session of the provider does with {@code statement} before it is executed. */
    static Object fenced(Object statement) {
        if (statement instanceof BoundStatement bound && writesOffsets(bound)) {
            String name = bound.getPreparedStatement().getVariableDefinitions().contains("projection_name")
                    ? bound.getString("projection_name") : null;
            WriteFence fence = name == null ? null : FENCES.get(name);
            if (fence != null) {
                fence.check();
                return bound.setQueryTimestamp(WriteTimestamps.next());
            }
        }
        return statement;
    }

    private static boolean writesOffsets(BoundStatement statement) {
        String query = statement.getPreparedStatement().getQuery().toLowerCase(Locale.ROOT);
        return query.contains("offset_store") && !query.stripLeading().startsWith("select");
    }

    /** The session provider: Pekko's default one, its sessions wrapped. */
    public static final class Provider implements CqlSessionProvider {

        private final DefaultSessionProvider delegate;

        public Provider(ActorSystem system, Config config) {
            this.delegate = new DefaultSessionProvider(system, config);
        }

        @Override
        public Future<CqlSession> connect(ExecutionContext ec) {
            return delegate.connect(ec).map(FencedOffsetSessions::wrap, ec);
        }
    }

    static CqlSession wrap(CqlSession session) {
        return (CqlSession) Proxy.newProxyInstance(FencedOffsetSessions.class.getClassLoader(),
                new Class<?>[] {CqlSession.class}, (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof Statement<?>
                            && (method.getName().equals("executeAsync") || method.getName().equals("execute"))) {
                        args[0] = fenced(args[0]);
                    }
                    try {
                        return method.invoke(session, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
