package io.recast.servers.junit;

import io.recast.servers.LocalBlazegraph;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.LocalServer;
import io.recast.servers.LocalServers;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests real servers: declare a parameter of type {@link LocalCassandra}, {@link LocalElasticsearch} or
 * {@link LocalBlazegraph} (in a test method, a lifecycle method or a constructor). Each server is started the first
 * time a test asks for it and stopped when the test run ends, so a run starts each server at most once. Servers that
 * {@code recast servers start} left running in the same folder are reused and left running.
 *
 * <p>The folder is {@code recast.servers.dir} (the build sets it to {@code target/local-servers}).
 */
public final class RealServersExtension implements ParameterResolver {

    private static final Map<Class<?>, Function<LocalServers, LocalServer>> SERVERS = Map.of(
            LocalCassandra.class, LocalServers::cassandra,
            LocalElasticsearch.class, LocalServers::elasticsearch,
            LocalBlazegraph.class, LocalServers::blazegraph);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return SERVERS.containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()));
        LocalServers servers = store.getOrComputeIfAbsent(LocalServers.class,
                key -> LocalServers.atDefaultLocation(), LocalServers.class);
        return store.getOrComputeIfAbsent(type, key -> new StartedServer(SERVERS.get(type).apply(servers)),
                StartedServer.class).server;
    }

    /** A server started for this run; JUnit closes it when the run ends. */
    private static final class StartedServer implements ExtensionContext.Store.CloseableResource {
        private final LocalServer server;
        private final boolean startedHere;

        StartedServer(LocalServer server) {
            boolean wasRunning = server.status().running();
            server.stopOnExit().start();
            this.server = server;
            this.startedHere = !wasRunning;
        }

        @Override
        public void close() {
            if (startedHere) {
                server.stop();
            }
        }
    }
}
