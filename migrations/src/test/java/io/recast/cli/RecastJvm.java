package io.recast.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code recast} in a JVM of its own (the trust store of a JVM is fixed once its first TLS connection is made), with
 * JVM options and environment variables of the test's choosing, in a working directory of its own: what it printed
 * (standard output and error together) and every file it left there can be scanned.
 */
final class RecastJvm {

    private RecastJvm() {
    }

    /**
     * What a run did.
     *
     * @param exit      its exit code
     * @param output    what it printed
     * @param directory its working directory
     */
    record Run(int exit, String output, Path directory) {
    }

    /** Runs {@code recast ARGS} in a new working directory under {@code dir}. */
    static Run run(Path dir, List<String> jvmOptions, Map<String, String> environment, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RecastCli.class.getName()));
        command.addAll(List.of(args));
        Path directory = Files.createTempDirectory(dir, "recast-run");
        Path log = Files.createTempFile(dir, "recast", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("recast " + String.join(" ", args) + " did not end in 5 minutes:\n"
                    + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), directory);
    }
}
