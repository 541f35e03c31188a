package io.recast.engine.testkit;

import io.recast.engine.event.EventType;
import io.recast.engine.event.Payload;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.UpcastContext;
import io.recast.engine.upcast.Upcaster;
import io.recast.engine.upcast.UpcasterChain;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Given a legacy event, expect this upcast event: the test fixture for upcasters.
 *
 * <pre>{@code
 * UpcasterFixture.forUpcaster(new OrderPlaced_1_0_to_1_1())
 *         .given("OrderPlaced@1.0", "{\"amount\": 10}")
 *         .expectEvent("OrderPlaced@1.1", "{\"total\": 10, \"currency\": \"EUR\"}");
 * }</pre>
 *
 * <p>Test one upcaster with {@link #forUpcaster(Upcaster)}, or a whole migration with
 * {@link #forChain(UpcasterChain)} to see an event go through every step. Given events have the
 * persistence id {@value #PERSISTENCE_ID}, sequence number 1, the timestamp {@link #TIMESTAMP} and the
 * serializer id {@value #SERIALIZER_ID} unless given as a whole {@link StoredEvent}. Immutable.
 */
public final class UpcasterFixture {

    /** The persistence id of given events. */
    public static final String PERSISTENCE_ID = "fixture-entity-1";

    /** The timestamp of given events. */
    public static final Instant TIMESTAMP = Instant.parse("2024-01-01T00:00:00Z");

    /** The serializer id of given events: Pekko's Jackson JSON serializer. */
    public static final int SERIALIZER_ID = 31;

    private final UpcasterChain chain;
    private final UpcastContext context;

    private UpcasterFixture(UpcasterChain chain, UpcastContext context) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * A fixture that runs events through a whole chain.
     *
     * @param chain the chain under test
     * @return the fixture, with an empty context
     */
    public static UpcasterFixture forChain(UpcasterChain chain) {
        return new UpcasterFixture(chain, UpcastContext.empty());
    }

    /**
     * A fixture for one upcaster: a chain of its source and target revisions with only this upcaster, so
     * events of other types at the source revision fail with {@code MISSING_UPCASTER}, and events at the
     * target revision pass through unchanged.
     *
     * @param upcaster the upcaster under test
     * @return the fixture, with an empty context
     * @throws io.recast.engine.upcast.InvalidUpcasterChainException if the upcaster's target revision equals
     *     its source revision
     */
    public static UpcasterFixture forUpcaster(Upcaster upcaster) {
        Objects.requireNonNull(upcaster, "upcaster");
        UpcasterChain chain = UpcasterChain.builder()
                .revisions(upcaster.source().revision(), upcaster.targetRevision())
                .add(upcaster)
                .build();
        return forChain(chain);
    }

    /**
     * The same fixture with lookups for context-aware upcasters.
     *
     * @param context the context the chain gets
     * @return a new fixture
     */
    public UpcasterFixture withContext(UpcastContext context) {
        return new UpcasterFixture(chain, context);
    }

    /**
     * Gives a legacy event without tags.
     *
     * @param type the event's type
     * @param legacyJson the stored payload; not parsed before an upcaster asks for it
     * @return the expectations
     */
    public GivenEvent given(EventType type, String legacyJson) {
        return given(type, legacyJson, Set.of());
    }

    /**
     * Gives a legacy event with tags.
     *
     * @param type the event's type
     * @param legacyJson the stored payload; not parsed before an upcaster asks for it
     * @param tags the event's tags
     * @return the expectations
     */
    public GivenEvent given(EventType type, String legacyJson, Set<String> tags) {
        Objects.requireNonNull(legacyJson, "legacyJson");
        return given(StoredEvent.builder()
                .persistenceId(PERSISTENCE_ID)
                .sequenceNr(1)
                .timestamp(TIMESTAMP)
                .serializerId(SERIALIZER_ID)
                .tags(tags)
                .type(type)
                .payload(Payload.ofBytes(legacyJson.getBytes(StandardCharsets.UTF_8)))
                .build());
    }

    /**
     * Gives a legacy event of a type written as {@code Name@revision}, without tags.
     *
     * @param type for example {@code OrderPlaced@1.0}
     * @param legacyJson the stored payload; not parsed before an upcaster asks for it
     * @return the expectations
     */
    public GivenEvent given(String type, String legacyJson) {
        return given(EventType.parse(type), legacyJson);
    }

    /**
     * Gives a legacy event of a type written as {@code Name@revision}, with tags.
     *
     * @param type for example {@code OrderPlaced@1.0}
     * @param legacyJson the stored payload; not parsed before an upcaster asks for it
     * @param tags the event's tags
     * @return the expectations
     */
    public GivenEvent given(String type, String legacyJson, Set<String> tags) {
        return given(EventType.parse(type), legacyJson, tags);
    }

    /**
     * Gives a whole event, for upcasters that read its key or timestamp.
     *
     * @param event the legacy event
     * @return the expectations
     */
    public GivenEvent given(StoredEvent event) {
        return new GivenEvent(chain, context, Objects.requireNonNull(event, "event"));
    }

    /**
     * The chain the fixture runs.
     *
     * @return the chain
     */
    public UpcasterChain chain() {
        return chain;
    }
}
