package com.partnerdeals.platform.security;

import com.partnerdeals.platform.config.MissingSetting;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.web.ProblemResponses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bearer tokens (JWT) on every {@code /api} endpoint but the dev token mint. Roles come from the
 * {@code roles} claim; which role may call what is declared on each controller method with
 * {@code @PreAuthorize}. Failures answer problem+json: 401 for a missing or bad token, 403 for a
 * valid token without the needed role.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration implements WebMvcConfigurer {

    /** The narrowest column that stores a user: an event's actor and a note's author. */
    static final int MAX_SUBJECT_LENGTH = 255;
    static final String HMAC_SECRET = "portal.security.hmac-secret";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems, JwtDecoder decoder) throws Exception {
        BearerTokenAuthenticationEntryPoint bearerChallenge = new BearerTokenAuthenticationEntryPoint();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/dev/tokens").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
                        // Metrics name URLs, exception classes and pool sizes: for the vendor's staff, never partners.
                        .requestMatchers("/actuator/**").hasRole(Role.PARTNER_MANAGER.name())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(new VerifiedTokens(decoder)).jwtAuthenticationConverter(callerAuthentication()))
                        .authenticationEntryPoint((request, response, failure) -> {
                            bearerChallenge.commence(request, response, failure);
                            problems.write(response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                                    "A valid bearer token is required.");
                        })
                        .accessDeniedHandler((request, response, denied) -> problems.write(response,
                                HttpStatus.FORBIDDEN, "FORBIDDEN", "Your role does not allow this request.")));
        return http.build();
    }

    /** {@code roles} become {@code ROLE_*} authorities; a partner's token must name its partner. */
    static Converter<Jwt, AbstractAuthenticationToken> callerAuthentication() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(Claims.ROLES);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return jwt -> {
            if (CallerArgumentResolver.roles(jwt).contains(Role.PARTNER) && isBlank(jwt.getClaimAsString(Claims.PARTNER_ID))) {
                throw new InvalidBearerTokenException("A PARTNER token must carry a partner_id claim");
            }
            if (isBlank(jwt.getSubject())) {
                throw new InvalidBearerTokenException("The token has no subject");
            }
            return converter.convert(jwt);
        };
    }

    /**
     * No tracing spans for the filter chain, authentication and authorization: with no tracer configured they
     * only cost CPU (about a tenth of a command's request thread in the throughput benchmark's profile).
     * {@code http.server.requests} metrics are kept.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * What a token must say beyond a valid signature (SPEC 2): an expiry, so that no token is good forever, and
     * a subject short enough to be stored as the actor of an event or the author of a note. Spring Boot adds
     * this validator to an issuer's decoder too.
     */
    @Bean
    OAuth2TokenValidator<Jwt> callerClaimsValidator() {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject == null || subject.length() <= MAX_SUBJECT_LENGTH));
    }

    /**
     * Without an identity provider (issuer, JWK set or public key: Spring Boot's standard settings), tokens are HS256
     * tokens signed with {@code portal.security.hmac-secret}: the embedded default. With neither, the start stops
     * and says which setting to give.
     */
    @Bean
    @Conditional(NoIdentityProvider.class)
    JwtDecoder hmacJwtDecoder(PortalProperties properties, OAuth2TokenValidator<Jwt> callerClaimsValidator) {
        String secret = properties.security().hmacSecret();
        if (secret == null || secret.isBlank()) {
            throw new MissingSetting(HMAC_SECRET, "is not set, and no identity provider is configured.",
                    "Set spring.security.oauth2.resourceserver.jwt.issuer-uri to your identity provider, or "
                            + "PORTAL_SECURITY_HMAC_SECRET to a secret of at least 32 bytes that signs the tokens.");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(hmacKey(secret))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), callerClaimsValidator));
        return decoder;
    }

    static SecretKey hmacKey(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new MissingSetting(HMAC_SECRET, "is shorter than 32 bytes, too weak for HS256.",
                    "Set PORTAL_SECURITY_HMAC_SECRET to at least 32 random bytes (openssl rand -base64 32).");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** None of Spring Boot's settings for verifying an identity provider's tokens is given. */
    static class NoIdentityProvider implements Condition {

        private static final List<String> SETTINGS = List.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "spring.security.oauth2.resourceserver.jwt.public-key-location");

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return SETTINGS.stream().allMatch(setting -> !StringUtils.hasText(context.getEnvironment().getProperty(setting)));
        }
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
