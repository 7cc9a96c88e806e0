# An image of one service, built from this repository:
#   docker build --build-arg MODULE=command-side -t partner-deals-command-side .    (query-side; app, the default)
# docker-compose.yml builds the command side and the query side with it. app on its embedded default (H2) listens on
# 127.0.0.1 only, so give it SERVER_ADDRESS=0.0.0.0, or the postgres profile and its settings (README).

# Build stage: every launcher's executable jar. It does not read MODULE, so the images of several modules share one
# cached run of Maven instead of building the project once per image.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# -DskipTests, not -Dmaven.test.skip: app's test dependency on platform's test jar must still be built.
# The exec classifier (spring-boot-maven-plugin in each launcher's pom) tells the executable jar from the plain one;
# cp refuses a pattern that matches no jar or several, and the build stops there.
RUN mvn -B -ntp -DskipTests package \
 && mkdir /jars \
 && for module in command-side query-side app; do cp "$module/target/$module"-*-exec.jar "/jars/$module.jar" || exit 1; done

# Runs on Java 25, built for 17 (README's commands need only 17): the service took about 11 % less CPU per command on
# 25 than on 17 in a side-by-side comparison (bench/THROUGHPUT.md, "Two builds side by side").
FROM eclipse-temurin:25-jre
# The health check below uses curl. eclipse-temurin's Ubuntu images ship it on purpose (adoptium/containers#255);
# this line fails the build, rather than every health check later, should that ever change.
RUN curl --version > /dev/null \
 && groupadd --system --gid 10001 partnerdeals \
 && useradd --system --uid 10001 --gid partnerdeals --home-dir /work --no-create-home --shell /usr/sbin/nologin partnerdeals \
 && mkdir /work && chown partnerdeals:partnerdeals /work
ARG MODULE=app
# One plain jar, no layers: simple, and a rebuild only replaces this one layer anyway.
COPY --from=build /jars/${MODULE}.jar /opt/partner-deals/service.jar
# The jar stays root's and read-only; the working directory is the only writable place (app's H2 default keeps ./data).
WORKDIR /work
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=5 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/actuator/health/readiness || exit 1
# The whole heap from the start: grown only on demand, G1 kept its young generation small and collected every few
# hundred milliseconds under load (bench/THROUGHPUT.md).
ENTRYPOINT ["java", "-XX:InitialRAMPercentage=75", "-XX:MaxRAMPercentage=75", "-jar", "/opt/partner-deals/service.jar"]
