package com.partnerdeals.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Signs real HS256 bearer tokens with the test secret, as an issuer would. */
public class Tokens {

    public static final String TEST_SECRET = "test-only-secret-0123456789abcdef0123456789";

    private final JwtEncoder encoder;

    public Tokens(String secret) {
        this.encoder = NimbusJwtEncoder.withSecretKey(
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).build();
    }

    public Tokens() {
        this(TEST_SECRET);
    }

    public String manager() {
        return token("manager@vendor.example", List.of("PARTNER_MANAGER"), null);
    }

    public String partner(String partnerId) {
        return token("consultant@" + partnerId + ".example", List.of("PARTNER"), partnerId);
    }

    public String system() {
        return token("product", List.of("SYSTEM"), null);
    }

    public String token(String subject, List<String> roles, String partnerId) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(1, ChronoUnit.HOURS))
                .claim("roles", roles);
        if (partnerId != null) {
            claims.claim("partner_id", partnerId);
        }
        return signed(claims.build());
    }

    /** Any claims, signed with the secret: for tokens an issuer should never have made (no exp, say). */
    public String signed(JwtClaimsSet claims) {
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
