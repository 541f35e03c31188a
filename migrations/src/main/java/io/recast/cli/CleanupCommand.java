package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.CassandraViewVersions;
import io.recast.config.RecastConfig;
import io.recast.engine.view.ViewVersion;
import io.recast.projections.views.VersionedView;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recast cleanup}: drops the versions of the read models that a later rebuild replaced (kept until now so
 * that an operator could switch back). The version that serves and versions being built are never dropped.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Drops the read model versions that no longer serve (Elasticsearch indexes, RDF namespaces).")
final class CleanupCommand implements Callable<Integer> {

    @ParentCommand
    RecastCli root;

    @Option(names = "--dry-run", description = "list what would be dropped, drop nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        RecastConfig config = root.config();
        Endpoints endpoints = new Endpoints(config, out);
        CassandraSettings cassandra = endpoints.cassandra();
        int dropped = 0;
        try (CqlSession session = CassandraSessions.open(cassandra);
             ReadModels models = ReadModels.open(config, endpoints, cassandra.keyspace())) {
            CassandraViewVersions versions = new CassandraViewVersions(session, cassandra.keyspace());
            for (VersionedView view : models.views()) {
                for (ViewVersion version : versions.versions(view.view())) {
                    if (version.state() != ViewVersion.State.RETIRED) {
                        continue;
                    }
                    out.println((dryRun ? "would drop " : "dropping ") + view.view() + " version "
                            + version.version() + " (" + version.target() + ")");
                    if (!dryRun) {
                        view.drop(version.target());
                        versions.save(version.withState(ViewVersion.State.DROPPED, version.activated()));
                    }
                    dropped++;
                }
                versions.active(view.view()).ifPresentOrElse(
                        active -> out.println("kept " + view.view() + " version " + active.version() + " ("
                                + active.target() + "): it serves"),
                        () -> out.println(view.view() + ": no version serves"));
            }
        }
        out.println(dropped == 0 ? "nothing to drop" : (dryRun ? dropped + " versions would be dropped"
                : dropped + " versions dropped"));
        return 0;
    }
}
