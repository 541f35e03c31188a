package io.recast.engine.event;

/**
 * Thrown when a {@link Payload} is not the JSON it should be: bytes that do not parse, or JSON that is
 * not an object where an object is needed.
 *
 * <p>The upcaster chain turns it into a {@code MALFORMED_PAYLOAD} failure, so the event is quarantined
 * rather than rewritten.
 */
public class MalformedPayloadException extends RuntimeException {

    /** What the parser reported. */
    private final String parserMessage;

    /**
     * Creates the exception.
     *
     * @param parserMessage what the JSON parser (or the shape check) reported
     * @param cause the parser's exception, or null
     */
    public MalformedPayloadException(String parserMessage, Throwable cause) {
        super("The payload is not valid JSON for an event: " + parserMessage, cause);
        this.parserMessage = parserMessage;
    }

    /**
     * What the JSON parser reported, for example the line and column of the bad token.
     *
     * @return the parser's message
     */
    public String parserMessage() {
        return parserMessage;
    }
}
