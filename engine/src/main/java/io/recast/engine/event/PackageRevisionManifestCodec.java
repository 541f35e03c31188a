package io.recast.engine.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The manifest convention of services that keep the event classes of each revision in their own package:
 * a fixed prefix, the revision with its dots written as underscores, a dot, then the event's name.
 *
 * <p>With the prefix {@code io.recast.kg.v}, the manifest {@code io.recast.kg.v1_0.ResourceCreated}
 * decodes to {@code ResourceCreated@1.0}. Everything after the revision's package is the name, so nested
 * classes keep their {@code $} ({@code io.recast.kg.v1_1.ResourceEvent$Created} decodes to
 * {@code ResourceEvent$Created@1.1}).
 */
public final class PackageRevisionManifestCodec implements ManifestCodec {

    private static final Pattern REVISION_SEGMENT = Pattern.compile("[A-Za-z0-9]+(_[A-Za-z0-9]+)*");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*");

    private final String packagePrefix;

    /**
     * Creates a codec.
     *
     * @param packagePrefix what comes before the revision, for example {@code io.recast.kg.v}
     * @throws IllegalArgumentException if the prefix is blank
     */
    public PackageRevisionManifestCodec(String packagePrefix) {
        Objects.requireNonNull(packagePrefix, "packagePrefix");
        if (packagePrefix.isBlank()) {
            throw new IllegalArgumentException("A PackageRevisionManifestCodec needs a package prefix such as io.recast.kg.v");
        }
        this.packagePrefix = packagePrefix;
    }

    /**
     * The prefix before the revision.
     *
     * @return the package prefix
     */
    public String packagePrefix() {
        return packagePrefix;
    }

    /**
     * Reads {@code prefix + revision-with-underscores + "." + name}.
     *
     * @param manifest the stored manifest
     * @return the event type
     * @throws UnknownManifestException if the manifest does not start with the prefix, or has no revision
     *     or no name after it
     */
    @Override
    public EventType decode(String manifest) {
        if (manifest == null || !manifest.startsWith(packagePrefix)) {
            throw new UnknownManifestException(String.valueOf(manifest), this,
                    "it does not start with '" + packagePrefix + "'");
        }
        String rest = manifest.substring(packagePrefix.length());
        int dot = rest.indexOf('.');
        if (dot < 0) {
            throw new UnknownManifestException(manifest, this,
                    "expected '" + packagePrefix + "<revision>.<Name>', as in " + example());
        }
        String segment = rest.substring(0, dot);
        String name = rest.substring(dot + 1);
        if (!REVISION_SEGMENT.matcher(segment).matches()) {
            throw new UnknownManifestException(manifest, this,
                    "'" + segment + "' is not a revision package; expected digits and letters separated by '_', as in "
                            + example());
        }
        if (name.isBlank() || name.startsWith(".") || name.endsWith(".")) {
            throw new UnknownManifestException(manifest, this, "no class name after the revision package");
        }
        return new EventType(name, segment.replace('_', '.'));
    }

    /**
     * Writes {@code prefix + revision-with-underscores + "." + name}.
     *
     * @param type the event type
     * @return the manifest
     * @throws IllegalArgumentException if the revision has characters other than letters, digits and dots
     */
    @Override
    public String encode(EventType type) {
        Objects.requireNonNull(type, "type");
        if (!REVISION.matcher(type.revision()).matches()) {
            throw new IllegalArgumentException("Revision '" + type.revision() + "' of " + type
                    + " cannot be written as a package name; use letters and digits separated by dots");
        }
        return packagePrefix + type.revision().replace('.', '_') + '.' + type.name();
    }

    private String example() {
        return packagePrefix + "1_0.ResourceCreated";
    }

    /**
     * Names the codec and its prefix, for error messages.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "PackageRevisionManifestCodec(prefix " + packagePrefix + ")";
    }
}
