package io.recast.engine.rewrite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.event.TestEvents;
import io.recast.engine.upcast.ContextAwareUpcaster;
import io.recast.engine.upcast.ContextCollector;
import io.recast.engine.upcast.ContextKey;
import io.recast.engine.upcast.DroppingUpcaster;
import io.recast.engine.upcast.EventTypeUpcaster;
import io.recast.engine.upcast.MutableUpcastContext;
import io.recast.engine.upcast.SingleEventUpcaster;
import io.recast.engine.upcast.SplittingUpcaster;
import io.recast.engine.upcast.UpcastContext;
import io.recast.engine.upcast.UpcasterChain;
import io.recast.engine.upcast.UpcasterSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration 1.0 -> 1.1 with every kind of step, for the rewrite tests:
 *
 * <ul>
 *   <li>{@code OrderPlaced@1.0}: the amount is called {@code total} (one to one);</li>
 *   <li>{@code Bundle@1.0}: becomes one {@code OrderPlaced@1.1} per item (a split);</li>
 *   <li>{@code Ping@1.0}: dropped;</li>
 *   <li>{@code ProjectCreated@1.0}: renamed {@code ProjectStarted@1.1}, payload untouched;</li>
 *   <li>{@code ResourceCreated@1.0}: gets an {@code iri} from its project's base, which the first pass collects
 *       from {@code ProjectCreated@1.0} events (so only while they are not yet renamed);</li>
 *   <li>{@code Broken@1.0}: its upcaster always throws.</li>
 * </ul>
 */
final class ShopMigration implements UpcasterSet {

    /** Each project's base IRI, under the project's persistence id. */
    static final ContextKey<String> PROJECT_BASE = new ContextKey<>("projectBase", String.class);

    static final class OrderPlaced_1_0_to_1_1 extends SingleEventUpcaster {
        OrderPlaced_1_0_to_1_1() {
            super(EventType.of("OrderPlaced", "1.0"), "1.1");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            payload.set("total", payload.remove("amount"));
            return payload;
        }
    }

    static final class Bundle_1_0_to_1_1 extends SplittingUpcaster {
        Bundle_1_0_to_1_1() {
            super(EventType.of("Bundle", "1.0"), "1.1");
        }

        @Override
        protected List<Part> split(ObjectNode payload, StoredEvent event, UpcastContext context) {
            List<Part> parts = new ArrayList<>();
            for (JsonNode item : payload.get("items")) {
                parts.add(new Part(EventType.of("OrderPlaced", "1.1"), payload.objectNode().put("total", item.asInt()),
                        event.tags()));
            }
            return parts;
        }
    }

    static final class ResourceCreated_1_0_to_1_1 extends ContextAwareUpcaster {
        ResourceCreated_1_0_to_1_1() {
            super(EventType.of("ResourceCreated", "1.0"), "1.1");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload, StoredEvent event, UpcastContext context) {
            String base = context.require(PROJECT_BASE, payload.get("project").asText());
            return payload.put("iri", base + payload.get("id").asText());
        }
    }

    static final class Broken_1_0_to_1_1 extends SingleEventUpcaster {
        Broken_1_0_to_1_1() {
            super(EventType.of("Broken", "1.0"), "1.1");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            throw new IllegalStateException("broken on purpose");
        }
    }

    /** Reads the base of each project from its {@code ProjectCreated@1.0} event, and from nothing else. */
    static final class ProjectBaseCollector implements ContextCollector {
        @Override
        public boolean collects(EventType type) {
            return type.equals(EventType.of("ProjectCreated", "1.0"));
        }

        @Override
        public void collect(StoredEvent event, MutableUpcastContext context) {
            context.put(PROJECT_BASE, event.persistenceId(), event.payload().json().get("base").asText());
        }
    }

    static final String DROP_PING = DroppingUpcaster.of(EventType.of("Ping", "1.0"), "1.1").name();
    static final String RENAME_PROJECT =
            EventTypeUpcaster.from("ProjectCreated", "1.0").to("ProjectStarted", "1.1").name();

    private static final UpcasterChain CHAIN = UpcasterChain.builder()
            .revisions("1.0", "1.1")
            .add(new OrderPlaced_1_0_to_1_1())
            .add(new Bundle_1_0_to_1_1())
            .add(DroppingUpcaster.of(EventType.of("Ping", "1.0"), "1.1"))
            .add(EventTypeUpcaster.from("ProjectCreated", "1.0").to("ProjectStarted", "1.1"))
            .add(new ResourceCreated_1_0_to_1_1())
            .add(new Broken_1_0_to_1_1())
            .build();

    @Override
    public String fromVersion() {
        return "1.0";
    }

    @Override
    public String toVersion() {
        return "1.1";
    }

    @Override
    public UpcasterChain chain() {
        return CHAIN;
    }

    @Override
    public List<ContextCollector> collectors() {
        return List.of(new ProjectBaseCollector());
    }

    /** The same chain without the first pass: its context-aware upcaster finds no context. */
    static UpcasterSet withoutCollectors() {
        return new UpcasterSet() {
            @Override
            public String fromVersion() {
                return "1.0";
            }

            @Override
            public String toVersion() {
                return "1.1";
            }

            @Override
            public UpcasterChain chain() {
                return CHAIN;
            }
        };
    }

    /** An event of a type written as {@code Name@revision}, its payload held as bytes (not decoded). */
    static StoredEvent event(String persistenceId, long sequenceNr, String type, String json) {
        return TestEvents.builder(type, json).persistenceId(persistenceId).sequenceNr(sequenceNr).build();
    }
}
