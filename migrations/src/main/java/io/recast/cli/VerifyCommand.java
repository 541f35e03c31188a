package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.config.RecastConfig;
import io.recast.engine.upcast.UpcasterSets;
import io.recast.projections.views.ViewVerification;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recast verify}: checks the read models that serve (Elasticsearch index, RDF namespace) against the journal,
 * entity by entity, writing nothing.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks the read models that serve against the journal (writes nothing).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every read model holds what the journal folds into", "1:failure",
                "5:a read model differs (the output names what; `recast reindex` rebuilds it)"})
final class VerifyCommand implements Callable<Integer> {

    static final int DIFFERENCES = 5;

    @ParentCommand
    RecastCli root;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        RecastConfig config = root.config();
        Endpoints endpoints = new Endpoints(config, out);
        CassandraSettings cassandra = endpoints.cassandra();
        if (config.views().isEmpty()) {
            out.println("no read model is configured (recast.views.enabled): nothing to verify");
            return 0;
        }
        try (CqlSession session = CassandraSessions.open(cassandra);
             ReadModels models = ReadModels.open(config, endpoints, cassandra.keyspace())) {
            List<ViewVerification.Finding> findings = models.verification(session, cassandra.keyspace(),
                    UpcasterSets.load().find("1.0", "1.1").manifests()).verify();
            boolean clean = true;
            for (ViewVerification.Finding finding : findings) {
                out.println((finding.clean() ? "ok       " : "DIFFERS  ") + finding);
                clean &= finding.clean();
            }
            if (!clean) {
                out.println("Some read models differ from the journal: rebuild them with `recast reindex`.");
            }
            return clean ? 0 : DIFFERENCES;
        }
    }
}
