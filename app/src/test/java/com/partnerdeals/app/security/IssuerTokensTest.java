package com.partnerdeals.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.SecondService;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.Tokens;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The production path of SPEC 2: tokens an identity provider signs with RS256, verified through its JWKS, served
 * here over HTTP as Keycloak or any other issuer serves it. The service is configured with Spring Boot's standard
 * settings only (jwk-set-uri, issuer-uri); the claim rules (exp required, sub at most 255) apply to it too.
 */
class IssuerTokensTest {

    private static RSAKey issuerKey;
    private static HttpServer issuer;
    private static String issuerUri;
    private static SecondService service;
    private static Api api;

    @BeforeAll
    static void startIssuerAndService() throws Exception {
        assumeFalse("postgres".equals(System.getProperty("test.database")), "the token path does not depend on the database");
        issuerKey = new RSAKeyGenerator(2048).keyID("issuer-key-1").keyUse(KeyUse.SIGNATURE).generate();
        byte[] jwks = new JWKSet(issuerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer.createContext("/realms/partners/protocol/openid-connect/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        issuer.start();
        issuerUri = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/partners";
        service = SecondService.onH2("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuerUri,
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuerUri + "/protocol/openid-connect/certs");
        api = new Api(service.port());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (issuer != null) {
            issuer.stop(0);
        }
    }

    @Test
    void anIssuersRs256TokensAreAcceptedWithTheirRolesAndPartner() {
        String manager = signed(issuerKey, claims("pm@vendor.example", List.of("PARTNER_MANAGER"), null).build());
        String partnerId = PartnerProgram.unique("partner");
        Api.Response registered = api.post("/api/partners", manager, Map.of("partnerId", partnerId, "name", "Issuer Test",
                "domains", List.of(partnerId + ".example")));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        String partner = signed(issuerKey, claims("anna@" + partnerId + ".example", List.of("PARTNER"), partnerId).build());
        await().untilAsserted(() -> assertThat(api.get("/api/partners/" + partnerId, partner).status()).isEqualTo(200));
        assertThat(api.post("/api/partners", partner, Map.of("partnerId", partnerId + "-2", "name", "Not allowed",
                "domains", List.of(partnerId + "-2.example"))).status()).as("a partner is not a manager").isEqualTo(403);
    }

    @Test
    void tokensTheIssuerDidNotSignOrThatBreakTheClaimRulesAreUnauthorized() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("issuer-key-1").generate();
        assertThat(api.get("/api/deals", signed(stranger, claims("pm@vendor.example", List.of("PARTNER_MANAGER"), null).build()))
                .status()).as("signed by another key").isEqualTo(401);
        assertThat(api.get("/api/deals", signed(issuerKey, claims("pm@vendor.example", List.of("PARTNER_MANAGER"), null)
                .issuer("http://127.0.0.1:1/realms/other").build())).status()).as("another issuer").isEqualTo(401);
        Instant now = Instant.now();
        assertThat(api.get("/api/deals", signed(issuerKey, JwtClaimsSet.builder().subject("pm@vendor.example").issuer(issuerUri)
                .issuedAt(now).claim("roles", List.of("PARTNER_MANAGER")).build())).status()).as("no exp").isEqualTo(401);
        assertThat(api.get("/api/deals", signed(issuerKey, claims("u".repeat(256), List.of("PARTNER_MANAGER"), null).build()))
                .status()).as("sub over 255 characters").isEqualTo(401);
        assertThat(api.get("/api/deals", new Tokens().manager()).status())
                .as("an HS256 token of the embedded default").isEqualTo(401);
    }

    private static JwtClaimsSet.Builder claims(String subject, List<String> roles, String partnerId) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject(subject).issuer(issuerUri).issuedAt(now)
                .expiresAt(now.plus(5, ChronoUnit.MINUTES)).claim("roles", roles);
        if (partnerId != null) {
            claims.claim("partner_id", partnerId);
        }
        return claims;
    }

    private static String signed(RSAKey key, JwtClaimsSet claims) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
                .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build(), claims))
                .getTokenValue();
    }
}
