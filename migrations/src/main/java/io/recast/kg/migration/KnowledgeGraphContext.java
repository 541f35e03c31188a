package io.recast.kg.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.ContextCollector;
import io.recast.engine.upcast.ContextKey;
import io.recast.engine.upcast.MutableUpcastContext;
import java.util.List;
import java.util.Objects;

/**
 * What the v1.0 to v1.1 upcasters need to know about projects, gathered in the first pass over the journal.
 *
 * <p>Two entries per project, both under the project's UUID (the {@code project} field of project-scoped events):
 * <ul>
 *   <li>{@link #PROJECT}: its organization, {@code @base} and {@code @vocab}, from its own {@code ProjectCreated};</li>
 *   <li>{@link #VOLUME}: the volume of its disk storage, from the {@code StorageCreated} of the project.</li>
 * </ul>
 */
public final class KnowledgeGraphContext {

    /** A project's organization, base and vocabulary, under the project's UUID. */
    public static final ContextKey<ProjectFacts> PROJECT = new ContextKey<>("project", ProjectFacts.class);

    /** The volume of a project's disk storage, under the project's UUID. */
    public static final ContextKey<String> VOLUME = new ContextKey<>("storageVolume", String.class);

    private static final List<ContextCollector> COLLECTORS = List.of(new ProjectCollector(),
            new StorageVolumeCollector());

    private KnowledgeGraphContext() {
    }

    /**
     * The collectors of the first pass.
     *
     * @return a {@link ProjectCollector} and a {@link StorageVolumeCollector}
     */
    public static List<ContextCollector> collectors() {
        return COLLECTORS;
    }

    /**
     * What a v1.0 {@code ProjectCreated} says about its project.
     *
     * @param organizationUuid the UUID of the project's organization
     * @param base the project's {@code @base}
     * @param vocab the project's {@code @vocab}
     */
    public record ProjectFacts(String organizationUuid, String base, String vocab) {

        /**
         * Checks that every fact is there.
         *
         * @param organizationUuid the UUID of the project's organization
         * @param base the project's {@code @base}
         * @param vocab the project's {@code @vocab}
         * @throws NullPointerException if a fact is null
         */
        public ProjectFacts {
            Objects.requireNonNull(organizationUuid, "organizationUuid");
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(vocab, "vocab");
        }
    }

    /**
     * Reads v1.0 {@code ProjectCreated} events and puts their {@link ProjectFacts} under the project's UUID (the
     * event's {@code id}).
     */
    public static final class ProjectCollector implements ContextCollector {

        /** The type this collector reads. */
        public static final EventType SOURCE = KgEventTypes.v1_0("ProjectCreated");
        /** The same event once rewritten (same fields), read too so that a later run still knows the project. */
        public static final EventType REWRITTEN = SOURCE.withRevision("1.1");

        /** Creates the collector; it is stateless. */
        public ProjectCollector() {
        }

        @Override
        public boolean collects(EventType type) {
            return SOURCE.equals(type) || REWRITTEN.equals(type);
        }

        /** Projects are the entities {@code projects-<uuid>}: the first pass reads only those. */
        @Override
        public java.util.Set<String> persistenceIdPrefixes() {
            return java.util.Set.of("projects-");
        }

        @Override
        public void collect(StoredEvent event, MutableUpcastContext context) {
            ObjectNode payload = event.payload().mutableCopy();
            context.put(PROJECT, Fields.text(payload, "id"), new ProjectFacts(Fields.text(payload, "organizationUuid"),
                    Fields.text(payload, "base"), Fields.text(payload, "vocab")));
        }
    }

    /**
     * Reads v1.0 {@code StorageCreated} events and puts their {@code volume} under their {@code project}. A project
     * of v1.0 has one disk storage; if the journal holds several, the last one read wins.
     */
    public static final class StorageVolumeCollector implements ContextCollector {

        /** The type this collector reads. */
        public static final EventType SOURCE = KgEventTypes.v1_0("StorageCreated");
        /** The same event once rewritten (it keeps project and volume), read too so that a later run still knows it. */
        public static final EventType REWRITTEN = SOURCE.withRevision("1.1");

        /** Creates the collector; it is stateless. */
        public StorageVolumeCollector() {
        }

        @Override
        public boolean collects(EventType type) {
            return SOURCE.equals(type) || REWRITTEN.equals(type);
        }

        /** Storages are the entities {@code storages-<uuid>}: the first pass reads only those. */
        @Override
        public java.util.Set<String> persistenceIdPrefixes() {
            return java.util.Set.of("storages-");
        }

        @Override
        public void collect(StoredEvent event, MutableUpcastContext context) {
            ObjectNode payload = event.payload().mutableCopy();
            context.put(VOLUME, Fields.text(payload, "project"), Fields.text(payload, "volume"));
        }
    }
}
