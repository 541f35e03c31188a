package io.recast.cli;

import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.elasticsearch.ElasticsearchSettings;
import io.recast.config.RecastConfig;
import io.recast.servers.LocalServer;
import io.recast.servers.LocalServers;
import io.recast.servers.ServerStatus;
import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;

/**
 * Where the servers are: the configured ones, or the local servers (started on demand and left running, like
 * {@code recast servers start}) for whatever is not configured.
 */
final class Endpoints {

    private final RecastConfig config;
    private final LocalServers local;
    private final PrintStream out;

    Endpoints(RecastConfig config, PrintStream out) {
        this.config = config;
        this.local = LocalServers.in(config.serversDir());
        this.out = out;
    }

    CassandraSettings cassandra() {
        return config.cassandra(config.cassandraConfigured() ? Optional.empty()
                : Optional.of(ensure(local.cassandra()).address()));
    }

    ElasticsearchSettings elasticsearch() {
        return config.elasticsearch(config.elasticsearchConfigured() ? Optional.empty()
                : Optional.of(ensure(local.elasticsearch()).address()));
    }

    URI sparql() {
        return config.sparqlUrl(config.sparqlConfigured() ? Optional.empty()
                : Optional.of(ensure(local.blazegraph()).address()));
    }

    /**
     * The processes of the local servers that serve this run (those not configured elsewhere), by name, for
     * measuring their CPU time; empty for a configured server.
     */
    java.util.Map<String, ProcessHandle> localProcesses() {
        java.util.Map<String, ProcessHandle> processes = new java.util.LinkedHashMap<>();
        if (!config.cassandraConfigured()) {
            addRunning(processes, local.cassandra());
        }
        if (!config.elasticsearchConfigured()) {
            addRunning(processes, local.elasticsearch());
        }
        if (!config.sparqlConfigured()) {
            addRunning(processes, local.blazegraph());
        }
        return processes;
    }

    private static void addRunning(java.util.Map<String, ProcessHandle> processes, LocalServer server) {
        ServerStatus status = server.status();
        if (status.running() && status.pid() > 0) {
            ProcessHandle.of(status.pid()).ifPresent(process -> processes.put(server.name(), process));
        }
    }

    private ServerStatus ensure(LocalServer server) {
        ServerStatus status = server.status();
        if (status.running()) {
            return status;
        }
        out.println("starting the local " + server.name() + " (nothing configured; data in " + server.home() + ")");
        return server.start();
    }
}
