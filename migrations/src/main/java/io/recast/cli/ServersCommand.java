package io.recast.cli;

import io.recast.servers.LocalServer;
import io.recast.servers.LocalServers;
import io.recast.servers.ServerStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code recast servers start|stop|status}: the real local servers, data kept between runs. */
@Command(name = "servers", mixinStandardHelpOptions = true,
        description = "Starts, stops or shows the local Cassandra, Elasticsearch and Blazegraph (bound to 127.0.0.1).")
final class ServersCommand implements Callable<Integer> {

    @ParentCommand
    RecastCli root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop or status")
    Action action;

    @Parameters(index = "1..*", paramLabel = "SERVER", arity = "0..*",
            description = "cassandra, elasticsearch or blazegraph (default: all three)")
    List<String> names = List.of();

    enum Action { start, stop, status }

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(spec.commandLine().getOut() == null ? System.out : System.out, true);
        LocalServers servers = LocalServers.in(root.config().serversDir());
        List<LocalServer> chosen = names.isEmpty() ? servers.all()
                : servers.all().stream().filter(s -> names.contains(s.name())).toList();
        if (chosen.size() != Math.max(names.size(), chosen.isEmpty() ? 1 : chosen.size())) {
            throw new IllegalArgumentException("Unknown server in " + names + ": use cassandra, elasticsearch or blazegraph");
        }
        switch (action) {
            case start -> chosen.forEach(server -> out.println(server.start()));
            case stop -> chosen.forEach(server -> {
                server.stop();
                out.println(server.status());
            });
            case status -> chosen.stream().map(LocalServer::status).map(ServerStatus::toString).forEach(out::println);
            default -> throw new IllegalStateException(action.name());
        }
        return 0;
    }
}
