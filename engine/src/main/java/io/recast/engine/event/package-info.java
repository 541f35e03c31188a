/**
 * The immutable, lazy event model.
 *
 * <p>A {@link io.recast.engine.event.StoredEvent} is one row of the journal: its key
 * ({@link io.recast.engine.event.EventKey}), its {@link io.recast.engine.event.EventType} (name and
 * revision, decoded from the stored manifest by a {@link io.recast.engine.event.ManifestCodec}) and its
 * {@link io.recast.engine.event.Payload}. The payload keeps the stored bytes and parses them only when
 * someone asks for the JSON, so events that no upcaster touches are never decoded.
 */
package io.recast.engine.event;
