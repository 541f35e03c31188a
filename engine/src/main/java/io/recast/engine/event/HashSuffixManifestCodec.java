package io.recast.engine.event;

import java.util.Objects;

/**
 * The manifest convention of Pekko's Jackson serializer: the class name, then {@code #} and the
 * revision, for example {@code com.example.OrderPlaced#2}.
 *
 * <p>Pekko writes no suffix while a class is at its first version, so a manifest without {@code #}
 * decodes to the configured default revision ({@code "1"} unless told otherwise), and
 * {@link #encode(EventType)} leaves the suffix out for that revision.
 */
public final class HashSuffixManifestCodec implements ManifestCodec {

    /** The revision of a manifest without suffix unless configured otherwise. */
    public static final String DEFAULT_REVISION = "1";

    private static final char SUFFIX = '#';

    private final String defaultRevision;

    /** A codec whose manifests without suffix are at revision {@value #DEFAULT_REVISION}. */
    public HashSuffixManifestCodec() {
        this(DEFAULT_REVISION);
    }

    /**
     * A codec with another revision for manifests without suffix.
     *
     * @param defaultRevision the revision of a manifest that has no {@code #} suffix
     * @throws IllegalArgumentException if the revision is blank
     */
    public HashSuffixManifestCodec(String defaultRevision) {
        Objects.requireNonNull(defaultRevision, "defaultRevision");
        if (defaultRevision.isBlank()) {
            throw new IllegalArgumentException("The default revision of a HashSuffixManifestCodec must not be blank");
        }
        this.defaultRevision = defaultRevision;
    }

    /**
     * The revision of manifests without suffix.
     *
     * @return the default revision
     */
    public String defaultRevision() {
        return defaultRevision;
    }

    /**
     * Reads {@code name#revision}, or {@code name} alone at the default revision.
     *
     * @param manifest the stored manifest
     * @return the event type
     * @throws UnknownManifestException if the manifest is blank, or its name or revision is empty
     */
    @Override
    public EventType decode(String manifest) {
        if (manifest == null || manifest.isBlank()) {
            throw new UnknownManifestException(String.valueOf(manifest), this, "the manifest is empty");
        }
        int hash = manifest.lastIndexOf(SUFFIX);
        if (hash < 0) {
            return new EventType(manifest, defaultRevision);
        }
        String name = manifest.substring(0, hash);
        String revision = manifest.substring(hash + 1);
        if (name.isBlank() || revision.isBlank()) {
            throw new UnknownManifestException(manifest, this,
                    "expected a class name, '#' and a revision, as in com.example.OrderPlaced#2");
        }
        return new EventType(name, revision);
    }

    /**
     * Writes {@code name#revision}, or the name alone at the default revision.
     *
     * @param type the event type
     * @return the manifest
     */
    @Override
    public String encode(EventType type) {
        Objects.requireNonNull(type, "type");
        if (type.revision().equals(defaultRevision)) {
            return type.name();
        }
        return type.name() + SUFFIX + type.revision();
    }

    /**
     * Names the codec and its default revision, for error messages.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "HashSuffixManifestCodec(default revision " + defaultRevision + ")";
    }
}
