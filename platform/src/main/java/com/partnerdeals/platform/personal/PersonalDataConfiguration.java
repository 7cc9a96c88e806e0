package com.partnerdeals.platform.personal;

import com.partnerdeals.platform.config.MissingSetting;
import com.partnerdeals.platform.config.PortalProperties;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Crypto-shredding of personal data (SPEC 11): the master key from configuration, the key table, and the cipher
 * that the event serializer applies to every {@code @PersonalData} component.
 */
@Configuration(proxyBeanMethods = false)
public class PersonalDataConfiguration {

    static final String MASTER_KEY_SETTING = "portal.personal-data.master-key";
    private static final Logger log = LoggerFactory.getLogger(PersonalDataConfiguration.class);

    @Bean
    PersonalDataKeys personalDataKeys(JdbcClient jdbc, PortalProperties properties, Clock clock) {
        PersonalDataKeys keys = new PersonalDataKeys(jdbc, masterKey(properties), previousMasterKeys(properties), clock);
        int rewrapped = keys.prepare();
        if (rewrapped > 0) {
            log.info("Re-wrapped {} personal-data keys with the current master key", rewrapped);
        }
        return keys;
    }

    @Bean
    PersonalDataCipher personalDataCipher(PersonalDataKeys keys) {
        return new PersonalDataCipher(keys);
    }

    static MasterKey masterKey(PortalProperties properties) {
        String configured = properties.personalData().masterKey();
        if (configured == null || configured.isBlank()) {
            throw new MissingSetting(MASTER_KEY_SETTING, "is not set.", "Set PORTAL_PERSONAL_DATA_MASTER_KEY to 32 random "
                    + "bytes in Base64 (openssl rand -base64 32), and keep it: see the README's Personal data section.");
        }
        return MasterKey.fromBase64(MASTER_KEY_SETTING, configured);
    }

    private static List<MasterKey> previousMasterKeys(PortalProperties properties) {
        return properties.personalData().previousMasterKeys().stream()
                .map(key -> MasterKey.fromBase64("portal.personal-data.previous-master-keys", key))
                .toList();
    }
}
