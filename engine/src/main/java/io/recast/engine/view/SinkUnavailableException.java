package io.recast.engine.view;

/**
 * A sink stayed unreachable (or kept answering with transient errors) for longer than its {@link RetryPolicy}
 * allows. Nothing of the failed batch is acknowledged: the projection stops without saving its offset, and a new run
 * resumes from the last saved offset.
 */
public class SinkUnavailableException extends RuntimeException {

    public SinkUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
