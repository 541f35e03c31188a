package io.recast.adapters.cassandra;

/**
 * Cassandra did not answer for longer than the configured limit ({@code recast.cassandra.give-up-after}): the run
 * stops, with nothing checkpointed that was not written, and the next run resumes. The message names the server,
 * what was being done and the setting to raise.
 */
public final class CassandraUnavailableException extends RuntimeException {

    public CassandraUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
