package com.partnerdeals.app.security;

import static com.partnerdeals.app.PartnerProgram.dealFor;
import static com.partnerdeals.app.PartnerProgram.newCustomerDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

/** Every role boundary of SPEC section 2: 401 without a valid token, 403 without the role, 404 across partners. */
@ServiceTest
class AccessHttpTest {

    @LocalServerPort int port;
    @Value("${portal.dev-tokens.enabled:false}") boolean devTokens;

    PartnerProgram program;
    Api api;
    Tokens tokens;
    String partner;
    String dealId;

    @BeforeEach
    void setUp() {
        program = new PartnerProgram(port);
        api = program.api;
        tokens = program.tokens;
        partner = program.newPartner();
        dealId = program.newDeal(partner);
    }

    @Test
    void noTokenOrABadTokenIsUnauthorized() {
        assertUnauthorized(api.post("/api/deals", null, dealFor("a@" + newCustomerDomain())));
        assertUnauthorized(api.get("/api/deals", "not-a-jwt"));
        String forged = new Tokens("another-secret-that-is-long-enough-0123456789").manager();
        assertUnauthorized(api.post("/api/partners", forged, Map.of()));
        String partnerWithoutPartnerId = tokens.token("someone", List.of("PARTNER"), null);
        assertUnauthorized(api.post("/api/deals", partnerWithoutPartnerId, dealFor("a@" + newCustomerDomain())));
    }

    /** SPEC 2: a token must carry exp and be in its validity window; its sub must fit where users are stored. */
    @Test
    void aTokenWithoutExpiryOutsideItsValidityOrWithAnOverlongSubjectIsUnauthorized() {
        Instant now = Instant.now();
        JwtClaimsSet noExpiry = JwtClaimsSet.builder().subject("pm@vendor.example").issuedAt(now)
                .claim("roles", List.of("PARTNER_MANAGER")).build();
        assertUnauthorized(api.get("/api/deals", tokens.signed(noExpiry)));
        JwtClaimsSet expired = JwtClaimsSet.builder().subject("pm@vendor.example").issuedAt(now.minusSeconds(7200))
                .expiresAt(now.minusSeconds(3600)).claim("roles", List.of("PARTNER_MANAGER")).build();
        assertUnauthorized(api.get("/api/deals", tokens.signed(expired)));
        JwtClaimsSet notYetValid = JwtClaimsSet.builder().subject("pm@vendor.example").issuedAt(now)
                .notBefore(now.plusSeconds(3600)).expiresAt(now.plusSeconds(7200))
                .claim("roles", List.of("PARTNER_MANAGER")).build();
        assertUnauthorized(api.get("/api/deals", tokens.signed(notYetValid)));

        String longest = "u".repeat(243) + "@example.com";
        assertThat(longest).hasSize(255);
        Api.Response note = api.post("/api/deals/" + dealId + "/notes", tokens.token(longest, List.of("PARTNER"), partner),
                Map.of("text", "Written by the longest subject a token may have"));
        assertThat(note.status()).as(note.toString()).isEqualTo(201);
        assertUnauthorized(api.post("/api/deals/" + dealId + "/notes",
                tokens.token("u" + longest, List.of("PARTNER"), partner), Map.of("text", "Too long to be stored")));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                longest.equals(api.get("/api/deals/" + dealId, tokens.partner(partner)).at("/notes/0/author")));
    }

    /** Metrics name URLs, exception classes and pool sizes: operators only. Health and info are public. */
    @Test
    void metricsAreForVendorStaffOnly() {
        assertForbidden(api.get("/actuator/metrics", tokens.partner(partner)));
        assertForbidden(api.get("/actuator/metrics", tokens.system()));
        assertUnauthorized(api.get("/actuator/metrics", null));
        assertThat(api.get("/actuator/metrics", tokens.manager()).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void onlyManagersManagePartnersAndReviewDeals() {
        assertForbidden(api.post("/api/partners", tokens.partner(partner), Map.of("partnerId", "x1", "name", "X",
                "domains", List.of("x.example"))));
        assertForbidden(api.put("/api/partners/" + partner, tokens.partner(partner), Map.of("name", "Renamed")));
        assertForbidden(api.post("/api/deals/" + dealId + "/accept", tokens.partner(partner), null));
        assertForbidden(api.post("/api/deals/" + dealId + "/deny", tokens.partner(partner), Map.of("reason", "OTHER")));
        assertForbidden(api.post("/api/deals/" + dealId + "/accept", tokens.system(), null));
    }

    @Test
    void theProductCannotActOnDeals() {
        assertForbidden(api.post("/api/deals", tokens.system(), dealFor("a@" + newCustomerDomain())));
        assertForbidden(api.post("/api/deals/" + dealId + "/stage", tokens.system(), Map.of("stage", "TRIAL")));
        assertForbidden(api.post("/api/deals/" + dealId + "/notes", tokens.system(), Map.of("text", "hi")));
    }

    @Test
    void anotherPartnersDealDoesNotExistForAPartner() {
        String other = program.newPartner();
        String asOther = tokens.partner(other);
        for (String command : List.of("stage", "newsletter-subscription", "close-lost", "reopen", "notes", "close-won")) {
            Object body = switch (command) {
                case "stage" -> Map.of("stage", "TRIAL");
                case "close-lost" -> Map.of("reason", "x");
                case "notes" -> Map.of("text", "x");
                case "close-won" -> Map.of("billingOption", "INVOICE", "annualValue", Map.of("amount", "1", "currency", "EUR"));
                default -> null;
            };
            Api.Response response = api.post("/api/deals/" + dealId + "/" + command, asOther, body);
            assertThat(response.status()).as(command + ": " + response).isEqualTo(404);
            assertThat(response.code()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void aPartnerRegistersOnlyForItselfAndAManagerNamesThePartner() {
        Map<String, Object> forOther = dealFor("a@" + newCustomerDomain());
        forOther.put("partnerId", program.newPartner());
        assertForbidden(api.post("/api/deals", tokens.partner(partner), forOther));

        Map<String, Object> unnamed = dealFor("a@" + newCustomerDomain());
        Api.Response missing = api.post("/api/deals", tokens.manager(), unnamed);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("VALIDATION_FAILED");

        unnamed.put("partnerId", partner);
        assertThat(api.post("/api/deals", tokens.manager(), unnamed).status()).isEqualTo(201);
    }

    @Test
    void devTokensWorkAsBearerTokensWhereEnabled() {
        Api.Response minted = api.post("/api/dev/tokens", null,
                Map.of("subject", "pm@vendor.example", "roles", List.of("PARTNER_MANAGER")));
        if (!devTokens) {
            assertThat(minted.status()).isIn(401, 404);
            return;
        }
        assertThat(minted.status()).as(minted.toString()).isEqualTo(200);
        Api.Response accepted = api.post("/api/deals/" + dealId + "/accept", minted.at("/token"), null);
        assertThat(accepted.status()).isEqualTo(200);

        Api.Response partnerWithoutId = api.post("/api/dev/tokens", null, Map.of("subject", "x", "roles", List.of("PARTNER")));
        assertThat(partnerWithoutId.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void theOpenApiDescriptionListsTheEndpointsAndTheirProblems() {
        Api.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/deals/{dealId}/close-won").contains("/api/partners")
                .contains("application/problem+json");
        assertThat(docs.body()).as("the caller comes from the token, never from the client").doesNotContain("\"caller\"");
        assertThat(docs.json().at("/paths/~1api~1deals~1{dealId}~1accept/post/parameters").findValuesAsString("name"))
                .containsExactlyInAnyOrder("dealId", "If-Match");
    }

    private static void assertUnauthorized(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("UNAUTHORIZED");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    private static void assertForbidden(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("FORBIDDEN");
    }
}
