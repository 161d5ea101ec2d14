# Build: the same fat jar the README builds.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY db db
COPY conf conf
COPY webroot webroot
RUN mvn -B -q package -DskipTests

# Run: a slim JRE as a non-root user; the embedded PostgreSQL keeps its files in the data volume
# unless GOTRS_DB_URL points at an external one.
FROM eclipse-temurin:17-jre
RUN useradd --system --create-home --home-dir /var/lib/gotrs gotrs \
 && apt-get update && apt-get install -y --no-install-recommends curl xz-utils && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/gotrs
COPY --from=build /src/target/gotrs.jar gotrs.jar
COPY conf conf
USER gotrs
ENV GOTRS_DATA_DIR=/var/lib/gotrs/data
VOLUME /var/lib/gotrs/data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/gotrs/gotrs.jar"]
CMD ["serve"]
