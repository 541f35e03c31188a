package io.recast.engine.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The payload of an event: the stored UTF-8 JSON bytes, decoded only when asked.
 *
 * <p>A payload read from the journal holds its bytes and parses them the first time {@link #json()} or
 * {@link #mutableCopy()} is called; the parsed tree is kept for later calls (thread-safe). A payload
 * built from a tree ({@link #ofJson(JsonNode)}) writes its bytes the first time {@link #bytes()} is
 * called. Either way the payload never changes: {@link #bytes()} returns a copy, and {@link #json()}
 * and {@link #mutableCopy()} return deep copies, so whatever a caller does to them never reaches the
 * stored event.
 *
 * <p>Numbers keep their written form: {@code 1.50} stays {@code 1.50} when a decoded payload is written
 * again.
 *
 * <p>Two payloads are equal when their bytes are equal; two trees with the same fields in another order
 * are different payloads.
 */
public final class Payload {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    /** The mapper's tree reader, built once: {@code ObjectMapper.readTree} resolves the tree's type on every call. */
    private static final ObjectReader TREES = MAPPER.reader();

    private volatile byte[] bytes;
    private volatile JsonNode tree;
    /** Set when {@link #mutableCopy()} parsed the bytes without keeping the tree. */
    private volatile boolean parsedOnce;

    private Payload(byte[] bytes, JsonNode tree) {
        this.bytes = bytes;
        this.tree = tree;
    }

    /**
     * A payload over stored bytes; nothing is parsed until the JSON is asked for.
     *
     * @param bytes UTF-8 JSON as stored; copied
     * @return the payload
     */
    public static Payload ofBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new Payload(bytes.clone(), null);
    }

    /**
     * A payload over stored bytes that nobody else changes, without copying them: for bytes just read from the journal
     * and held only by the row they came from. The caller must not change the array afterwards.
     *
     * @param bytes UTF-8 JSON as stored, handed over
     * @return the payload
     */
    public static Payload ofOwnedBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new Payload(bytes, null);
    }

    /**
     * A payload over a JSON tree, for upcasters' outputs. The tree is copied, so later changes to it do
     * not reach the payload.
     *
     * @param json the payload's JSON
     * @return the payload, already decoded
     * @throws IllegalArgumentException if the node is a missing node
     */
    public static Payload ofJson(JsonNode json) {
        Objects.requireNonNull(json, "json");
        if (json.isMissingNode()) {
            throw new IllegalArgumentException("A payload needs a JSON value; got a missing node");
        }
        return new Payload(null, json.deepCopy());
    }

    /**
     * A payload that takes over a tree built for it, without copying: for upcasters' outputs, whose trees nobody else
     * holds. The caller must not change the tree afterwards.
     *
     * @param json the payload's JSON, handed over
     * @return the payload, already decoded
     */
    public static Payload ofOwnedJson(JsonNode json) {
        Objects.requireNonNull(json, "json");
        if (json.isMissingNode()) {
            throw new IllegalArgumentException("A payload needs a JSON value; got a missing node");
        }
        return new Payload(null, json);
    }

    /**
     * The stored bytes (for a payload built from a tree, its compact JSON form).
     *
     * @return a copy of the UTF-8 JSON bytes
     */
    public byte[] bytes() {
        return encoded().clone();
    }

    /**
     * The bytes as text.
     *
     * @return the JSON as a string
     */
    public String text() {
        return new String(encoded(), StandardCharsets.UTF_8);
    }

    /**
     * The number of bytes, without decoding.
     *
     * @return the size in bytes
     */
    public int size() {
        return encoded().length;
    }

    /**
     * Whether the JSON has been parsed yet. Used to prove that an event went through the chain undecoded.
     *
     * @return true once the payload holds a parsed tree
     */
    public boolean isDecoded() {
        return tree != null || parsedOnce;
    }

    /**
     * The JSON, parsed on the first call.
     *
     * @return a deep copy of the tree: changing it does not change this payload
     * @throws MalformedPayloadException if the bytes are not one JSON value
     */
    public JsonNode json() {
        return decoded().deepCopy();
    }

    /**
     * The JSON object for an upcaster to reshape.
     *
     * @return a deep copy of the payload's object, free to change
     * @throws MalformedPayloadException if the bytes are not JSON, or the JSON is not an object
     */
    public ObjectNode mutableCopy() {
        JsonNode kept = tree;
        JsonNode node;
        if (kept != null) {
            node = kept.deepCopy();
        } else {
            // not decoded yet: a fresh parse is already a private copy (one parse, no copy)
            node = parse(bytes);
            parsedOnce = true;
        }
        if (!node.isObject()) {
            throw new MalformedPayloadException("expected a JSON object but found " + node.getNodeType(), null);
        }
        return (ObjectNode) node;
    }

    private JsonNode decoded() {
        JsonNode current = tree;
        if (current == null) {
            synchronized (this) {
                current = tree;
                if (current == null) {
                    current = parse(bytes);
                    tree = current;
                }
            }
        }
        return current;
    }

    private byte[] encoded() {
        byte[] current = bytes;
        if (current == null) {
            synchronized (this) {
                current = bytes;
                if (current == null) {
                    current = write(tree);
                    bytes = current;
                }
            }
        }
        return current;
    }

    private static JsonNode parse(byte[] json) {
        try {
            JsonNode node = TREES.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new MalformedPayloadException("no JSON content (" + json.length + " bytes)", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedPayloadException(e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedPayloadException(String.valueOf(e.getMessage()), e);
        }
    }

    private static byte[] write(JsonNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a JSON tree as bytes: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Compares the bytes.
     *
     * @param other the object to compare with
     * @return true if the other is a payload with the same bytes
     */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Payload that && Arrays.equals(encoded(), that.encoded());
    }

    /**
     * Hashes the bytes.
     *
     * @return a hash of the bytes
     */
    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded());
    }

    /**
     * Size and state only: payloads may hold personal data, so their content stays out of logs.
     *
     * @return for example {@code Payload(42 bytes, decoded)}
     */
    @Override
    public String toString() {
        return "Payload(" + size() + " bytes, " + (isDecoded() ? "decoded" : "not decoded") + ")";
    }
}
