package io.recast.kg.migration;

import io.recast.engine.upcast.UpcastContext;
import io.recast.kg.migration.KnowledgeGraphContext.ProjectFacts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One project of the seed journal, as the first pass knows it, for the upcasters' tests. */
final class TestProjects {

    static final String ORG = "bb0359bf-2d35-cb58-1698-1a439ca01ce0";
    static final String PROJECT = "fea08002-09d7-6530-5730-b1ccaf1d7052";
    static final String BASE = "https://kg.example.org/org0/project3/";
    static final String VOCAB = "https://kg.example.org/org0/project3/vocab/";
    static final String VOLUME = "/data/volumes/org0/project3";

    /** A project that the first pass did not see. */
    static final String UNKNOWN_PROJECT = "0dd0a3a4-5b5e-4c8f-9d0b-6f1f7cf0b1aa";

    static final String ALPHA = "https://bluebrain.github.io/nexus/vocabulary/Alpha";

    static final String PROJECT_TAG = "project=" + PROJECT;
    static final String ORG_TAG = "org=" + ORG;

    /** The project's facts and its storage's volume. */
    static final UpcastContext CONTEXT = UpcastContext.builder()
            .put(KnowledgeGraphContext.PROJECT, PROJECT, new ProjectFacts(ORG, BASE, VOCAB))
            .put(KnowledgeGraphContext.VOLUME, PROJECT, VOLUME)
            .snapshot();

    /** The project's facts without its storage. */
    static final UpcastContext WITHOUT_STORAGE = UpcastContext.builder()
            .put(KnowledgeGraphContext.PROJECT, PROJECT, new ProjectFacts(ORG, BASE, VOCAB))
            .snapshot();

    private TestProjects() {
    }

    /** The v1.0 tags of a resource event of the project. */
    static Set<String> resourceTags(String... types) {
        return tags(List.of("resource", PROJECT_TAG), types);
    }

    /** The v1.1 tags of a resource event of the project. */
    static Set<String> upcastResourceTags(String... types) {
        return tags(List.of("resource", PROJECT_TAG, ORG_TAG), types);
    }

    private static Set<String> tags(List<String> first, String... types) {
        Set<String> tags = new LinkedHashSet<>(first);
        for (String type : types) {
            tags.add("type=" + type);
        }
        return tags;
    }
}
