package io.recast.engine.event;

/**
 * Thrown by a {@link ManifestCodec} that cannot read a manifest.
 *
 * <p>The message names the manifest, the codec and what to do: configure the codec that matches the
 * service's manifests, or quarantine the event.
 */
public class UnknownManifestException extends RuntimeException {

    /** The manifest that could not be read. */
    private final String manifest;

    /**
     * Creates the exception.
     *
     * @param manifest the manifest that could not be read, as stored
     * @param codec the codec that tried
     * @param reason why the codec cannot read it
     */
    public UnknownManifestException(String manifest, ManifestCodec codec, String reason) {
        super("Cannot read manifest '" + manifest + "' with " + codec + ": " + reason
                + ". Configure the ManifestCodec that matches this service's manifests, or leave the event"
                + " unchanged and quarantine it.");
        this.manifest = manifest;
    }

    /**
     * The manifest that could not be read.
     *
     * @return the manifest, as stored
     */
    public String manifest() {
        return manifest;
    }
}
