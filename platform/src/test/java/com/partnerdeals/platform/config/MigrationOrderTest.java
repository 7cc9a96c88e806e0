package com.partnerdeals.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A database migrated before V5 was merged in (it has V9 already) takes V5 and the rest on the next start. */
class MigrationOrderTest {

    @Test
    void aDatabaseThatHasV9ButNotV5IsMigratedByTheServicesSettings(@TempDir Path earlier) throws Exception {
        for (String script : List.of("V1__event_store.sql", "V2__command_lookups.sql", "V3__deal_read_models.sql",
                "V4__dead_letters.sql", "V9__query_nodes.sql")) {
            try (InputStream in = new ClassPathResource("db/migration/" + script).getInputStream()) {
                Files.copy(in, earlier.resolve(script));
            }
        }
        DataSource database = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(database).locations("filesystem:" + earlier).load().migrate();

        Object outOfOrder = new YamlPropertySourceLoader()
                .load("partner-deals", new ClassPathResource("partner-deals.yml")).get(0)
                .getProperty("spring.flyway.out-of-order");
        Flyway.configure().dataSource(database).locations("classpath:db/migration")
                .outOfOrder(Boolean.parseBoolean(String.valueOf(outOfOrder))).load().migrate();

        assertThat(JdbcClient.create(database).sql("SELECT COUNT(*) FROM customer_overview_tab_count")
                .query(Long.class).single()).isZero();
    }
}
