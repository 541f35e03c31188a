package io.recast.kg;

/** IRIs that the knowledge-graph service uses. */
public final class Vocabulary {

    /** The Nexus vocabulary. */
    public static final String NXV = "https://bluebrain.github.io/nexus/vocabulary/";
    /** The type that v1.1 removes from every resource. */
    public static final String ALPHA = NXV + "Alpha";
    /** The default disk storage of v1.1. */
    public static final String DEFAULT_STORAGE = NXV + "diskStorageDefault";

    private Vocabulary() {
    }

    /** The tag of a type, as the service tags resource events. */
    public static String typeTag(String typeIri) {
        return "type=" + typeIri;
    }

    /** The tag of a project. */
    public static String projectTag(String projectUuid) {
        return "project=" + projectUuid;
    }

    /** The tag of an organization (added by v1.1). */
    public static String orgTag(String organizationUuid) {
        return "org=" + organizationUuid;
    }
}
