package io.recast.cli;

import io.recast.config.RecastConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code recast} command. Exit codes: 0 success, 1 failure (the message says why), 2 bad usage. */
@Command(name = "recast", mixinStandardHelpOptions = true, version = "recast 0.1.0",
        description = "Rewrites Pekko Persistence journals with upcasters and rebuilds what derives from them.",
        subcommands = {ServersCommand.class, SeedCommand.class, MigrateCommand.class, RollbackCommand.class,
                RepairTagViewsCommand.class, RunCommand.class, StatusCommand.class, BenchCommand.class,
                VerifyCommand.class, CleanupCommand.class, ReindexCommand.class, JobsCommand.class,
                DemoCommand.class, WorkerCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (the message says what to do)", "2:bad usage",
                "3:migrate finished but quarantined events"})
public final class RecastCli {

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "A HOCON file of settings (see recast-defaults.conf); environment variables RECAST_* also apply.")
    Path configFile;

    RecastConfig config() {
        return RecastConfig.load(Optional.ofNullable(configFile));
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Recast's error handling: a failure prints its message, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RecastCli());
        commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
            cmd.getErr().println("recast: " + exception.getMessage());
            if (System.getenv("RECAST_DEBUG") != null) {
                exception.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(set RECAST_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return commandLine;
    }
}
