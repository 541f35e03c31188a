package io.recast.engine.upcast;

import static io.recast.engine.event.TestEvents.builder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.event.EventKey;
import io.recast.engine.event.HashSuffixManifestCodec;
import io.recast.engine.event.MalformedPayloadException;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.event.UnknownManifestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpcastFailureTest {

    private final StoredEvent event = builder("ResourceEvent$Created@1.0", "{}").persistenceId("r-1").sequenceNr(5).build();

    private static void assertNamesEventAndNextStep(UpcastFailure failure, String subject) {
        assertTrue(failure.message().contains(subject), failure.message());
        assertTrue(failure.message().contains("then run `recast migrate` again; the event is left unchanged and quarantined."),
                failure.message());
    }

    @Test
    void malformedPayloadCarriesTheParserMessage() {
        UpcastFailure failure = UpcastFailure.malformedPayload(event, "U",
                new MalformedPayloadException("Unexpected end-of-input", null));

        assertEquals(UpcastErrorCode.MALFORMED_PAYLOAD, failure.code());
        assertEquals("U", failure.upcaster());
        assertTrue(failure.message().contains("Unexpected end-of-input"), failure.message());
        assertTrue(failure.message().contains("Fix the payload in the journal or write an upcaster that handles it"),
                failure.message());
        assertNamesEventAndNextStep(failure, "persistenceId=r-1, sequenceNr=5, type=ResourceEvent$Created@1.0");
    }

    @Test
    void unknownManifestNamesTheKeyAndManifest() {
        UpcastFailure failure = UpcastFailure.unknownManifest(new EventKey("r-1", 5),
                new UnknownManifestException("x#", new HashSuffixManifestCodec(), "bad"));

        assertEquals(UpcastErrorCode.UNKNOWN_MANIFEST, failure.code());
        assertNull(failure.upcaster());
        assertNamesEventAndNextStep(failure, "'x#' of event persistenceId=r-1, sequenceNr=5");
    }

    @Test
    void unknownRevisionListsTheDeclaredRevisions() {
        UpcastFailure failure = UpcastFailure.unknownRevision(event, List.of("0.9", "1.1"));

        assertEquals(UpcastErrorCode.UNKNOWN_REVISION, failure.code());
        assertNamesEventAndNextStep(failure, "(declared: 0.9 -> 1.1)");
    }

    @Test
    void missingUpcasterSuggestsAConventionalClassNameEvenForNestedClasses() {
        UpcastFailure failure = UpcastFailure.missingUpcaster(event, "1.1", "1.2");

        assertEquals(UpcastErrorCode.MISSING_UPCASTER, failure.code());
        assertNamesEventAndNextStep(failure, "Add an upcaster ResourceEvent_Created_1_0_to_1_1");
    }

    @Test
    void missingContextNamesUpcasterKeyAndId() {
        UpcastFailure failure = UpcastFailure.missingContext(event, "U",
                new MissingContextException(new ContextKey<>("baseIri", String.class), "p1"));

        assertEquals(UpcastErrorCode.MISSING_CONTEXT, failure.code());
        assertNamesEventAndNextStep(failure, "U found no context entry baseIri (String) for id 'p1'");
    }

    @Test
    void upcasterFailedCarriesTheCauseClassAndMessage() {
        UpcastFailure failure = UpcastFailure.upcasterFailed(event, "U", new IllegalArgumentException("no"));

        assertEquals(UpcastErrorCode.UPCASTER_FAILED, failure.code());
        assertEquals("java.lang.IllegalArgumentException: no", failure.cause());
        assertNamesEventAndNextStep(failure, "U failed on event persistenceId=r-1");
    }

    @Test
    void aCauseWithoutMessageIsItsClassName() {
        assertEquals("java.lang.NullPointerException",
                UpcastFailure.upcasterFailed(event, "U", new NullPointerException()).cause());
    }

    @Test
    void printsCodeMessageAndCause() {
        UpcastFailure failure = new UpcastFailure(UpcastErrorCode.UPCASTER_FAILED, "U", "m", "c");

        assertEquals("UPCASTER_FAILED: m (cause: c)", failure.toString());
    }
}
