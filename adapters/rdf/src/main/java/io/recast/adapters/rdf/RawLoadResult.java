package io.recast.adapters.rdf;

/**
 * What a {@link RawSparqlLoad} did.
 *
 * @param statements   statements sent
 * @param requests     update requests sent
 * @param elapsedNanos wall time of the whole load
 */
public record RawLoadResult(long statements, int requests, long elapsedNanos) {

    /** Statements per second ({@code 0} for an empty load). */
    public double statementsPerSecond() {
        return elapsedNanos == 0 ? 0 : statements * 1e9 / elapsedNanos;
    }
}
