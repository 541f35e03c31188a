package io.recast.kg;

import java.util.Optional;

/** What the v1.1 service knows of a project when it writes project-scoped events. */
@FunctionalInterface
public interface ProjectDirectory {

    /**
     * @param organizationUuid the project's organization
     * @param base             the project's {@code @base}
     * @param vocab            the project's {@code @vocab}
     * @param volume           the volume of the project's default disk storage
     */
    record ProjectInfo(String organizationUuid, String base, String vocab, String volume) {
    }

    /** The project, if it exists. */
    Optional<ProjectInfo> project(String projectUuid);
}
