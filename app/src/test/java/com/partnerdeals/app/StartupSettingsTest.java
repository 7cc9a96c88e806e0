package com.partnerdeals.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.partnerdeals.platform.config.MissingSetting;
import com.partnerdeals.platform.config.MissingSettingFailureAnalyzer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start without a setting the service needs stops with a report that names the setting, not with Spring's
 * "required a bean" or a stack trace: no token verifier, a weak HS256 secret, no personal-data master key.
 */
class StartupSettingsTest {

    @BeforeEach
    void onlyOnce() {
        assumeFalse("postgres".equals(System.getProperty("test.database")), "a start-up check: the H2 pass is enough");
    }

    @Test
    void noTokenVerifierNamesBothWaysToGiveOne() throws Exception {
        FailureAnalysis analysis = failedStart("--portal.security.hmac-secret=", "--portal.dev-tokens.enabled=false");
        assertThat(analysis.getDescription()).startsWith("portal.security.hmac-secret is not set");
        assertThat(analysis.getAction()).contains("spring.security.oauth2.resourceserver.jwt.issuer-uri");
    }

    @Test
    void aWeakSecretIsRefused() throws Exception {
        assertThat(failedStart("--portal.security.hmac-secret=too-short").getDescription())
                .startsWith("portal.security.hmac-secret is shorter than 32 bytes");
    }

    @Test
    void noMasterKeyForPersonalDataNamesTheSetting() throws Exception {
        assertThat(failedStart("--portal.personal-data.master-key=").getDescription())
                .startsWith("portal.personal-data.master-key is not set");
    }

    private static String factories() throws IOException {
        StringBuilder all = new StringBuilder();
        for (URL url : Collections.list(StartupSettingsTest.class.getClassLoader().getResources("META-INF/spring.factories"))) {
            try (InputStream in = url.openStream()) {
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    /** Starts the service with one setting taken away; answers what Spring Boot reports about the failure. */
    private static FailureAnalysis failedStart(String... settings) throws Exception {
        Throwable failure = catchThrowable(() -> SecondService.onH2(settings).close());
        assertThat(failure).hasRootCauseInstanceOf(MissingSetting.class);
        assertThat(factories()).as("Spring Boot finds the analyzer").contains(MissingSettingFailureAnalyzer.class.getName());
        return new MissingSettingFailureAnalyzer().analyze(failure);
    }
}
