package com.partnerdeals.query.customer;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database with the service's schema for the overview's projection tests: a fresh in-memory H2
 * (PostgreSQL mode), or with {@code -Dtest.database=postgres} an emptied schema of the local PostgreSQL
 * ({@code -Dtest.overview.schema} names it; {@code customer_overview_test} by default).
 */
final class OverviewDatabase {

    final DataSource dataSource;

    private OverviewDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static OverviewDatabase migrated() {
        boolean postgres = "postgres".equals(System.getProperty("test.database"));
        String schema = System.getProperty("test.overview.schema", "customer_overview_test");
        DataSource dataSource = postgres
                ? new DriverManagerDataSource("jdbc:postgresql://localhost:5432/test?currentSchema=" + schema,
                        "postgres", "")
                : new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "sa", "");
        var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .cleanDisabled(false);
        if (postgres) {
            configuration.schemas(schema);
        }
        Flyway flyway = configuration.load();
        flyway.clean();
        flyway.migrate();
        return new OverviewDatabase(dataSource);
    }

    DataSourceTransactionManager transactions() {
        return new DataSourceTransactionManager(dataSource);
    }
}
