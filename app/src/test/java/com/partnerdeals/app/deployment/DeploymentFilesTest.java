package com.partnerdeals.app.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment on a user's machine (docker-compose.yml, the Dockerfile, the gateway's and Keycloak's configuration)
 * cannot be started here: the build machines have no container engine. This checks, offline, what a change can break
 * in them without anyone noticing until a user's first {@code docker compose up}: health checks and start order,
 * secrets only from the environment file, images built from this repository's jars, the realm's roles and claims
 * against what the services read, the gateway's files. Compose itself validates the file when a Compose binary is
 * installed; under CI ({@code CI=true}) it must be.
 */
class DeploymentFilesTest {

    private static final Path ROOT = repositoryRoot();
    private static final Path EXAMPLE_ENV = ROOT.resolve("deploy/compose.env.example");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Environment variables whose value is a secret, by name. */
    private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|MASTER_KEY|PRIVATE_KEY|TOKEN|CREDENTIAL");
    /** A whole value taken from the environment file, which compose requires: ${NAME:?message}. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):\\?[^}]+}");
    /** Any variable compose substitutes: ${NAME}, ${NAME:-default}, ${NAME:?message}; not $${...}. */
    private static final Pattern ANY_VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)[^}]*}");

    private final Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));
    private final Map<String, Map<String, Object>> services = services();

    @BeforeEach
    void onlyOnce() {
        assumeFalse("postgres".equals(System.getProperty("test.database")), "files, not a database: the H2 pass is enough");
    }

    @Test
    void everyServiceHasAHealthCheckAndStartsAfterWhatItNeedsIsHealthy() {
        assertThat(services).containsOnlyKeys("postgres", "keycloak", "command-side", "query-side", "gateway");
        services.forEach((name, service) -> {
            Map<String, Object> healthcheck = map(service.get("healthcheck"), name + ".healthcheck");
            assertThat(healthcheck.get("disable")).as(name).isNotEqualTo(Boolean.TRUE);
            assertThat(healthcheck.get("test")).as(name + " health check").isInstanceOf(List.class);
            assertThat(list(healthcheck.get("test"))).as(name + " health check").hasSizeGreaterThan(1)
                    .first().isIn("CMD", "CMD-SHELL");
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                // A list would only wait for the container to start, not for it to answer.
                map(dependsOn, name + ".depends_on").forEach((dependency, condition) -> {
                    assertThat(services).as(name + " depends on").containsKey(dependency);
                    assertThat(map(condition, name + ".depends_on." + dependency)).as(name + " depends on " + dependency)
                            .containsEntry("condition", "service_healthy");
                });
            }
        });
        assertThat(dependencies("command-side")).containsExactlyInAnyOrder("postgres", "keycloak");
        assertThat(dependencies("query-side")).containsExactlyInAnyOrder("postgres", "keycloak");
        assertThat(dependencies("gateway")).containsExactlyInAnyOrder("command-side", "query-side");
    }

    @Test
    void everyFileOfTheRepositoryThatComposeMountsExists() {
        services.forEach((name, service) -> {
            Object volumes = service.get("volumes");
            for (Object volume : volumes == null ? List.of() : list(volumes)) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith(".")) {
                    // A missing file would be mounted as an empty directory, and the service would fail obscurely.
                    assertThat(ROOT.resolve(source)).as(name + " mounts " + source).isRegularFile();
                }
            }
        });
    }

    @Test
    void secretsComeOnlyFromTheEnvironmentFile() throws IOException {
        Map<String, String> example = envFile(EXAMPLE_ENV);
        services.forEach((name, service) -> {
            assertThat(service).as(name + ": secrets by variables, not a committed env_file").doesNotContainKey("env_file");
            environment(name).forEach((variable, value) -> {
                if (SECRET_NAME.matcher(variable).find()) {
                    assertThat(value).as(name + " " + variable).matches(REQUIRED_VARIABLE);
                }
            });
        });
        String composeText = Files.readString(ROOT.resolve("docker-compose.yml"));
        Set<String> used = variables(composeText.lines().filter(line -> !line.trim().startsWith("#")).collect(Collectors.joining("\n")));
        assertThat(example.keySet()).as("the example env file defines what docker-compose.yml uses, no more")
                .containsExactlyInAnyOrderElementsOf(used);
        example.forEach((variable, value) -> {
            assertThat(value).as(variable + " in the example").isNotBlank().doesNotContain("\"", "'", "\\", " ");
            assertThat(composeText).as("the value of " + variable + " is written in docker-compose.yml").doesNotContain(value);
        });
        assertThat(Base64.getDecoder().decode(example.get("PORTAL_PERSONAL_DATA_MASTER_KEY")))
                .as("the master key: 32 bytes in Base64").hasSize(32);
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).as(".env is never committed").contains(".env");
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).as(".env never goes into an image").contains(".env");
    }

    @Test
    void bothSidesAreBuiltFromTheRepositorysDockerfileForTheirOwnModule() {
        List<String> dockerfileArgs = instructions(dockerfile(), "ARG").stream().map(arg -> arg.split("=")[0]).toList();
        for (String side : List.of("command-side", "query-side")) {
            Map<String, Object> build = map(services.get(side).get("build"), side + ".build");
            assertThat(ROOT.resolve(String.valueOf(build.get("context"))).normalize()).as(side + " context").isEqualTo(ROOT);
            assertThat(build.getOrDefault("dockerfile", "Dockerfile")).as(side).isEqualTo("Dockerfile");
            Map<String, Object> args = map(build.get("args"), side + ".build.args");
            assertThat(dockerfileArgs).as("build args the Dockerfile declares").containsAll(args.keySet());
            assertThat(args).as(side).containsEntry("MODULE", side);
            assertThat(executableModules()).as("modules with an executable jar").contains(side);
        }
    }

    @Test
    void theDockerfileBuildsTheJarsMavenProducesAndRunsThemAsAnotherUserWithAHealthCheck() throws IOException {
        List<List<String>> stages = stages(dockerfile());
        assertThat(stages).hasSize(2);
        List<String> build = stages.get(0);
        List<String> runtime = stages.get(1);
        assertThat(build.get(0)).isEqualTo("FROM maven:3.9-eclipse-temurin-17 AS build");
        assertThat(runtime.get(0)).as("built for 17, run on 25 (bench/THROUGHPUT.md)").isEqualTo("FROM eclipse-temurin:25-jre");

        // What the build stage copies exists in the context, and the context holds no build output.
        for (String copy : instructions(build, "COPY")) {
            String[] parts = copy.split("\\s+");
            for (int i = 0; i < parts.length - 1; i++) {
                assertThat(ROOT.resolve(parts[i])).as("COPY source " + parts[i]).exists();
            }
        }
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains("target", "*/target", "data", "*/data", ".git");

        // Maven builds every launcher's exec jar, and the build copies each by the name Maven gives it.
        String mavenRun = String.join(" ", instructions(build, "RUN"));
        assertThat(mavenRun).contains("mvn ", "-DskipTests", " package");
        Matcher loop = Pattern.compile("for module in ([a-z -]+); do cp \"\\$module/target/\\$module\"-\\*-exec\\.jar \"/jars/\\$module\\.jar\" \\|\\| exit 1; done")
                .matcher(mavenRun);
        assertThat(loop.find()).as("the build stage copies <module>/target/<module>-*-exec.jar to /jars/<module>.jar: " + mavenRun).isTrue();
        List<String> built = List.of(loop.group(1).trim().split("\\s+"));
        assertThat(executableModules()).containsExactlyInAnyOrderElementsOf(built);
        String version = projectElement(ROOT.resolve("pom.xml"), "version");
        for (String module : built) {
            assertThat(projectElement(ROOT.resolve(module).resolve("pom.xml"), "artifactId")).as(module + "'s artifactId").isEqualTo(module);
            Path jar = Path.of(module + "-" + version + "-exec.jar");
            assertThat(FileSystems.getDefault().getPathMatcher("glob:" + module + "-*-exec.jar").matches(jar))
                    .as(jar + " is what Maven builds").isTrue();
        }

        // The runtime stage takes the jar of MODULE, runs as a user other than root and has a health check.
        assertThat(instructions(runtime, "COPY")).containsExactly("--from=build /jars/${MODULE}.jar /opt/partner-deals/service.jar");
        assertThat(instructions(runtime, "ARG")).containsExactly("MODULE=app");
        List<String> users = instructions(runtime, "USER");
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1).split(":")[0]).as("the user the service runs as").isNotIn("root", "0");
        List<String> healthchecks = instructions(runtime, "HEALTHCHECK");
        assertThat(healthchecks).hasSize(1);
        assertThat(healthchecks.get(0)).contains("CMD curl ", "http://127.0.0.1:8080/actuator/health/readiness");
        assertThat(String.join(" ", instructions(runtime, "RUN"))).as("the build checks that curl is in the image")
                .contains("curl --version");
        // The whole heap from the start: grown on demand, G1 kept a young generation of a few tens of MB under load
        // and collected every 250-300 ms (bench/THROUGHPUT.md).
        assertThat(instructions(runtime, "ENTRYPOINT")).singleElement().asString()
                .contains("/opt/partner-deals/service.jar", "-XX:InitialRAMPercentage=75", "-XX:MaxRAMPercentage=75");
    }

    @Test
    void keycloaksRealmGivesTheRolesAndClaimsTheServicesRead() throws IOException {
        Map<String, Object> keycloak = services.get("keycloak");
        assertThat(String.valueOf(keycloak.get("image"))).matches("quay\\.io/keycloak/keycloak:\\d+\\.\\d+\\.\\d+");
        assertThat(list(keycloak.get("command"))).contains("start-dev", "--import-realm");
        String realmFile = mountedFile("keycloak", "/opt/keycloak/data/import/partner-portal-realm.json");
        JsonNode realm = JSON.readTree(ROOT.resolve(realmFile).toFile());
        String realmName = realm.path("realm").asString();
        assertThat(realmName).isEqualTo("partner-portal");
        assertThat(Path.of(realmFile).getFileName()).as("Keycloak imports <realm>-realm.json").hasToString(realmName + "-realm.json");
        assertThat(names(realm.path("roles").path("realm"), "name")).contains("PARTNER", "PARTNER_MANAGER", "SYSTEM");

        JsonNode client = single(realm.path("clients"), "clientId", "partner-portal");
        assertThat(client.path("publicClient").asBoolean()).isTrue();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as("password grant for curl").isTrue();
        JsonNode roles = single(client.path("protocolMappers"), "protocolMapper", "oidc-usermodel-realm-role-mapper").path("config");
        assertThat(roles.path("claim.name").asString()).isEqualTo("roles");
        assertThat(roles.path("multivalued").asString()).isEqualTo("true");
        assertThat(roles.path("access.token.claim").asString()).isEqualTo("true");
        JsonNode partnerId = single(client.path("protocolMappers"), "protocolMapper", "oidc-usermodel-attribute-mapper").path("config");
        assertThat(partnerId.path("user.attribute").asString()).isEqualTo("partner_id");
        assertThat(partnerId.path("claim.name").asString()).isEqualTo("partner_id");
        assertThat(partnerId.path("access.token.claim").asString()).isEqualTo("true");
        if (!client.path("fullScopeAllowed").asBoolean(true)) {
            // Without full scope, only the roles mapped to the client's scope reach the token.
            assertThat(names(single(realm.path("scopeMappings"), "client", "partner-portal").path("roles"), null))
                    .contains("PARTNER", "PARTNER_MANAGER", "SYSTEM");
        }

        // Keycloak 24 and later keep only the attributes the user profile declares; a user must not change their own.
        JsonNode profileComponent = realm.path("components").path("org.keycloak.userprofile.UserProfileProvider").path(0);
        JsonNode profile = JSON.readTree(profileComponent.path("config").path("kc.user.profile.config").path(0).asString());
        JsonNode partnerIdAttribute = single(profile.path("attributes"), "name", "partner_id");
        assertThat(names(partnerIdAttribute.path("permissions").path("edit"), null)).containsExactly("admin");
        assertThat(names(profile.path("attributes"), "name")).contains("username", "email", "firstName", "lastName");

        // A demo user per role, a partner with its partner_id, passwords only from the environment.
        Map<String, String> keycloakEnvironment = environment("keycloak");
        Set<String> demoRoles = new LinkedHashSet<>();
        for (JsonNode user : realm.path("users")) {
            List<String> userRoles = names(user.path("realmRoles"), null);
            demoRoles.addAll(userRoles);
            if (userRoles.contains("PARTNER")) {
                assertThat(user.path("attributes").path("partner_id").path(0).asString()).as(user.path("username").asString()).isNotBlank();
            }
            for (JsonNode credential : user.path("credentials")) {
                Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}").matcher(credential.path("value").asString());
                assertThat(placeholder.matches()).as(user.path("username").asString() + "'s password is a ${VARIABLE}").isTrue();
                assertThat(keycloakEnvironment).as("Keycloak's environment").containsKey(placeholder.group(1));
            }
        }
        assertThat(demoRoles).contains("PARTNER", "PARTNER_MANAGER", "SYSTEM");

        // The services expect the issuer Keycloak names (KC_HOSTNAME, published on that port) and fetch its keys inside
        // the compose network.
        URI hostname = URI.create(keycloakEnvironment.get("KC_HOSTNAME"));
        assertThat(list(keycloak.get("ports"))).contains(hostname.getPort() + ":8080");
        assertThat(keycloakEnvironment).containsEntry("KC_HEALTH_ENABLED", "true");
        for (String side : List.of("command-side", "query-side")) {
            Map<String, String> env = environment(side);
            assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", hostname + "/realms/" + realmName)
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
                            "http://keycloak:8080/realms/" + realmName + "/protocol/openid-connect/certs")
                    .doesNotContainKey("PORTAL_SECURITY_HMAC_SECRET")
                    .doesNotContainKey("PORTAL_DEV_TOKENS_ENABLED");
        }
    }

    @Test
    void theGatewayServesTheApiDocumentAndForwardsTheAddressTheClientUsed() throws IOException {
        String nginx = Files.readString(ROOT.resolve(mountedFile("gateway", "/etc/nginx/conf.d/default.conf")));
        for (String header : List.of("Host", "X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Proto", "X-Forwarded-For")) {
            assertThat(nginx).containsPattern("(?m)^\\s*proxy_set_header\\s+" + Pattern.quote(header) + "\\s");
        }
        for (String side : List.of("command-side", "query-side")) {
            assertThat(environment(side)).containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "framework");
            assertThat(nginx).as("the gateway routes to " + side).contains(" " + side + ";");
        }
        Matcher apiDocs = Pattern.compile("location = /v3/api-docs \\{[^}]*alias (\\S+);").matcher(nginx);
        assertThat(apiDocs.find()).as("nginx serves /v3/api-docs from a file").isTrue();
        JsonNode document = JSON.readTree(ROOT.resolve(mountedFile("gateway", apiDocs.group(1))).toFile());
        assertThat(document.path("openapi").asString()).startsWith("3.");
        for (JsonNode server : document.path("servers")) {
            assertThat(server.path("url").asString()).as("a relative server URL, so that Try it out calls the gateway").startsWith("/");
        }
        assertThat(nginx).contains("swagger-ui\\.html", "swagger-ui/", "v3/api-docs/swagger-config");
    }

    @Test
    void composeAcceptsTheFileWithTheExampleSecretsAndRefusesItWithout(@TempDir Path temp) throws Exception {
        List<String> compose = composeCommand();
        if (compose == null) {
            String missing = "Neither `docker compose` nor `docker-compose` is installed (apt-get install docker-compose): "
                    + "docker-compose.yml is not validated";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing + ", and under CI it must be.");
            }
            assumeTrue(false, missing + ".");
        }
        Path composeFile = ROOT.resolve("docker-compose.yml");
        Result valid = run(compose, "-f", composeFile.toString(), "--env-file", EXAMPLE_ENV.toString(), "config", "-q");
        assertThat(valid.exitCode()).as(valid.output()).isZero();

        Path empty = Files.writeString(temp.resolve("empty.env"), "");
        Result withoutSecrets = run(compose, "-f", composeFile.toString(), "--env-file", empty.toString(), "config", "-q");
        assertThat(withoutSecrets.exitCode()).as(withoutSecrets.output()).isNotZero();
        assertThat(withoutSecrets.output()).contains("copy deploy/compose.env.example to .env");
    }

    // --- docker-compose.yml ---

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        map(compose.get("services"), "services").forEach((name, service) -> result.put(name, map(service, name)));
        return result;
    }

    private Set<String> dependencies(String service) {
        return map(services.get(service).get("depends_on"), service + ".depends_on").keySet();
    }

    /** A service's environment, written as a map or as a list of NAME=value. */
    private Map<String, String> environment(String service) {
        Object environment = services.get(service).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof List<?> entries) {
            entries.forEach(entry -> {
                String[] nameAndValue = String.valueOf(entry).split("=", 2);
                result.put(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
            });
        } else if (environment != null) {
            map(environment, service + ".environment").forEach((name, value) -> result.put(name, String.valueOf(value)));
        }
        return result;
    }

    /** The file of this repository that a service mounts at a path in its container; the file must exist. */
    private String mountedFile(String service, String containerPath) {
        for (Object volume : list(services.get(service).get("volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length >= 2 && parts[1].equals(containerPath)) {
                assertThat(parts[0]).as(service + " mounts a file of the repository").startsWith("./");
                assertThat(ROOT.resolve(parts[0])).as(service + " mounts " + parts[0]).isRegularFile();
                return parts[0];
            }
        }
        return fail(service + " mounts nothing at " + containerPath);
    }

    private static Set<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = ANY_VARIABLE.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] nameAndValue = line.split("=", 2);
                assertThat(nameAndValue).as(file.getFileName() + ": " + line).hasSize(2);
                values.put(nameAndValue[0].trim(), nameAndValue[1].trim());
            }
        }
        return values;
    }

    // --- Dockerfile and poms ---

    private static List<String> dockerfile() {
        try {
            List<String> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
                String trimmed = line.trim();
                if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                    continue;
                }
                boolean continued = trimmed.endsWith("\\");
                current.append(continued ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed).append(' ');
                if (!continued) {
                    instructions.add(current.toString().trim());
                    current.setLength(0);
                }
            }
            return instructions;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<String>> stages(List<String> instructions) {
        List<List<String>> stages = new ArrayList<>();
        for (String instruction : instructions) {
            if (instruction.startsWith("FROM ")) {
                stages.add(new ArrayList<>());
            }
            assertThat(stages).as("the Dockerfile starts with FROM").isNotEmpty();
            stages.get(stages.size() - 1).add(instruction);
        }
        return stages;
    }

    /** The arguments of each instruction of that kind, in order. */
    private static List<String> instructions(List<String> instructions, String kind) {
        return instructions.stream().filter(instruction -> instruction.startsWith(kind + " "))
                .map(instruction -> instruction.substring(kind.length() + 1).trim()).toList();
    }

    /** The modules whose build makes an executable jar with the exec classifier. */
    private static List<String> executableModules() {
        String parent = read(ROOT.resolve("pom.xml"));
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(parent.substring(0, parent.indexOf("<profiles>")));
        List<String> result = new ArrayList<>();
        while (modules.find()) {
            String pom = read(ROOT.resolve(modules.group(1)).resolve("pom.xml"));
            if (pom.contains("<artifactId>spring-boot-maven-plugin</artifactId>") && pom.contains("<classifier>exec</classifier>")) {
                result.add(modules.group(1));
            }
        }
        return result;
    }

    /** The project's own element (artifactId, version), not its parent's. */
    private static String projectElement(Path pom, String element) {
        String project = read(pom).replaceFirst("(?s)<parent>.*?</parent>", "");
        Matcher matcher = Pattern.compile("<" + element + ">([^<]+)</" + element + ">").matcher(project);
        assertThat(matcher.find()).as(pom + " <" + element + ">").isTrue();
        return matcher.group(1).trim();
    }

    // --- running Compose ---

    /** {@code docker compose} (Compose v2) or else {@code docker-compose}, whichever answers; null if neither. */
    private static List<String> composeCommand() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                if (run(version).exitCode() == 0) {
                    return candidate;
                }
            } catch (IOException notInstalled) {
                // try the next one
            }
        }
        return null;
    }

    private static Result run(List<String> command, String... arguments) throws IOException, InterruptedException {
        List<String> commandLine = new ArrayList<>(command);
        commandLine.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(ROOT.toFile()).redirectErrorStream(true);
        // Only the env file given: a variable set in the developer's shell must not make a missing one pass.
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(Set.of("PATH", "HOME", "DOCKER_CONFIG"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, String.join(" ", commandLine) + " did not finish in 60 s\n" + output);
        }
        return new Result(process.exitValue(), String.join(" ", commandLine) + "\n" + output);
    }

    private record Result(int exitCode, String output) {
    }

    // --- small helpers ---

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("docker-compose.yml")) && Files.exists(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static Map<String, Object> yaml(Path file) {
        // SafeConstructor: plain maps and lists (YAML merge keys, as in docker-compose.yml, included).
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static JsonNode single(JsonNode array, String field, String value) {
        List<JsonNode> matches = StreamSupport.stream(array.spliterator(), false)
                .filter(node -> value.equals(node.path(field).asString())).toList();
        assertThat(matches).as(field + " = " + value).hasSize(1);
        return matches.get(0);
    }

    /** The texts of an array, or of a field of each of its objects. */
    private static List<String> names(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(node -> (field == null ? node : node.path(field)).asString()).collect(Collectors.toList());
    }
}
