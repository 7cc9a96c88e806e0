package com.partnerdeals.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.platform.testing.InMemoryDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

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
        DataSource database = InMemoryDatabase.empty();
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
