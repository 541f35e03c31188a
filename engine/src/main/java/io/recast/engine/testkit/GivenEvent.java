package io.recast.engine.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.MalformedPayloadException;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.UpcastContext;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastFailure;
import io.recast.engine.upcast.UpcastOutcome;
import io.recast.engine.upcast.UpcasterChain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AssertionFailureBuilder;

/**
 * A legacy event given to an {@link UpcasterFixture}, and the expectations about what the chain makes of
 * it. Each {@code expect…} method runs the chain (once; the outcome is kept) and throws an
 * {@link AssertionError} with a readable message when the outcome differs.
 */
public final class GivenEvent {

    private final UpcasterChain chain;
    private final UpcastContext context;
    private final StoredEvent event;
    private UpcastOutcome outcome;

    GivenEvent(UpcasterChain chain, UpcastContext context, StoredEvent event) {
        this.chain = chain;
        this.context = context;
        this.event = event;
    }

    /**
     * The event as given.
     *
     * @return the legacy event
     */
    public StoredEvent event() {
        return event;
    }

    /**
     * What the chain made of the event, for assertions the fixture does not offer.
     *
     * @return the outcome
     */
    public UpcastOutcome outcome() {
        if (outcome == null) {
            outcome = chain.upcast(event, context);
        }
        return outcome;
    }

    /**
     * Expects exactly one event of a type with a payload; tags are not checked.
     *
     * @param type the expected type
     * @param expectedJson the expected payload; field order does not matter
     * @return the event the chain produced
     */
    public StoredEvent expectEvent(EventType type, String expectedJson) {
        return expectEvents(ExpectedEvent.event(type, expectedJson)).get(0);
    }

    /**
     * Expects exactly one event of a type with a payload and tags.
     *
     * @param type the expected type
     * @param expectedJson the expected payload; field order does not matter
     * @param tags the expected tags; order does not matter
     * @return the event the chain produced
     */
    public StoredEvent expectEvent(EventType type, String expectedJson, Set<String> tags) {
        return expectEvents(ExpectedEvent.event(type, expectedJson, tags)).get(0);
    }

    /**
     * Expects exactly one event of a type written as {@code Name@revision}; tags are not checked.
     *
     * @param type for example {@code OrderPlaced@1.1}
     * @param expectedJson the expected payload; field order does not matter
     * @return the event the chain produced
     */
    public StoredEvent expectEvent(String type, String expectedJson) {
        return expectEvents(ExpectedEvent.event(type, expectedJson)).get(0);
    }

    /**
     * Expects exactly one event of a type written as {@code Name@revision}, with tags.
     *
     * @param type for example {@code OrderPlaced@1.1}
     * @param expectedJson the expected payload; field order does not matter
     * @param tags the expected tags; order does not matter
     * @return the event the chain produced
     */
    public StoredEvent expectEvent(String type, String expectedJson, Set<String> tags) {
        return expectEvents(ExpectedEvent.event(type, expectedJson, tags)).get(0);
    }

    /**
     * Expects these events, in this order. An event that passes through unchanged counts as one event.
     *
     * @param expected the expected events
     * @return the events the chain produced
     */
    public List<StoredEvent> expectEvents(ExpectedEvent... expected) {
        List<ExpectedEvent> expectations = Arrays.asList(expected);
        UpcastOutcome result = outcome();
        List<StoredEvent> actual;
        if (result instanceof UpcastOutcome.Unchanged unchanged) {
            actual = List.of(unchanged.event());
        } else if (result instanceof UpcastOutcome.Upcast upcast) {
            actual = upcast.outputs();
        } else {
            throw fail("Expected " + count(expectations.size()) + " " + expectations + " but " + describe(result));
        }
        if (actual.size() != expectations.size()) {
            throw fail("Expected " + count(expectations.size()) + " " + expectations + " but " + describe(result));
        }
        for (int i = 0; i < actual.size(); i++) {
            check(i, expectations.size(), expectations.get(i), actual.get(i));
        }
        return actual;
    }

    private void check(int index, int of, ExpectedEvent expected, StoredEvent actual) {
        JsonNode expectedJson = JsonDiff.parse(expected.json(), "The expected JSON of " + expected.type());
        JsonNode actualJson;
        try {
            actualJson = actual.payload().json();
        } catch (MalformedPayloadException e) {
            throw fail("Event " + (index + 1) + " of " + of + " (" + actual.type() + ") has a payload that is not"
                    + " valid JSON: " + e.parserMessage() + "\nPayload: " + actual.payload().text());
        }
        List<String> problems = new ArrayList<>();
        if (!expected.type().equals(actual.type())) {
            problems.add("type: expected " + expected.type() + " but was " + actual.type());
        }
        expected.tags().filter(tags -> !tags.equals(actual.tags()))
                .ifPresent(tags -> problems.add("tags: expected " + tags + " but was " + actual.tags()));
        problems.addAll(JsonDiff.differences(expectedJson, actualJson));
        if (!problems.isEmpty()) {
            String expectedText = JsonDiff.pretty(expectedJson);
            String actualText = JsonDiff.pretty(actualJson);
            throw AssertionFailureBuilder.assertionFailure()
                    .message("Event " + (index + 1) + " of " + of + " (" + actual.type() + ", "
                            + actual.key() + ") differs from the expectation at " + problems.size()
                            + (problems.size() == 1 ? " place" : " places") + ":\n  "
                            + String.join("\n  ", problems)
                            + "\nExpected JSON:\n" + expectedText + "\nActual JSON:\n" + actualText)
                    .expected(expectedText)
                    .actual(actualText)
                    .includeValuesInMessage(false)
                    .build();
        }
    }

    /**
     * Expects the event to pass through unchanged: no upcaster reads it and it is at the final revision.
     *
     * @return the event, which the chain did not decode
     */
    public StoredEvent expectUnchanged() {
        UpcastOutcome result = outcome();
        if (result instanceof UpcastOutcome.Unchanged unchanged) {
            return unchanged.event();
        }
        throw fail("Expected " + event.type() + " to pass through unchanged but " + describe(result));
    }

    /** Expects an upcaster to drop the event: the chain produces no events. */
    public void expectDropped() {
        UpcastOutcome result = outcome();
        if (!(result instanceof UpcastOutcome.Upcast upcast && upcast.isDrop())) {
            throw fail("Expected " + event.type() + " to be dropped but " + describe(result));
        }
    }

    /**
     * Expects the chain to fail with a code.
     *
     * @param code the expected error code
     * @return the failure, to check its message
     */
    public UpcastFailure expectFailure(UpcastErrorCode code) {
        UpcastOutcome result = outcome();
        if (result instanceof UpcastOutcome.Failed failed && failed.failure().code() == code) {
            return failed.failure();
        }
        throw fail("Expected " + event.type() + " to fail with " + code + " but " + describe(result));
    }

    private static String count(int events) {
        return events == 1 ? "1 event" : events + " events";
    }

    private static String describe(UpcastOutcome outcome) {
        if (outcome instanceof UpcastOutcome.Unchanged unchanged) {
            return "it passed through unchanged as " + unchanged.event().type()
                    + " (no upcaster reads it and it is at the final revision)";
        }
        if (outcome instanceof UpcastOutcome.Upcast upcast) {
            if (upcast.isDrop()) {
                return "the chain dropped it (" + String.join(", ", upcast.appliedUpcasters()) + ")";
            }
            return "the chain produced " + count(upcast.outputs().size()) + ":\n" + upcast.outputs().stream()
                    .map(output -> "  " + output.type() + " " + output.payload().text() + " tags=" + output.tags())
                    .collect(Collectors.joining("\n"));
        }
        UpcastFailure failure = ((UpcastOutcome.Failed) outcome).failure();
        return "the chain failed with " + failure;
    }

    private static AssertionError fail(String message) {
        return AssertionFailureBuilder.assertionFailure().message(message).build();
    }
}
