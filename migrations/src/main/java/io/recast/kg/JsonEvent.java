package io.recast.kg;

/** Marker for the knowledge-graph service's events and commands: serialized with Pekko's Jackson JSON serializer. */
public interface JsonEvent {
}
