package io.recast.engine.upcast;

import java.util.Objects;

/**
 * A typed key of the {@link UpcastContext}, for example the base IRI of a project.
 *
 * <p>Declare keys as constants shared by the {@link ContextCollector} that fills them and the
 * {@link ContextAwareUpcaster} that reads them:
 * {@code static final ContextKey<String> BASE_IRI = new ContextKey<>("baseIri", String.class);}
 *
 * @param name what the entries are, for messages
 * @param type the class of the values
 * @param <T> the type of the values
 */
public record ContextKey<T>(String name, Class<T> type) {

    /**
     * Checks both parts.
     *
     * @param name what the entries are, for messages
     * @param type the class of the values
     * @throws IllegalArgumentException if the name is blank
     * @throws NullPointerException if the name or the type is null
     */
    public ContextKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A context key needs a name");
        }
    }

    /**
     * Returns {@code name (SimpleTypeName)}.
     *
     * @return the key as text
     */
    @Override
    public String toString() {
        return name + " (" + type.getSimpleName() + ")";
    }
}
