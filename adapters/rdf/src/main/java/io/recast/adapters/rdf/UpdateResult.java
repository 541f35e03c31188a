package io.recast.adapters.rdf;

/**
 * How a SPARQL endpoint answered an update that reached it.
 *
 * @param accepted whether it was applied (HTTP 2xx)
 * @param status   the HTTP status
 * @param message  the server's explanation when refused (start of the response body), else empty
 */
record UpdateResult(boolean accepted, int status, String message) {

    static UpdateResult ok(int status) {
        return new UpdateResult(true, status, "");
    }

    static UpdateResult refused(int status, String message) {
        return new UpdateResult(false, status, message);
    }
}
