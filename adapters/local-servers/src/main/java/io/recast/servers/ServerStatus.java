package io.recast.servers;

/**
 * What a local server is doing now.
 *
 * @param name    the server's name ({@code cassandra}, {@code elasticsearch}, {@code blazegraph})
 * @param running whether its process is alive and answers
 * @param pid     its process id, or -1
 * @param address where clients reach it, e.g. {@code 127.0.0.1:9042} or {@code http://127.0.0.1:9200}
 * @param home    the folder holding its data and logs
 */
public record ServerStatus(String name, boolean running, long pid, String address, java.nio.file.Path home) {

    @Override
    public String toString() {
        return String.format("%-14s %-8s pid %-8s %-40s %s", name, running ? "running" : "stopped",
                pid < 0 ? "-" : Long.toString(pid), address, home);
    }
}
