package com.partnerdeals.platform.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.crypto.SecretKey;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * CPU per bearer-token check on one thread: the service's HS256 decoder as {@link SecurityConfiguration} builds it,
 * then the same behind {@link VerifiedTokens}, for a partner's token sent again and again.
 * {@code java -Dloader.main=com.partnerdeals.platform.security.TokenVerificationBenchmark -jar bench/target/bench-exec.jar}
 */
public final class TokenVerificationBenchmark {

    private static final String SECRET = "bench-only-secret-0123456789abcdef0123456789";
    private static final int ROUNDS = 5;
    private static final int CHECKS_PER_ROUND = 50_000;

    public static void main(String[] args) throws Exception {
        SecretKey key = SecurityConfiguration.hmacKey(SECRET);
        NimbusJwtDecoder hmac = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        String hmacToken = NimbusJwtEncoder.withSecretKey(key).build()
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), partnerClaims()))
                .getTokenValue();
        compare("HS256 (the embedded default, PORTAL_SECURITY_HMAC_SECRET)", hmac, hmacToken);

        // An identity provider's tokens (Keycloak signs RS256 with a 2048-bit key by default).
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate()).build();
        NimbusJwtDecoder rsa = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        String rsaToken = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)))
                .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), partnerClaims()))
                .getTokenValue();
        compare("RS256 (an identity provider's tokens)", rsa, rsaToken);
    }

    private static void compare(String kind, NimbusJwtDecoder decoder, String token) {
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                new SecurityConfiguration().callerClaimsValidator()));
        JwtDecoder remembered = new VerifiedTokens(decoder);
        System.out.println(kind);
        for (int round = 1; round <= ROUNDS; round++) {
            System.out.printf("  round %d: the decoder %.2f µs per check, behind VerifiedTokens %.2f µs%n",
                    round, microsPerCheck(decoder, token), microsPerCheck(remembered, token));
        }
    }

    private static double microsPerCheck(JwtDecoder decoder, String token) {
        long start = System.nanoTime();
        int subjects = 0;
        for (int i = 0; i < CHECKS_PER_ROUND; i++) {
            subjects += decoder.decode(token).getSubject().length();
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / CHECKS_PER_ROUND;
        if (subjects == 0) {
            throw new IllegalStateException("no subject decoded");
        }
        return micros;
    }

    private static JwtClaimsSet partnerClaims() {
        Instant now = Instant.now();
        return JwtClaimsSet.builder().subject("anna@nordic.example").issuedAt(now)
                .expiresAt(now.plus(1, ChronoUnit.HOURS)).claim("roles", List.of("PARTNER")).claim("partner_id", "nordic")
                .build();
    }

    private TokenVerificationBenchmark() {
    }
}
