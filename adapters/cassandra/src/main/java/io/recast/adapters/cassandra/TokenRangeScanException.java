package io.recast.adapters.cassandra;

import java.util.Optional;

/**
 * A {@link TokenRangeScanner} scan failed: a read failed after its retries, the consumer or listener threw, or the
 * scanning thread was interrupted. Ranges reported to the {@link ScanListener} before the failure are complete; the
 * others have to be scanned again.
 */
public final class TokenRangeScanException extends RuntimeException {

    private final transient TokenRange range;

    /**
     * @param range the range whose reading failed, or {@code null} when the failure is not tied to one range
     */
    public TokenRangeScanException(String message, TokenRange range, Throwable cause) {
        super(message, cause);
        this.range = range;
    }

    /** The range whose reading failed, if the failure is tied to one. */
    public Optional<TokenRange> range() {
        return Optional.ofNullable(range);
    }
}
