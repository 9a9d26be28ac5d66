# Builds the WAR and runs it on Payara Micro, the same runtime and versions as `mvn -Pdev`.
#   docker build -t oauth2-jwt .
#   docker run -p 8080:8080 -e JWT_SECRET="$(openssl rand -hex 32)" -v oauth2-jwt-data:/app/data oauth2-jwt
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --create-home --home-dir /app app
WORKDIR /app
COPY --from=build /build/target/payara-micro.jar /build/target/oauth2-jwt.war /app/
COPY src/main/payara/pre-boot.asadmin src/main/payara/logging-json.properties src/main/payara/jvm.options /app/
RUN mkdir -p /app/data && chown app:app /app/data
# Class-data sharing: one start of the application, ended by Payara Micro's warm-up, writes the
# classes it loaded to an archive that every later start maps instead of loading them again (about
# 1 s less to ready on 2 cores; docs/deploying.md). Made here, with the image's own JVM, which must be
# the one that reads it; its database and Payara's unpacked runtime are thrown away.
RUN mkdir -p /tmp/class-data \
    && { DB_URL=jdbc:h2:file:/tmp/class-data/db java @/app/jvm.options \
            -XX:ArchiveClassesAtExit=/app/payara-micro.jsa -Xlog:cds=off -jar /app/payara-micro.jar \
            --nohazelcast --disablephonehome --prebootcommandfile /app/pre-boot.asadmin \
            --deploy /app/oauth2-jwt.war --contextroot / --warmup > /tmp/class-data/training.log 2>&1 \
         || { tail -n 50 /tmp/class-data/training.log; exit 1; }; } \
    && java -XX:SharedArchiveFile=/app/payara-micro.jsa -Xshare:on -cp /app/payara-micro.jar -version \
    && rm -rf /tmp/class-data /tmp/payaramicro-rt*
USER app
# The default embedded H2 database lives in ./data: keep it on a volume.
VOLUME /app/data
EXPOSE 8080
# The JVM options of jvm.options (a 160 MB heap: give the container 512 MB) and no Hazelcast data
# grid (this application shares nothing through it): see docs/benchmarks.md. JAVA_OPTS adds or
# overrides options (-Xmx320m, say); another GC cannot be chosen that way (the JVM refuses two).
# --nohazelcast alone: with --nocluster beside it, Payara Micro starts a local Hazelcast anyway.
# LOG_FORMAT=json: every log line one JSON object, by Payara's own formatter (the WAR leaves the format alone).
ENV LOG_FORMAT=text MALLOC_ARENA_MAX=2
ENTRYPOINT ["sh", "-c", "exec java @/app/jvm.options -XX:SharedArchiveFile=/app/payara-micro.jsa $JAVA_OPTS \
            -jar /app/payara-micro.jar \
            --nohazelcast --disablephonehome --prebootcommandfile /app/pre-boot.asadmin \
            $([ \"$LOG_FORMAT\" = json ] && echo --logproperties /app/logging-json.properties) \
            --port 8080 --deploy /app/oauth2-jwt.war --contextroot /"]
