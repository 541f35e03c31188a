package io.recast.engine.upcast;

/**
 * Why an event could not be upcast. Stable: reports and the quarantine table store these names.
 */
public enum UpcastErrorCode {

    /** The payload is not valid JSON, or not the JSON object an upcaster needs. Fix the stored payload. */
    MALFORMED_PAYLOAD,

    /** The manifest could not be read by the configured {@link io.recast.engine.event.ManifestCodec}. */
    UNKNOWN_MANIFEST,

    /** The event's revision is not one of the chain's declared revisions. */
    UNKNOWN_REVISION,

    /** The event is at a declared revision other than the final one, and no upcaster reads its type. */
    MISSING_UPCASTER,

    /** An upcaster needed a context entry that the first pass did not collect. */
    MISSING_CONTEXT,

    /** An upcaster threw, or broke its contract (wrong revision, changed key, no result). */
    UPCASTER_FAILED
}
