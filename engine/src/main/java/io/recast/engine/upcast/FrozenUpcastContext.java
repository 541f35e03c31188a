package io.recast.engine.upcast;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An immutable context: the empty one, and the snapshots of {@link MutableUpcastContext}. */
final class FrozenUpcastContext implements UpcastContext {

    static final FrozenUpcastContext EMPTY = new FrozenUpcastContext(Map.of());

    private final Map<ContextKey<?>, Map<String, Object>> entries;

    FrozenUpcastContext(Map<ContextKey<?>, ? extends Map<String, Object>> entries) {
        Map<ContextKey<?>, Map<String, Object>> copy = new HashMap<>();
        entries.forEach((key, values) -> copy.put(key, Map.copyOf(values)));
        this.entries = Map.copyOf(copy);
    }

    @Override
    public <T> Optional<T> get(ContextKey<T> key, String id) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Map<String, Object> values = entries.get(key);
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(id)).map(key.type()::cast);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("UpcastContext(");
        entries.forEach((key, values) -> text.append(key).append(": ").append(values.size()).append(" entries; "));
        return text.append(')').toString();
    }
}
