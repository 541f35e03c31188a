package io.recast.engine.event;

/**
 * Reads and writes the manifest column of the journal.
 *
 * <p>Each service stores the type of its events in its own way: Pekko's Jackson serializer writes the
 * class name with a {@code #revision} suffix ({@link HashSuffixManifestCodec}); other services keep one
 * package per revision ({@link PackageRevisionManifestCodec}). A codec turns that convention into an
 * {@link EventType} and back, so that upcasters only ever see names and revisions.
 *
 * <p>For every type {@code t} the codec can write, {@code decode(encode(t))} equals {@code t}.
 * Implementations are stateless and thread-safe.
 */
public interface ManifestCodec {

    /**
     * Reads a manifest.
     *
     * @param manifest the manifest as stored in the journal
     * @return the event type it names
     * @throws UnknownManifestException if this codec cannot read the manifest
     */
    EventType decode(String manifest);

    /**
     * Writes the manifest for a type, for the journal writer.
     *
     * @param type the event type
     * @return the manifest to store
     * @throws IllegalArgumentException if the type cannot be written in this codec's convention
     */
    String encode(EventType type);
}
