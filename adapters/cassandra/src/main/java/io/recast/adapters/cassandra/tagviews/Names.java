package io.recast.adapters.cassandra.tagviews;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import java.util.Objects;
import java.util.regex.Pattern;

/** Checks of keyspace and table names before they go into CQL text. */
final class Names {

    /** The plugin's keyspace (and table) name rule ({@code PluginSettings.keyspaceNameRegex}). */
    private static final Pattern KEYSPACE_NAME = Pattern.compile("^(\"[a-zA-Z]\\w{0,47}\"|[a-zA-Z]\\w{0,47})$");

    private Names() {
    }

    /** The keyspace name, if it follows the plugin's rule. */
    static String keyspace(String keyspace) {
        Objects.requireNonNull(keyspace, "keyspace");
        if (!KEYSPACE_NAME.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("Invalid keyspace name '" + keyspace
                    + "': 1 to 48 letters, digits or underscores, starting with a letter (optionally double-quoted)");
        }
        return keyspace;
    }

    /** Throws unless the table exists in the keyspace (as the session's schema metadata knows it). */
    static void requireTable(CqlSession session, String keyspace, String table) {
        boolean exists = session.getMetadata().getKeyspace(CqlIdentifier.fromCql(keyspace))
                .flatMap(ks -> ks.getTable(CqlIdentifier.fromCql(table))).isPresent();
        if (!exists) {
            throw new IllegalStateException("Table " + keyspace + "." + table + " does not exist");
        }
    }
}
