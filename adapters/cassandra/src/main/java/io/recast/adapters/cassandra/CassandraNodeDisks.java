package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import io.recast.engine.plan.NodeDisk;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads, on each node of the cluster, what the journal and its backup take on disk ({@code system_views.disk_usage},
 * Cassandra 4.1 and later) and the node's free space: measured on its data directories
 * ({@code system_views.settings}) when the node runs on this host, else the operator's figure, if given. The disk
 * usage counts SSTables only: rows still in a memtable (at most a memtable's worth per node) are not counted.
 */
public final class CassandraNodeDisks implements Supplier<List<NodeDisk>> {

    private final CqlSession session;
    private final String keyspace;
    private final String backupTable;
    private final OptionalLong statedFreeBytes;

    /**
     * @param backupTable     the table the rewrite backs the journal up into (in the journal's keyspace)
     * @param statedFreeBytes the free space of each node not on this host, as the operator read it, if known
     */
    public CassandraNodeDisks(CqlSession session, String keyspace, String backupTable, OptionalLong statedFreeBytes) {
        this.session = Objects.requireNonNull(session, "session");
        this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
        this.backupTable = Objects.requireNonNull(backupTable, "backupTable");
        this.statedFreeBytes = Objects.requireNonNull(statedFreeBytes, "statedFreeBytes");
    }

    @Override
    public List<NodeDisk> get() {
        List<NodeDisk> disks = new ArrayList<>();
        for (Node node : session.getMetadata().getNodes().values()) {
            long journal = tableBytes(node, JournalSchema.MESSAGES);
            long backup = tableBytes(node, backupTable);
            String name = name(node);
            List<Path> directories = dataDirectories(node);
            if (onThisHost(node) && !directories.isEmpty() && directories.stream().allMatch(Files::isDirectory)) {
                disks.add(new NodeDisk(name, journal, backup, OptionalLong.of(usableBytes(directories)),
                        "data directories " + directories + " on this host"));
            } else if (statedFreeBytes.isPresent()) {
                disks.add(new NodeDisk(name, journal, backup, statedFreeBytes, "as stated in the configuration"));
            } else {
                disks.add(new NodeDisk(name, journal, backup, OptionalLong.empty(),
                        "the node's data directories " + directories + " are not on this host"));
            }
        }
        return disks;
    }

    private long tableBytes(Node node, String table) {
        Row row = session.execute(SimpleStatement.newInstance("SELECT mebibytes FROM system_views.disk_usage"
                + " WHERE keyspace_name = ? AND table_name = ?", keyspace, table).setNode(node)).one();
        return row == null ? 0L : row.getLong(0) * 1024 * 1024;
    }

    private List<Path> dataDirectories(Node node) {
        Row row = session.execute(SimpleStatement.newInstance("SELECT value FROM system_views.settings"
                + " WHERE name = 'data_file_directories'").setNode(node)).one();
        List<Path> directories = new ArrayList<>();
        if (row == null || row.getString(0) == null) {
            return directories;
        }
        for (String directory : row.getString(0).replaceAll("^\\[|\\]$", "").split(",")) {
            if (!directory.isBlank()) {
                directories.add(Path.of(directory.strip()));
            }
        }
        return directories;
    }

    /** The usable space of the distinct file systems the directories are on. */
    private static long usableBytes(List<Path> directories) {
        Set<FileStore> stores = new LinkedHashSet<>();
        for (Path directory : directories) {
            try {
                stores.add(Files.getFileStore(directory));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the free space of " + directory + ": " + e.getMessage(),
                        e);
            }
        }
        long usable = 0;
        for (FileStore store : stores) {
            try {
                usable += store.getUsableSpace();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the free space of " + store + ": " + e.getMessage(), e);
            }
        }
        return usable;
    }

    /** {@code host:port} of the node. */
    private static String name(Node node) {
        SocketAddress endpoint = node.getEndPoint().resolve();
        return endpoint instanceof InetSocketAddress socket ? socket.getHostString() + ":" + socket.getPort()
                : String.valueOf(endpoint);
    }

    /** Whether the node listens on an address of this machine. */
    private static boolean onThisHost(Node node) {
        SocketAddress endpoint = node.getEndPoint().resolve();
        if (!(endpoint instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return false;
        }
        InetAddress address = socket.getAddress();
        try {
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
