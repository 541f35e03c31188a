package io.recast.engine.view;

/**
 * A document or graph that a sink refused for good (e.g. a field of the wrong type, JSON-LD that does not expand):
 * retrying cannot help, so the projection records it and goes on.
 *
 * @param id     the document id or graph IRI
 * @param reason what the sink said
 */
public record RejectedDocument(String id, String reason) {
}
