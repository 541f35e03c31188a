package io.recast.engine.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds events for tests: persistence id {@code p-1}, sequence number 1, a fixed timestamp. */
public final class TestEvents {

    /** The timestamp of test events. */
    public static final Instant TIMESTAMP = Instant.parse("2023-05-01T10:15:30Z");

    private TestEvents() {
    }

    /**
     * A builder for an event of a type written as {@code Name@revision} with a JSON payload held as bytes.
     *
     * @param type the type
     * @param json the payload
     * @return the builder
     */
    public static StoredEvent.Builder builder(String type, String json) {
        return StoredEvent.builder()
                .persistenceId("p-1")
                .sequenceNr(1)
                .timestamp(TIMESTAMP)
                .serializerId(31)
                .type(EventType.parse(type))
                .payload(Payload.ofBytes(json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * An event of a type written as {@code Name@revision} with a JSON payload held as bytes.
     *
     * @param type the type
     * @param json the payload
     * @return the event, undecoded
     */
    public static StoredEvent event(String type, String json) {
        return builder(type, json).build();
    }
}
