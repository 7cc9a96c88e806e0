package com.partnerdeals.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.platform.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final Tokens tokens = new Tokens();
    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicInteger verifications = new AtomicInteger();
    private final VerifiedTokens verifiedTokens = new VerifiedTokens(countingDecoder(), clock);

    @Test
    void aTokenIsVerifiedOnceAndThenRecognisedByItsText() {
        String token = validFor(Duration.ofHours(1));

        Jwt first = verifiedTokens.decode(token);
        Jwt again = verifiedTokens.decode(token);

        assertThat(again).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aTokenAlteredInOneCharacterIsVerifiedAfreshAndRefused() {
        String token = validFor(Duration.ofHours(1));
        verifiedTokens.decode(token);
        String altered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");

        assertThatThrownBy(() -> verifiedTokens.decode(altered)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        String token = validFor(Duration.ofMinutes(2));
        verifiedTokens.decode(token);

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));

        assertThatThrownBy(() -> verifiedTokens.decode(token)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        String expired = validFor(Duration.ofMinutes(-1));

        assertThatThrownBy(() -> verifiedTokens.decode(expired)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> verifiedTokens.decode(expired)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    private String validFor(Duration validity) {
        return tokens.signed(JwtClaimsSet.builder().subject("pm@vendor.example").issuedAt(NOW.minus(Duration.ofHours(1)))
                .expiresAt(NOW.plus(validity)).claim("roles", List.of("PARTNER_MANAGER")).build());
    }

    /** The service's HS256 decoder, judging expiry by the test's clock without skew, counting its verifications. */
    private JwtDecoder countingDecoder() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(SecurityConfiguration.hmacKey(Tokens.TEST_SECRET))
                .macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
        expiry.setClock(clock);
        nimbus.setJwtValidator(expiry);
        return token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
    }
}
