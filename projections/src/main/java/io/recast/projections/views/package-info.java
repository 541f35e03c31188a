/**
 * The read models that the service derives from its journal (an index such as Elasticsearch, an RDF store such as
 * Blazegraph), rebuilt and kept up to date by one handler in two modes: {@link
 * io.recast.projections.views.ViewReplayProjection} replays the whole journal by token ranges (a rebuild), {@link
 * io.recast.projections.views.LiveViewProjection} follows {@code eventsByTag} (the running service). Both fold an
 * entity's events with the domain's {@link io.recast.engine.view.EntityViewProjector} and write through {@link
 * io.recast.projections.views.ViewWriter}; writes are versioned by revision and replace graphs whole, so the switch
 * from replay to live starts a little before the replay did and repeats nothing visible.
 */
package io.recast.projections.views;
