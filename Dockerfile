# Recast's image: the CLI and its dependencies on a JDK 17 runtime.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q install -DskipTests && touch migrations/target/.recast-built

FROM eclipse-temurin:17-jre
WORKDIR /opt/recast
COPY --from=build /root/.m2/repository /root/.m2/repository
COPY --from=build /src /opt/recast
ENTRYPOINT ["/opt/recast/recast"]
CMD ["--help"]
