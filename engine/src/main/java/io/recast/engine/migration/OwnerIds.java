package io.recast.engine.migration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;

/** Owner ids for {@link LockRequest}: who holds a lock, readable by an operator. */
public final class OwnerIds {

    private static final String THIS_PROCESS = hostname() + ":" + ProcessHandle.current().pid() + ":"
            + UUID.randomUUID().toString().substring(0, 8);

    private static final java.util.concurrent.atomic.AtomicInteger RUNNERS =
            new java.util.concurrent.atomic.AtomicInteger();

    private OwnerIds() {
    }

    /**
     * This process's id, {@code hostname:pid:suffix}: the same for the whole life of the process; the random suffix
     * tells apart processes that share a host name and a pid (a restarted container, a recycled pid).
     */
    public static String thisProcess() {
        return THIS_PROCESS;
    }

    /**
     * A new runner's id in this process, {@code hostname:pid:suffix#n}: two runners in one JVM (a service that
     * migrates at startup while a command runs, tests) must not pass for the same owner, or both could take the lock.
     */
    public static String newRunner() {
        return THIS_PROCESS + "#" + RUNNERS.incrementAndGet();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
        }
    }
}
