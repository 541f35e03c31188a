/**
 * A Nexus-like knowledge-graph service written with Pekko Persistence: organizations, projects, resources (JSON-LD),
 * files, storages and views. Each schema version of its event model has its own package ({@code v1_0}, {@code v1_1});
 * the Jackson manifest (the class name) therefore names the revision, which is what Recast's upcasters match.
 */
package io.recast.kg;
