package io.recast.adapters.rdf;

import java.net.URI;
import no.hasmac.jsonld.JsonLdError;
import no.hasmac.jsonld.JsonLdErrorCode;
import no.hasmac.jsonld.document.Document;
import no.hasmac.jsonld.loader.DocumentLoader;
import no.hasmac.jsonld.loader.DocumentLoaderOptions;

/**
 * The JSON-LD document loader of {@link JsonLdGraphs}: it loads nothing. A remote {@code @context} fails at once with
 * an error naming its URL, so the parser never opens a connection.
 */
final class InlineContextsOnly implements DocumentLoader {

    /** The start of the message of a refused context; the URL and the advice follow. */
    static final String REFUSED = "remote context <";

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, refusal(url.toString()));
    }

    /** The message of a refused remote context. */
    static String refusal(String url) {
        return REFUSED + url + "> is not allowed: inline it";
    }
}
