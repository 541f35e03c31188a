package io.recast.engine.event;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ManifestCodec} that remembers what it decoded: a journal holds few distinct manifests, read once per
 * event. Unknown manifests are not remembered (each is reported again), and at most {@value #MAX_ENTRIES} are.
 */
public final class CachingManifestCodec implements ManifestCodec {

    /** How many distinct manifests are remembered at most. */
    public static final int MAX_ENTRIES = 10_000;

    private final ManifestCodec codec;
    private final ConcurrentHashMap<String, EventType> decoded = new ConcurrentHashMap<>();

    private CachingManifestCodec(ManifestCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The codec, remembering its decodings (itself when it already does). */
    public static ManifestCodec of(ManifestCodec codec) {
        return codec instanceof CachingManifestCodec ? codec : new CachingManifestCodec(codec);
    }

    @Override
    public EventType decode(String manifest) {
        EventType type = manifest == null ? null : decoded.get(manifest);
        if (type == null) {
            type = codec.decode(manifest);
            if (decoded.size() < MAX_ENTRIES) {
                decoded.putIfAbsent(manifest, type);
            }
        }
        return type;
    }

    @Override
    public String encode(EventType type) {
        return codec.encode(type);
    }

    @Override
    public String toString() {
        return "caching " + codec;
    }
}
