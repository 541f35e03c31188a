package io.recast.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Where the build put the servers' artifacts: written by the {@code recast-server-artifacts} module, which resolves
 * them from Maven Central, so a fresh machine needs nothing installed by hand.
 */
public final class ServerArtifacts {

    private static final String PROPERTIES = "/io/recast/servers/artifacts.properties";
    private static final String CASSANDRA_CLASSPATH = "/io/recast/servers/cassandra.classpath";

    private final Properties properties;
    private final List<Path> cassandraClasspath;

    private ServerArtifacts(Properties properties, List<Path> cassandraClasspath) {
        this.properties = properties;
        this.cassandraClasspath = cassandraClasspath;
    }

    /** Reads the artifact locations recorded at build time. */
    public static ServerArtifacts load() {
        Properties properties = new Properties();
        try (InputStream in = resource(PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classpath;
        try (InputStream in = resource(CASSANDRA_CLASSPATH)) {
            classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> jars = Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
        return new ServerArtifacts(properties, jars);
    }

    private static InputStream resource(String name) {
        InputStream in = ServerArtifacts.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Missing " + name + " on the classpath: build the project first "
                    + "(mvn -B install -DskipTests) so that recast-server-artifacts records where the servers are.");
        }
        return in;
    }

    /** The jars of {@code cassandra-all} and its dependencies. */
    public List<Path> cassandraClasspath() {
        return cassandraClasspath.stream().peek(ServerArtifacts::requireFile).toList();
    }

    /** The Elasticsearch {@code integ-test-zip} distribution. */
    public Path elasticsearchZip() {
        return requireFile(Path.of(properties.getProperty("elasticsearch.zip")));
    }

    /** The Blazegraph all-in-one jar. */
    public Path blazegraphJar() {
        return requireFile(Path.of(properties.getProperty("blazegraph.jar")));
    }

    /** The version of a server, as the build resolved it ({@code cassandra}, {@code elasticsearch}, {@code blazegraph}). */
    public String version(String server) {
        return properties.getProperty(server + ".version");
    }

    private static Path requireFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Server artifact " + path + " is missing: run `mvn -B install -DskipTests` "
                    + "to let Maven download it again.");
        }
        return path;
    }
}
