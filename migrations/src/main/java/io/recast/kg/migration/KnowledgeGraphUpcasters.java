package io.recast.kg.migration;

import io.recast.engine.event.PackageRevisionManifestCodec;
import io.recast.engine.upcast.ContextCollector;
import io.recast.engine.upcast.EventTypeUpcaster;
import io.recast.engine.upcast.UpcasterChain;
import io.recast.engine.upcast.UpcasterSet;
import java.util.List;

/**
 * The migration of the knowledge-graph service from v1.0 to v1.1: every v1.0 event type has one step, and the first
 * pass collects the projects' facts ({@link KnowledgeGraphContext}). Registered in
 * {@code META-INF/services/io.recast.engine.upcast.UpcasterSet}.
 *
 * <p>The service keeps each revision's events in its own package, so read and write the manifests with
 * {@link #MANIFESTS}.
 */
public final class KnowledgeGraphUpcasters implements UpcasterSet {

    /**
     * The service's manifests: {@code io.recast.kg.v1_0.KgEvent$ResourceCreated} is
     * {@code KgEvent$ResourceCreated@1.0}, and {@code KgEvent$ResourceCreated@1.1} is written
     * {@code io.recast.kg.v1_1.KgEvent$ResourceCreated}.
     */
    public static final PackageRevisionManifestCodec MANIFESTS = new PackageRevisionManifestCodec("io.recast.kg.v");

    private static final UpcasterChain CHAIN = UpcasterChain.builder()
            .revisions(KgEventTypes.V1_0, KgEventTypes.V1_1)
            // organizations and projects: only the revision changes, the payload is not decoded
            .add(EventTypeUpcaster.from(KgEventTypes.v1_0("OrganizationCreated")).toRevision(KgEventTypes.V1_1))
            .add(EventTypeUpcaster.from(KgEventTypes.v1_0("ProjectCreated")).toRevision(KgEventTypes.V1_1))
            // project-scoped entities
            .add(new StorageCreated_1_0_to_1_1())
            .add(new ViewCreated_1_0_to_1_1())
            .add(new ResourceCreated_1_0_to_1_1())
            .add(new ResourceCreatedAndTagged_1_0_to_1_1())
            .add(new ResourceUpdated_1_0_to_1_1())
            .add(new ResourceTagAdded_1_0_to_1_1())
            .add(new ResourceDeprecated_1_0_to_1_1())
            .add(new ResourceAttributesRefreshed_1_0_to_1_1())
            .add(new FileCreated_1_0_to_1_1())
            .add(new FileUpdated_1_0_to_1_1())
            .build();

    /** Creates the set; the chain is built once and shared. */
    public KnowledgeGraphUpcasters() {
    }

    /**
     * The service version before the migration.
     *
     * @return {@code 1.0}
     */
    @Override
    public String fromVersion() {
        return KgEventTypes.V1_0;
    }

    /**
     * The service version after the migration.
     *
     * @return {@code 1.1}
     */
    @Override
    public String toVersion() {
        return KgEventTypes.V1_1;
    }

    /**
     * The upcasters, one per v1.0 event type.
     *
     * @return the chain of revisions 1.0 and 1.1
     */
    @Override
    public UpcasterChain chain() {
        return CHAIN;
    }

    /**
     * The collectors of the first pass: the projects' organization, base and vocabulary, and their storage's volume.
     *
     * @return {@link KnowledgeGraphContext#collectors()}
     */
    @Override
    public List<ContextCollector> collectors() {
        return KnowledgeGraphContext.collectors();
    }

    /** The service keeps one package per revision: {@link #MANIFESTS}. */
    @Override
    public io.recast.engine.event.ManifestCodec manifests() {
        return MANIFESTS;
    }
}
