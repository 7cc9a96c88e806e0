package com.partnerdeals.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Remembers the tokens the decoder has accepted, by their exact text, so that a client sending the same token with
 * every request has it verified once. Verifying (parsing, signature, claim conversion, validators) cost about 6 % of
 * a command's request-thread CPU in the throughput benchmark's profile.
 *
 * <p>Nothing is accepted that the decoder would refuse: a token altered in any character is a different key and is
 * verified afresh; a refused token is never remembered; a remembered token is given up at its {@code exp} and then
 * verified afresh, so the decoder's own validators (and their clock skew) decide about it. Tokens are remembered
 * for five minutes at most, as long as Spring's decoder keeps an identity provider's keys, so a key withdrawn there
 * stops being honoured here no later than before.
 */
final class VerifiedTokens implements JwtDecoder {

    private static final int REMEMBERED_TOKENS = 10_000;
    private static final Duration REMEMBERED_AT_MOST = Duration.ofMinutes(5);

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> accepted = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfterWrite(REMEMBERED_AT_MOST)
            .build();

    VerifiedTokens(JwtDecoder decoder) {
        this(decoder, Clock.systemUTC());
    }

    VerifiedTokens(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) {
        Jwt remembered = accepted.getIfPresent(token);
        if (remembered != null && clock.instant().isBefore(remembered.getExpiresAt())) {
            return remembered;
        }
        Jwt verified = decoder.decode(token);
        Instant expiresAt = verified.getExpiresAt();
        // The claims validator requires exp; an issuer's decoder configured without it is simply not remembered.
        if (expiresAt != null && clock.instant().isBefore(expiresAt)) {
            accepted.put(token, verified);
        }
        return verified;
    }
}
