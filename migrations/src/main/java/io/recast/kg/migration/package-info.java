/**
 * The migration of the knowledge-graph service's journal from v1.0 to v1.1: one upcaster per event type, the
 * context of the first pass ({@link io.recast.kg.migration.KnowledgeGraphContext}) and the set that ships them
 * ({@link io.recast.kg.migration.KnowledgeGraphUpcasters}).
 *
 * <p>Events are stored by Pekko's Jackson serializer with the class name as manifest, so the type of
 * {@code io.recast.kg.v1_0.KgEvent$ResourceCreated} is {@code KgEvent$ResourceCreated@1.0}
 * ({@link io.recast.kg.migration.KnowledgeGraphUpcasters#MANIFESTS}). The upcasters turn every v1.0 event into
 * exactly the events that the v1.1 service writes for the same command, with the v1.1 tags:
 * <ul>
 *   <li>{@code nxv:Alpha} leaves the resources' {@code types}, their source's {@code @type} and their tags;</li>
 *   <li>every resource, file, storage and view event gains the {@code organization} of its project and the tag
 *       {@code org=<uuid>};</li>
 *   <li>an empty source {@code @context} receives the project's {@code @base} and {@code @vocab};</li>
 *   <li>files gain a location, a storage reference and a structured digest; storages their defaults;</li>
 *   <li>views are typed by kind; a create-and-tag is split in two; the no-op refresh is dropped;</li>
 *   <li>organizations and projects only move to revision 1.1, without decoding their payload.</li>
 * </ul>
 *
 * <p>The upcasters work on the stored JSON and never load the v1.0 or v1.1 event classes, so that later changes to
 * the service's code cannot change what this migration writes.
 */
package io.recast.kg.migration;
