package com.partnerdeals.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The served OpenAPI document is one clients can generate from: Redocly's recommended rules pass without a
 * warning, every operation is typed and described, and Swagger UI asks nobody for the caller. The document is
 * also committed ({@code docs/openapi.json}, as production serves it: without the development-only token path and
 * its schemas, which exist only where dev tokens are on) so that the split
 * deployment's gateway serves one document for both sides and reviews see every change to the API.
 */
@ServiceTest
class OpenApiDocumentTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path LINT = MODULE.resolve("openapi-lint");
    private static final Path COMMITTED = MODULE.resolveSibling("docs").resolve("openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @LocalServerPort int port;
    private JsonNode document;

    @BeforeEach
    void fetch() {
        document = new Api(port).get("/v3/api-docs", null).json();
    }

    @Test
    void everyOperationIsTypedDescribedAndTaggedOnce() {
        List<String> problems = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            String name = entry.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = entry.getValue();
            if (operation.path("operationId").asString("").matches(".*_\\d+")) {
                problems.add(name + ": operationId " + operation.path("operationId") + " was made unique by springdoc");
            }
            if (operation.path("tags").size() != 1) {
                problems.add(name + ": tags " + operation.path("tags"));
            }
            if (operation.path("description").asString("").isBlank()) {
                problems.add(name + ": no description");
            }
            operation.path("parameters").forEach(parameter -> {
                if (parameter.path("in").asString().equals("query") && parameter.path("schema").path("type").asString().equals("object")) {
                    problems.add(name + ": object query parameter " + parameter.path("name"));
                }
            });
            operation.path("responses").properties().forEach(response -> {
                if (response.getKey().startsWith("2")) {
                    JsonNode content = response.getValue().path("content");
                    if (!content.has("application/json")) {
                        problems.add(name + ": " + response.getKey() + " is not application/json but " + content.propertyNames());
                    }
                    JsonNode schema = content.path("application/json").path("schema");
                    if (!schema.has("$ref") && !schema.path("items").has("$ref")) {
                        problems.add(name + ": " + response.getKey() + " has an untyped body " + schema);
                    }
                }
            });
        }));
        assertThat(problems).isEmpty();
        assertThat(document.at("/components/schemas/Problem/properties/code/enum").size()).isGreaterThan(30);
    }

    /** "Try it out" on the board with a manager's token must send no filter the manager did not choose. */
    @Test
    void theBoardAsksForNothingButOptionalFilters() {
        JsonNode board = document.at("/paths/~1api~1deals/get");
        assertThat(board.path("parameters").findValuesAsString("name"))
                .containsExactlyInAnyOrder("stage", "reviewStatus", "q", "partnerId", "protectionEndsSoon", "page", "size");
        assertThat(board.path("parameters").findValues("required")).allMatch(required -> !required.asBoolean());
        assertThat(board.path("parameters").findValues("example")).as("Swagger UI would fill in an example").isEmpty();
        assertThat(board.at("/parameters/0/schema/items/enum").isArray() || board.at("/parameters/1/schema/items/enum").isArray())
                .as("stage and review status are enums").isTrue();
    }

    @Test
    void passesRedoclysRecommendedRulesWithoutAWarning() throws Exception {
        Path written = MODULE.resolve("target").resolve("openapi.json");
        Files.createDirectories(written.getParent());
        Files.writeString(written, JSON.writeValueAsString(document));
        assumeNodeIsThere();
        if (!Files.isDirectory(LINT.resolve("node_modules").resolve("@redocly"))) {
            run(List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"), 300);
        }
        String lint = "\n" + run(List.of(LINT.resolve("node_modules/.bin/redocly").toString(), "lint", written.toString(),
                "--format=json", "--config", LINT.resolve("redocly.yaml").toString()), 120);
        JsonNode report = JSON.readTree(lint.substring(lint.indexOf("\n{") + 1));
        assertThat(report.path("problems").findValuesAsString("message")).as("Redocly's findings").isEmpty();
        assertThat(report.path("totals").path("errors").asInt() + report.path("totals").path("warnings").asInt()).isZero();
    }

    /** Regenerate with {@code -Dopenapi.update=true} after changing the API on purpose. */
    @Test
    void theCommittedDocumentIsTheServedOne() throws IOException {
        ObjectNode published = (ObjectNode) document.deepCopy();
        ((ObjectNode) published.path("paths")).remove("/api/dev/tokens");
        ((ObjectNode) published.at("/components/schemas")).remove(List.of("TokenRequest", "TokenResponse"));
        String served = JSON.writeValueAsString(published) + "\n";
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("docs/openapi.json is stale: run the tests once with -Dopenapi.update=true")
                .hasContent(served.stripTrailing());
    }

    private static void assumeNodeIsThere() {
        boolean npm;
        try {
            npm = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException missing) {
            npm = false;
        }
        if (!npm && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Node.js and npm are needed to lint the API document (Redocly)");
        }
        assumeThat(npm).as("Node.js and npm to lint the API document (Redocly); required under CI=true").isTrue();
    }

    /** The command's output; npm must succeed, while Redocly's exit code only repeats its report. */
    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(LINT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(command.get(1).equals("ci") ? process.exitValue() : 0).as(text).isZero();
        return text;
    }
}
