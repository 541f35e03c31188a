package io.recast.engine.upcast;

/**
 * Thrown by {@link UpcasterSets#find(String, String)} when no upcaster set, or more than one, migrates
 * between the requested versions. The message lists the sets that are registered and how to register one.
 */
public class UpcasterSetLookupException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what was looked for, what was found and what to do
     */
    public UpcasterSetLookupException(String message) {
        super(message);
    }
}
