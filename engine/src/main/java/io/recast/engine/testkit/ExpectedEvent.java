package io.recast.engine.testkit;

import io.recast.engine.event.EventType;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One event a test expects the chain to produce, for {@link GivenEvent#expectEvents(ExpectedEvent...)}.
 */
public final class ExpectedEvent {

    private final EventType type;
    private final String json;
    private final Set<String> tags;

    private ExpectedEvent(EventType type, String json, Set<String> tags) {
        this.type = Objects.requireNonNull(type, "type");
        this.json = Objects.requireNonNull(json, "json");
        this.tags = tags == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(tags));
    }

    /**
     * Expects an event of a type with a payload; its tags are not checked.
     *
     * @param type the expected type
     * @param json the expected payload; field order does not matter
     * @return the expectation
     */
    public static ExpectedEvent event(EventType type, String json) {
        return new ExpectedEvent(type, json, null);
    }

    /**
     * Expects an event of a type with a payload and tags.
     *
     * @param type the expected type
     * @param json the expected payload; field order does not matter
     * @param tags the expected tags; order does not matter
     * @return the expectation
     */
    public static ExpectedEvent event(EventType type, String json, Set<String> tags) {
        return new ExpectedEvent(type, json, Objects.requireNonNull(tags, "tags"));
    }

    /**
     * Expects an event of a type written as {@code Name@revision}; its tags are not checked.
     *
     * @param type for example {@code OrderPlaced@1.1}
     * @param json the expected payload; field order does not matter
     * @return the expectation
     */
    public static ExpectedEvent event(String type, String json) {
        return event(EventType.parse(type), json);
    }

    /**
     * Expects an event of a type written as {@code Name@revision}, with tags.
     *
     * @param type for example {@code OrderPlaced@1.1}
     * @param json the expected payload; field order does not matter
     * @param tags the expected tags; order does not matter
     * @return the expectation
     */
    public static ExpectedEvent event(String type, String json, Set<String> tags) {
        return event(EventType.parse(type), json, tags);
    }

    /**
     * The expected type.
     *
     * @return the type
     */
    public EventType type() {
        return type;
    }

    /**
     * The expected payload.
     *
     * @return the JSON as written in the test
     */
    public String json() {
        return json;
    }

    /**
     * The expected tags.
     *
     * @return the tags, or empty when they are not checked
     */
    public Optional<Set<String>> tags() {
        return Optional.ofNullable(tags);
    }

    /**
     * The type and, if checked, the tags.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return type + (tags == null ? "" : " tags=" + tags);
    }
}
