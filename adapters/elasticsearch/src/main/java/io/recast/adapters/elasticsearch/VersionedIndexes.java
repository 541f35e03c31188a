package io.recast.adapters.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.view.RetryPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticsearch.client.RestClient;

/**
 * The versions of one index behind an alias: the indexes {@code <alias>_v<N>}, one of which the alias points to.
 * A rebuild writes a new version while the alias serves the old one, then {@link #switchAlias} moves the alias in
 * one atomic {@code _aliases} request, so searches through the alias never see a missing or half-built index.
 */
public final class VersionedIndexes {

    private final ElasticsearchCalls calls;
    private final String alias;
    private final Pattern versionName;

    /**
     * @param alias the name the service searches, e.g. {@code kg_resources}; lowercase, as Elasticsearch wants
     */
    public VersionedIndexes(RestClient client, String alias, RetryPolicy retry) {
        this.calls = new ElasticsearchCalls(Objects.requireNonNull(client, "client"), retry);
        if (!alias.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("An Elasticsearch alias is lowercase letters, digits, _ or -, got '"
                    + alias + "'");
        }
        this.alias = alias;
        this.versionName = Pattern.compile(Pattern.quote(alias) + "_v(\\d+)");
    }

    public String alias() {
        return alias;
    }

    /** The index of version {@code n}. */
    public String indexOf(int version) {
        return alias + "_v" + version;
    }

    /** The existing versions' indexes, by version. */
    public TreeMap<Integer, String> versions() {
        TreeMap<Integer, String> versions = new TreeMap<>();
        ElasticsearchCalls.Answer answer = calls.call("GET", "/" + alias + "_v*?expand_wildcards=all", null,
                "application/json", "list the versions of " + alias);
        if (answer.ok() && answer.body() != null) {
            for (Iterator<String> names = answer.body().fieldNames(); names.hasNext(); ) {
                String name = names.next();
                Matcher matcher = versionName.matcher(name);
                if (matcher.matches()) {
                    versions.put(Integer.parseInt(matcher.group(1)), name);
                }
            }
        }
        return versions;
    }

    /** Whether an index exists. */
    public boolean exists(String index) {
        return calls.call("HEAD", "/" + index, null, "application/json", "look for " + index).ok();
    }

    /**
     * Creates an index with the given body ({@code settings} and {@code mappings}); an existing one is left as it
     * is.
     *
     * @return whether it was created
     */
    public boolean create(String index, JsonNode body) {
        if (exists(index)) {
            return false;
        }
        ElasticsearchCalls.Answer answer = calls.call("PUT", "/" + index, ElasticsearchCalls.bytes(body),
                "application/json", "create " + index);
        if (answer.ok()) {
            return true;
        }
        if (answer.body() != null && answer.body().path("error").path("type").asText()
                .equals("resource_already_exists_exception")) {
            return false;
        }
        throw new ElasticsearchRequestException("Elasticsearch refused to create " + index + ": HTTP "
                + answer.status() + " " + (answer.body() == null ? "" : answer.body().path("error")));
    }

    /** The index that the alias points to, if any. */
    public Optional<String> activeIndex() {
        ElasticsearchCalls.Answer answer = calls.call("GET", "/_alias/" + alias, null, "application/json",
                "read the alias " + alias);
        if (answer.status() == 404 || answer.body() == null) {
            return Optional.empty();
        }
        Iterator<String> names = answer.body().fieldNames();
        return names.hasNext() ? Optional.of(names.next()) : Optional.empty();
    }

    /** Points the alias to {@code index} and away from every other index, in one atomic request. */
    public void switchAlias(String index) {
        if (!exists(index)) {
            throw new ElasticsearchRequestException("Cannot point " + alias + " to " + index
                    + ": the index does not exist");
        }
        ObjectNode body = ElasticsearchCalls.JSON.createObjectNode();
        ArrayNode actions = body.putArray("actions");
        Optional<String> current = activeIndex();
        if (current.isPresent() && !current.get().equals(index)) {
            actions.addObject().putObject("remove").put("index", current.get()).put("alias", alias);
        }
        actions.addObject().putObject("add").put("index", index).put("alias", alias);
        calls.require("POST", "/_aliases", body, "switch the alias " + alias + " to " + index);
    }

    /** Drops a version; the one the alias points to is refused. */
    public void drop(String index) {
        if (activeIndex().filter(index::equals).isPresent()) {
            throw new ElasticsearchRequestException("Refusing to drop " + index + ": the alias " + alias
                    + " points to it. Switch the alias to another version first.");
        }
        ElasticsearchCalls.Answer answer = calls.call("DELETE", "/" + index, null, "application/json",
                "drop " + index);
        if (!answer.ok() && answer.status() != 404) {
            throw new ElasticsearchRequestException("Elasticsearch refused to drop " + index + ": HTTP "
                    + answer.status());
        }
    }

    /** Drops an index even when the alias points to it (the alias goes with it): for starting over, not cleanup. */
    public void discard(String index) {
        ElasticsearchCalls.Answer answer = calls.call("DELETE", "/" + index, null, "application/json",
                "discard " + index);
        if (!answer.ok() && answer.status() != 404) {
            throw new ElasticsearchRequestException("Elasticsearch refused to drop " + index + ": HTTP "
                    + answer.status());
        }
    }

    /** Drops every version except the one the alias points to; returns the dropped indexes. */
    public List<String> cleanup() {
        Optional<String> active = activeIndex();
        List<String> dropped = new ArrayList<>();
        for (String index : versions().values()) {
            if (active.filter(index::equals).isEmpty()) {
                drop(index);
                dropped.add(index);
            }
        }
        return dropped;
    }

    /** Makes the index's writes searchable now. */
    public void refresh(String index) {
        calls.require("POST", "/" + index + "/_refresh", null, "refresh " + index);
    }

    /** The number of documents in an index (or the alias). */
    public long count(String index) {
        return calls.require("GET", "/" + index + "/_count", null, "count " + index).path("count").asLong();
    }

    /** Sets {@code index.refresh_interval} ({@code -1} during a rebuild, e.g. {@code 1s} when it serves). */
    public void refreshInterval(String index, String interval) {
        ObjectNode body = ElasticsearchCalls.JSON.createObjectNode();
        body.putObject("index").put("refresh_interval", interval);
        calls.require("PUT", "/" + index + "/_settings", body, "set the refresh interval of " + index);
    }

    /** Every document id of an index (or the alias) with its version, read page by page in id order. */
    public java.util.Map<String, Long> documentVersions(String index) {
        refresh(index);
        java.util.Map<String, Long> versions = new java.util.TreeMap<>();
        JsonNode after = null;
        while (true) {
            ObjectNode body = ElasticsearchCalls.JSON.createObjectNode();
            body.put("size", 5_000).put("version", true).put("_source", false);
            body.putArray("sort").add("@id");
            body.putObject("query").putObject("match_all");
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode hits = calls.require("POST", "/" + index + "/_search", body, "read the ids of " + index)
                    .path("hits").path("hits");
            if (hits.isEmpty()) {
                return versions;
            }
            for (JsonNode hit : hits) {
                versions.put(hit.path("_id").asText(), hit.path("_version").asLong());
            }
            after = hits.get(hits.size() - 1).path("sort");
        }
    }

    /** A document's source through the alias or an index, if it exists. */
    public Optional<JsonNode> document(String index, String id) {
        ElasticsearchCalls.Answer answer = calls.call("GET", "/" + index + "/_doc/"
                + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8), null,
                "application/json", "read a document of " + index);
        if (answer.status() == 404 || answer.body() == null || !answer.body().path("found").asBoolean()) {
            return Optional.empty();
        }
        return Optional.of(answer.body());
    }
}
