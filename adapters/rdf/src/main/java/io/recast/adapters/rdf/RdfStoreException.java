package io.recast.adapters.rdf;

/** The RDF store refused or could not be reached; the message says what to check. */
public final class RdfStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RdfStoreException(String message) {
        super(message);
    }

    public RdfStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
