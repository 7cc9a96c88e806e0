package com.partnerdeals.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** IDEs complete and document the portal.* settings from the metadata the build generates. */
class ConfigurationMetadataTest {

    @Test
    void everyPortalSettingIsDescribedInTheGeneratedMetadata() throws IOException {
        String metadata;
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(metadata).contains("\"portal.deal.protection\"", "\"portal.trial.length\"",
                "\"portal.attention.inactive-after\"", "\"portal.security.hmac-secret\"",
                "\"portal.personal-data.master-key\"", "\"portal.dev-tokens.enabled\"", "\"portal.commands.max-in-flight\"",
                "\"portal.commands.cached-aggregates.size\"");
        assertThat(metadata).contains("how long a deal protects its domain");
    }
}
