package com.partnerdeals.platform.security;

import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.partner.RegisterPartner;
import com.partnerdeals.platform.config.MissingSetting;
import com.partnerdeals.platform.config.PortalProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/dev/tokens}: mints a token so a newcomer can try the API at once. Exists only when
 * {@code portal.dev-tokens.enabled=true} (the embedded default); anyone can mint any role with it, so it
 * must never be on in production.
 */
@RestController
@Tag(name = "Development tokens")
@ConditionalOnProperty(name = "portal.dev-tokens.enabled", havingValue = "true")
class DevTokenController {

    private static final Logger log = LoggerFactory.getLogger(DevTokenController.class);
    private static final Duration LIFETIME = Duration.ofHours(12);

    record TokenRequest(@NotBlank @Size(max = 200) String subject,
                        @NotEmpty List<@Pattern(regexp = "PARTNER|PARTNER_MANAGER|SYSTEM",
                                message = "must be PARTNER, PARTNER_MANAGER or SYSTEM") String> roles,
                        @Pattern(regexp = RegisterPartner.ID_PATTERN) String partnerId) {
    }

    record TokenResponse(String token, Instant expiresAt) {
    }

    private final JwtEncoder encoder;

    DevTokenController(PortalProperties properties) {
        String secret = properties.security().hmacSecret();
        if (secret == null || secret.isBlank()) {
            throw new MissingSetting(SecurityConfiguration.HMAC_SECRET, "is not set, but dev tokens are on.",
                    "Set PORTAL_SECURITY_HMAC_SECRET (at least 32 bytes), or PORTAL_DEV_TOKENS_ENABLED=false.");
        }
        this.encoder = NimbusJwtEncoder.withSecretKey(SecurityConfiguration.hmacKey(secret)).build();
        log.warn("Dev tokens are ON: anyone can mint any role at POST /api/dev/tokens. "
                + "Never enable portal.dev-tokens in production.");
    }

    @PostMapping("/api/dev/tokens")
    @SecurityRequirements
    @Operation(operationId = "mintDevToken", summary = "Mint a development token (embedded default only)",
            description = "Anyone can mint any role here: it exists only when portal.dev-tokens.enabled=true (the embedded default), never in production. Tokens live 12 hours.")
    TokenResponse mint(@Valid @RequestBody TokenRequest request) {
        if (request.roles().contains(Role.PARTNER.name()) && request.partnerId() == null) {
            throw RuleViolation.invalidField("partnerId", "is required for a PARTNER token");
        }
        // Real time, not the service clock: token expiry is checked against the wall clock.
        Instant now = Clock.systemUTC().instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .subject(request.subject())
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .claim(Claims.ROLES, request.roles());
        if (request.partnerId() != null) {
            claims.claim(Claims.PARTNER_ID, request.partnerId());
        }
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                claims.build())).getTokenValue();
        return new TokenResponse(token, now.plus(LIFETIME));
    }
}
