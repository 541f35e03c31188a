package io.recast.engine.upcast;

import io.recast.engine.event.EventKey;
import io.recast.engine.event.MalformedPayloadException;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.event.UnknownManifestException;
import java.util.List;
import java.util.Objects;

/**
 * Why one event could not be upcast, and what to do about it.
 *
 * <p>The message names the event (persistence id, sequence number and type) and says what to do next;
 * the event itself is left unchanged in the journal and quarantined by the migration.
 *
 * @param code the kind of failure, stable for reports
 * @param upcaster the {@link Upcaster#name() name} of the upcaster (or collector) involved, or null
 *     when none was
 * @param message what went wrong for which event, and what to do next
 * @param cause the class and message of the exception behind the failure, or null when there was none
 */
public record UpcastFailure(UpcastErrorCode code, String upcaster, String message, String cause) {

    private static final String RERUN = "then run `recast migrate` again; the event is left unchanged and quarantined.";

    /**
     * Checks the required parts.
     *
     * @param code the kind of failure
     * @param upcaster the upcaster involved, or null
     * @param message what went wrong and what to do next
     * @param cause the class and message of the exception behind the failure, or null
     * @throws NullPointerException if the code or the message is null
     */
    public UpcastFailure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The payload could not be parsed, or is not a JSON object.
     *
     * @param event the event, as the upcaster saw it
     * @param upcaster the upcaster that needed the payload, or null
     * @param exception the parser's complaint
     * @return the failure
     */
    public static UpcastFailure malformedPayload(StoredEvent event, String upcaster, MalformedPayloadException exception) {
        return new UpcastFailure(UpcastErrorCode.MALFORMED_PAYLOAD, upcaster,
                "The payload of " + describe(event) + " is not valid JSON for this event ("
                        + exception.parserMessage() + "). Fix the payload in the journal or write an upcaster that"
                        + " handles it, " + RERUN,
                Names.describe(exception));
    }

    /**
     * The manifest of a journal row could not be read, so there is no event to upcast.
     *
     * @param key the row's key
     * @param exception the codec's complaint
     * @return the failure
     */
    public static UpcastFailure unknownManifest(EventKey key, UnknownManifestException exception) {
        return new UpcastFailure(UpcastErrorCode.UNKNOWN_MANIFEST, null,
                "The manifest '" + exception.manifest() + "' of event " + key + " cannot be read. Configure the"
                        + " ManifestCodec that matches this service's manifests, " + RERUN,
                Names.describe(exception));
    }

    /**
     * The event's revision is not declared by the chain.
     *
     * @param event the event
     * @param declared the chain's revisions, in order
     * @return the failure
     */
    public static UpcastFailure unknownRevision(StoredEvent event, List<String> declared) {
        return new UpcastFailure(UpcastErrorCode.UNKNOWN_REVISION, null,
                "The revision " + event.type().revision() + " of " + describe(event) + " is not declared by the"
                        + " chain (declared: " + String.join(" -> ", declared) + "). Declare it in"
                        + " UpcasterChain.builder().revisions(...) and add upcasters from it, or check the"
                        + " ManifestCodec, " + RERUN,
                null);
    }

    /**
     * No upcaster reads the event's type although its revision is not the final one.
     *
     * @param event the event
     * @param nextRevision the revision after the event's
     * @param finalRevision the chain's final revision
     * @return the failure
     */
    public static UpcastFailure missingUpcaster(StoredEvent event, String nextRevision, String finalRevision) {
        String name = event.type().name();
        String revision = event.type().revision();
        return new UpcastFailure(UpcastErrorCode.MISSING_UPCASTER, null,
                "No upcaster reads " + event.type() + " (" + describe(event) + "), and " + revision
                        + " is not the final revision " + finalRevision + ": the chain has a gap for this type. Add"
                        + " an upcaster " + Names.upcasterClass(event.type(), nextRevision)
                        + " (or EventTypeUpcaster.from(\"" + name + "\", \"" + revision + "\").to(\"" + name
                        + "\", \"" + nextRevision + "\") if only the revision changes) to the chain, " + RERUN,
                null);
    }

    /**
     * An upcaster needed a context entry that was not collected.
     *
     * @param event the event
     * @param upcaster the upcaster's name
     * @param exception what was missing
     * @return the failure
     */
    public static UpcastFailure missingContext(StoredEvent event, String upcaster, MissingContextException exception) {
        return new UpcastFailure(UpcastErrorCode.MISSING_CONTEXT, upcaster,
                upcaster + " found no context entry " + exception.key() + " for id '" + exception.id() + "' while"
                        + " upcasting " + describe(event) + ". Register a ContextCollector that collects it in the"
                        + " UpcasterSet, or make the upcaster handle its absence, " + RERUN,
                Names.describe(exception));
    }

    /**
     * An upcaster (or collector) threw.
     *
     * @param event the event
     * @param upcaster the upcaster's name
     * @param exception what it threw
     * @return the failure
     */
    public static UpcastFailure upcasterFailed(StoredEvent event, String upcaster, Throwable exception) {
        return new UpcastFailure(UpcastErrorCode.UPCASTER_FAILED, upcaster,
                upcaster + " failed on " + describe(event) + ": " + Names.describe(exception)
                        + ". Fix the upcaster (a test with the event's payload in UpcasterFixture reproduces it), "
                        + RERUN,
                Names.describe(exception));
    }

    /**
     * An upcaster broke its contract without throwing, for example produced the wrong revision.
     *
     * @param event the event
     * @param upcaster the upcaster's name
     * @param problem what it did wrong
     * @return the failure
     */
    public static UpcastFailure upcasterFailed(StoredEvent event, String upcaster, String problem) {
        return new UpcastFailure(UpcastErrorCode.UPCASTER_FAILED, upcaster,
                upcaster + " failed on " + describe(event) + ": " + problem + ". Fix the upcaster, " + RERUN,
                null);
    }

    private static String describe(StoredEvent event) {
        return "event " + event.key() + ", type=" + event.type();
    }

    /**
     * Returns {@code CODE: message}.
     *
     * @return the failure as text
     */
    @Override
    public String toString() {
        return code + ": " + message + (cause == null ? "" : " (cause: " + cause + ")");
    }
}
