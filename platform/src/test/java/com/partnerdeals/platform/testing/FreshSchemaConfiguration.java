package com.partnerdeals.platform.testing;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Full-service tests start from an empty schema, also on a PostgreSQL that earlier runs have used. */
@TestConfiguration(proxyBeanMethods = false)
public class FreshSchemaConfiguration {

    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
        };
    }
}
