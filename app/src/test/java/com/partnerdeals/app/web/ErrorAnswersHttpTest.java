package com.partnerdeals.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SPEC 9, one regression test per defect found by trying the API as a careless or hostile client: every error
 * answer is problem+json whichever layer refuses, no client mistake is a 500, JSON is read strictly, and a
 * refusal is logged in at most one line.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class ErrorAnswersHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;

    PartnerProgram program;
    RawHttp http;
    String partner;
    String dealId;

    @BeforeEach
    void setUp() {
        program = new PartnerProgram(port);
        http = new RawHttp(port);
        partner = program.newPartner();
        dealId = program.newDeal(partner);
    }

    @Test
    void wildcardAndUnparseableContentTypesAreUnsupportedMediaTypes() {
        for (String type : List.of("*/*", "application/*", "foo", "text/plain")) {
            assertProblem(send("POST", "/api/deals/" + dealId + "/notes", Map.of("Content-Type", type), "{\"text\":\"hi\"}"),
                    415, "UNSUPPORTED_MEDIA_TYPE");
        }
    }

    @Test
    void anUnparseableOrUnacceptableAcceptHeaderIsNotAcceptable() {
        assertProblem(send("GET", "/api/deals", Map.of("Accept", "foo"), null), 406, "NOT_ACCEPTABLE");
        assertProblem(send("GET", "/api/deals/" + dealId, Map.of("Accept", "foo"), null), 406, "NOT_ACCEPTABLE");
        assertProblem(send("GET", "/api/deals", Map.of("Accept", "image/png"), null), 406, "NOT_ACCEPTABLE");
        // A refusal for another reason is still a problem, whatever the client accepts.
        assertProblem(send("GET", "/api/deals/" + UUID.randomUUID(), Map.of("Accept", "text/html"), null), 404, "NOT_FOUND");
    }

    /** A command whose answer the client would not accept is refused before it is carried out (SPEC 9). */
    @Test
    void aCommandWhoseAnswerTheClientWouldNotAcceptChangesNothing() {
        for (String accept : List.of("image/png", "text/html", "application/json;q=0", "application/problem+json")) {
            assertProblem(send("POST", "/api/deals/" + dealId + "/notes", Map.of("Accept", accept), "{\"text\":\"hi\"}"),
                    406, "NOT_ACCEPTABLE");
        }
        int version = 0;
        for (String accept : List.of("*/*", "application/*", "application/json", "text/html, application/json;q=0.1")) {
            RawHttp.Response added = send("POST", "/api/deals/" + dealId + "/notes", Map.of("Accept", accept), "{\"text\":\"hi\"}");
            assertThat(added.status()).as(accept + ": " + added.body()).isEqualTo(201);
            assertThat(added.contentType()).startsWith("application/json");
            assertThat(added.headers().get("etag")).as("the refused notes were not added").isEqualTo("\"" + ++version + "\"");
        }
    }

    @Test
    void anEmptyRepeatedFilterIsIgnored() {
        RawHttp.Response board = send("GET", "/api/deals?stage=NEW&stage=", Map.of(), null);
        assertThat(board.status()).as(board.body()).isEqualTo(200);
        assertThat(send("GET", "/api/deals?reviewStatus=&stage=", Map.of(), null).status()).isEqualTo(200);
    }

    @Test
    void theErrorPageItselfAnswersAProblem() {
        assertProblem(send("GET", "/error", Map.of(), null), 404, "NOT_FOUND");
        assertProblem(send("POST", "/error", Map.of("Content-Type", "application/json"), "{}"), 404, "NOT_FOUND");
    }

    @Test
    void requestsTheContainerOrTheFirewallRefuseAreProblems() {
        assertProblem(send("GET", "/api/deals/%zz", Map.of(), null), 400, "MALFORMED_REQUEST");
        assertProblem(send("GET", "/api/deals?q=%zz", Map.of(), null), 400, "MALFORMED_REQUEST");
        assertProblem(send("GET", "/api/deals/a/../" + dealId, Map.of(), null), 400, "MALFORMED_REQUEST");
        assertProblem(send("GET", "/api/deals/" + dealId + ";x=1", Map.of(), null), 400, "MALFORMED_REQUEST");
        assertProblem(send("GET", "/api/deals/a%252Fb", Map.of(), null), 400, "MALFORMED_REQUEST");
        assertProblem(send("TRACE", "/api/deals", Map.of(), null), 405, "METHOD_NOT_ALLOWED");
        assertProblem(send("DELETE", "/api/deals/" + dealId, Map.of(), null), 405, "METHOD_NOT_ALLOWED");

        RawHttp.Response longLine = send("GET", "/api/deals?q=" + "x".repeat(9000), Map.of(), null);
        assertThat(longLine.status()).isIn(400, 414, 431);
        assertIsProblem(longLine);
        RawHttp.Response longHeader = send("GET", "/api/deals", Map.of("X-Padding", "x".repeat(9000)), null);
        assertThat(longHeader.status()).isIn(400, 431);
        assertIsProblem(longHeader);
        RawHttp.Response longToken = send("GET", "/api/deals", Map.of("Authorization", "Bearer " + "a".repeat(9000)), null);
        assertThat(longToken.status()).isIn(400, 401, 431);
        assertIsProblem(longToken);
    }

    /** SPEC 9: no coercion between types; the field is named. */
    @Test
    void jsonIsReadStrictly() {
        String customerId = startTrial();
        String system = program.tokens.system();
        assertInvalidField(post("/api/customers/" + customerId + "/activities", system,
                "{\"activities\":[{\"activityId\":\"a1\",\"type\":\"LOGIN\",\"occurredAt\":1e308}]}"), "activities[0].occurredAt");
        assertInvalidField(post("/api/customers/" + customerId + "/subscription", program.tokens.manager(),
                "{\"startedAt\":1}"), "startedAt");
        assertInvalidField(send("PUT", "/api/customers/" + customerId + "/usage", Map.of("Authorization", "Bearer " + system),
                "{\"users\":2.9,\"mainFramework\":\"ISO 27001\",\"frameworkProgress\":10}"), "users");
        assertInvalidField(send("PUT", "/api/customers/" + customerId + "/usage", Map.of("Authorization", "Bearer " + system),
                "{\"users\":\"3\",\"mainFramework\":\"ISO 27001\",\"frameworkProgress\":10}"), "users");
        String manager = program.tokens.manager();
        assertInvalidField(post("/api/partners", manager,
                "{\"partnerId\":\"" + PartnerProgram.unique("p") + "\",\"name\":false,\"domains\":[\"x.example\"]}"), "name");
        assertInvalidField(post("/api/partners", manager,
                "{\"partnerId\":\"" + PartnerProgram.unique("p") + "\",\"name\":\"X\",\"domains\":\"x.example\"}"), "domains");
        assertInvalidField(post("/api/partners", manager,
                "{\"partnerId\":\"" + PartnerProgram.unique("p") + "\",\"name\":\"X\",\"domains\":[\"x.example\"],\"comissionRate\":\"0.3\"}"),
                "comissionRate");
        RawHttp.Response unknownStage = post("/api/deals/" + dealId + "/stage", program.tokens.partner(partner),
                "{\"stage\":\"WON\"}");
        assertInvalidField(unknownStage, "stage");
        assertThat(JSON.readTree(unknownStage.body()).findValuesAsString("message"))
                .containsExactly("must be one of [NEW, NEWSLETTER_SUBSCRIPTION, TRIAL, CLOSED_WON, CLOSED_LOST, WITHDRAWN]");
        assertProblem(post("/api/deals/" + dealId + "/notes", program.tokens.partner(partner), "{\"text\":\"a\",\"text\":\"b\"}"),
                400, "MALFORMED_REQUEST");
        assertProblem(post("/api/deals/" + dealId + "/notes", program.tokens.partner(partner), "{\"text\":\"a\"} trailing"),
                400, "MALFORMED_REQUEST");

        RawHttp.Response moneyAsNumber = post("/api/partners", manager, "{\"partnerId\":\"" + PartnerProgram.unique("p")
                + "\",\"name\":\"X\",\"domains\":[\"" + PartnerProgram.unique("x") + ".example\"],\"commissionRate\":0.15}");
        assertThat(moneyAsNumber.status()).as("a decimal may also be a JSON number: " + moneyAsNumber.body()).isEqualTo(201);
    }

    /** SPEC 9: what a command accepts, every read model can store; PostgreSQL cannot store a NUL character. */
    @Test
    void textWithControlCharactersOrBrokenUnicodeIsRefusedNamingTheField() {
        for (String text : List.of("\"a\\u0000b\"", "\"\\ud800\"", "\"bell\\u0007\"")) {
            assertInvalidField(post("/api/deals/" + dealId + "/notes", program.tokens.partner(partner), "{\"text\":" + text + "}"),
                    "text");
        }
        assertInvalidField(send("GET", "/api/deals?q=a%00b", Map.of(), null), "q");
        assertInvalidField(send("GET", "/api/customers?q=%07", Map.of(), null), "q");
        assertThat(post("/api/deals/" + dealId + "/notes", program.tokens.partner(partner),
                "{\"text\":\"Two lines\\nand a\\ttab, \u00e5\u00e4\u00f6 and \ud83d\ude00\"}").status()).isEqualTo(201);
    }

    @Test
    void aDealIdInUpperCaseIsTheSameDeal() {
        String upper = dealId.toUpperCase(Locale.ROOT);
        Api.Response read = program.api.get("/api/deals/" + upper, program.tokens.partner(partner));
        assertThat(read.status()).as(read.toString()).isIn(200, 404); // the read model may not have it yet
        Api.Response moved = program.api.post("/api/deals/" + upper + "/stage", program.tokens.partner(partner),
                Map.of("stage", "TRIAL"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.at("/dealId")).isEqualTo(dealId);
        org.awaitility.Awaitility.await().until(() ->
                program.api.get("/api/deals/" + upper + "/history", program.tokens.partner(partner)).status() == 200);
    }

    /** SPEC 9: a client's mistake is logged in at most one line, without a stack trace. */
    @Test
    void aCommandOnAnUnknownDealIsLoggedInOneLineWithoutAStackTrace(CapturedOutput output) {
        String unknown = UUID.randomUUID().toString();
        int before = output.getAll().length();
        Api.Response moved = program.api.post("/api/deals/" + unknown + "/stage", program.tokens.partner(partner),
                Map.of("stage", "TRIAL"));
        assertThat(moved.status()).isEqualTo(404);
        String logged = output.getAll().substring(before);
        assertThat(logged.lines().filter(line -> line.contains(unknown))).hasSizeLessThanOrEqualTo(1);
        assertThat(logged).doesNotContain("AggregateNotFoundException").doesNotContain("\tat org.axonframework");
    }

    private String startTrial() {
        Api.Response trial = program.api.post("/api/deals/" + program.newDeal(partner) + "/trial",
                program.tokens.partner(partner), null);
        assertThat(trial.status()).as(trial.toString()).isEqualTo(201);
        return trial.at("/customerId");
    }

    private RawHttp.Response post(String path, String token, String body) {
        return send("POST", path, Map.of("Authorization", "Bearer " + token), body);
    }

    /** A request as the partner of this test unless headers say otherwise; JSON content unless told. */
    private RawHttp.Response send(String method, String target, Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Authorization", "Bearer " + program.tokens.partner(partner));
        all.put("Accept", "application/json");
        if (body != null) {
            all.put("Content-Type", "application/json");
        }
        all.putAll(headers);
        return http.send(new RawHttp.Request(method, target, all, body));
    }

    private static void assertInvalidField(RawHttp.Response response, String field) {
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(JSON.readTree(response.body()).findValuesAsString("field")).as(response.body()).contains(field);
    }

    private static void assertProblem(RawHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertIsProblem(response);
        assertThat(JSON.readTree(response.body()).path("code").asString()).as(response.body()).isEqualTo(code);
    }

    private static void assertIsProblem(RawHttp.Response response) {
        assertThat(response.contentType()).as(response.status() + " " + response.body()).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(response.status());
        assertThat(body.path("code").asString()).matches("[A-Z][A-Z_]+");
    }
}
