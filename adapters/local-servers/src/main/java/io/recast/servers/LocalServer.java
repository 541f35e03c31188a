package io.recast.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real server run as a local process, with its data, log, ports and pid under {@link #home()}.
 *
 * <p>{@link #start()} reuses a server that an earlier process started in the same home and that still answers
 * (so {@code recast servers start} and later commands share one server); otherwise it launches one on free ports of
 * 127.0.0.1, waits until it is ready and fails with the tail of its log if it is not. Ports are remembered in the
 * home so a restarted server keeps its address when it can.
 */
public abstract class LocalServer {

    private static final Logger log = LoggerFactory.getLogger(LocalServer.class);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Path home;
    private final Duration startTimeout;
    private final Properties ports = new Properties();
    private boolean launchedHere;
    private Thread shutdownHook;

    protected LocalServer(String name, Path home, Duration startTimeout) {
        this.name = name;
        this.home = home.toAbsolutePath().normalize();
        this.startTimeout = startTimeout;
    }

    /** The server's short name: {@code cassandra}, {@code elasticsearch} or {@code blazegraph}. */
    public final String name() {
        return name;
    }

    /** The folder holding the server's data, configuration, log and pid file. */
    public final Path home() {
        return home;
    }

    /** Where clients reach the server. */
    public abstract String address();

    /** The file that the server's own output goes to. */
    public Path logFile() {
        return home.resolve("logs").resolve(name + ".out");
    }

    /** The names of the ports this server listens on; each gets a free port of 127.0.0.1 on first start. */
    protected abstract List<String> portNames();

    /** Writes configuration and starts the process. The returned process may be a launcher that exits early. */
    protected abstract Process launch() throws IOException;

    /** Whether the server answers its clients now. */
    protected abstract boolean isReady();

    /** The pid of the server once {@link #launch()} returned; by default the launched process's own. */
    protected long serverPid(Process launched) {
        return launched.pid();
    }

    /** A port by name, as assigned at the last start. */
    protected final int port(String portName) {
        String value = ports.getProperty(portName);
        if (value == null) {
            loadPorts();
            value = ports.getProperty(portName);
        }
        if (value == null) {
            throw new IllegalStateException(name + " has no " + portName + " port yet: start it first");
        }
        return Integer.parseInt(value);
    }

    /** Starts the server, or attaches to the one already running in {@link #home()}. */
    public final synchronized ServerStatus start() {
        try {
            Files.createDirectories(home.resolve("logs"));
            loadPorts();
            Optional<ProcessHandle> alive = aliveProcess();
            if (alive.isPresent()) {
                awaitReady(alive.get(), null);
                log.info("{} already running at {} (pid {})", name, address(), alive.get().pid());
                return status();
            }
            assignPorts();
            log.info("starting {} at {} (home {})", name, address(), home);
            long started = System.nanoTime();
            Process launched = launch();
            launchedHere = true;
            long pid = serverPid(launched);
            Files.writeString(pidFile(), Long.toString(pid));
            ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> failure("exited at once", null));
            awaitReady(handle, launched);
            log.info("{} ready at {} in {} ms (pid {})", name, address(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), pid);
            return status();
        } catch (IOException e) {
            throw failure("could not be launched: " + e.getMessage(), e);
        }
    }

    /** Stops the server when this JVM exits, if this JVM started it. */
    public final synchronized LocalServer stopOnExit() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(() -> {
                if (launchedHere) {
                    stop();
                }
            }, "stop-" + name);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return this;
    }

    /** Stops the server's process (SIGTERM, then SIGKILL after 60 s). Data stays in {@link #home()}. */
    public final synchronized void stop() {
        aliveProcess().ifPresent(process -> {
            log.info("stopping {} (pid {})", name, process.pid());
            process.destroy();
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                process.onExit().join();
            }
        });
        launchedHere = false;
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public final synchronized void kill() {
        aliveProcess().ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
    }

    /** Whether the server is running and answers. */
    public final ServerStatus status() {
        loadPorts();
        Optional<ProcessHandle> alive = aliveProcess();
        boolean running = alive.isPresent() && !ports.isEmpty() && isReady();
        return new ServerStatus(name, running, alive.map(ProcessHandle::pid).orElse(-1L),
                ports.isEmpty() ? "-" : address(), home);
    }

    private void awaitReady(ProcessHandle server, Process launcher) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isReady()) {
                return;
            }
            boolean launcherFailed = launcher != null && launcher.pid() != server.pid() && !launcher.isAlive()
                    && launcher.exitValue() != 0;
            if (!server.isAlive() || launcherFailed) {
                throw failure("exited before it was ready", null);
            }
            sleep(250);
        }
        server.destroyForcibly();
        throw failure("was not ready after " + startTimeout.toSeconds() + " s", null);
    }

    private ServerStartException failure(String what, Throwable cause) {
        return new ServerStartException(name + " " + what + " (home " + home + "). Last lines of " + logFile() + ":\n"
                + logTail() + "\nCheck the log above; a stale pid file or a busy port is fixed by `recast servers stop`.",
                cause);
    }

    /** The last lines of the server's log, for error messages. */
    public final String logTail() {
        Path file = logFile();
        if (!Files.isRegularFile(file)) {
            return "(no log yet)";
        }
        Deque<String> tail = new ArrayDeque<>();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > LOG_TAIL_LINES) {
                    tail.removeFirst();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
        return String.join("\n", tail);
    }

    private Optional<ProcessHandle> aliveProcess() {
        Path pidFile = pidFile();
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Path pidFile() {
        return home.resolve(name + ".pid");
    }

    private Path portsFile() {
        return home.resolve("ports.properties");
    }

    private void loadPorts() {
        if (Files.isRegularFile(portsFile())) {
            try (InputStream in = Files.newInputStream(portsFile())) {
                ports.clear();
                ports.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void assignPorts() throws IOException {
        boolean changed = false;
        for (String portName : portNames()) {
            String value = ports.getProperty(portName);
            if (value == null || !Ports.isFree(Integer.parseInt(value))) {
                ports.setProperty(portName, Integer.toString(Ports.free()));
                changed = true;
            }
        }
        if (changed) {
            try (OutputStream out = Files.newOutputStream(portsFile())) {
                ports.store(out, name + " ports on 127.0.0.1");
            }
        }
    }

    /** The JDK that runs the servers: the one running Recast (Java 17 or later). */
    protected static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    protected static Path javaExecutable() {
        return javaHome().resolve("bin").resolve("java");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted while waiting for a server", e);
        }
    }
}
