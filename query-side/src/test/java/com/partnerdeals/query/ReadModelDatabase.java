package com.partnerdeals.query;

import com.partnerdeals.platform.testing.InMemoryDatabase;
import com.partnerdeals.platform.testing.PostgresAvailable;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A database with the service's schema for projection tests: a fresh in-memory H2 (PostgreSQL mode), or
 * with {@code -Dtest.database=postgres} an emptied schema of the local PostgreSQL.
 */
public final class ReadModelDatabase {

    private final DataSource dataSource;

    private ReadModelDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs beside other test runs on one server when given {@code -Dtest.schema=...}. */
    private static final String SCHEMA = System.getProperty("test.schema", "partner_deals_test") + "_query";

    public static ReadModelDatabase migrated() {
        PostgresAvailable.assumeDatabase();
        boolean postgres = "postgres".equals(System.getProperty("test.database"));
        DataSource dataSource = postgres
                ? new DriverManagerDataSource("jdbc:postgresql://localhost:5432/test?currentSchema=" + SCHEMA,
                        "postgres", "")
                : InMemoryDatabase.empty();
        var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .cleanDisabled(false);
        if (postgres) {
            configuration.schemas(SCHEMA);
        }
        Flyway flyway = configuration.load();
        flyway.clean();
        flyway.migrate();
        return new ReadModelDatabase(dataSource);
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public NamedParameterJdbcTemplate namedParameterJdbc() {
        return new NamedParameterJdbcTemplate(dataSource);
    }

    public PlatformTransactionManager transactions() {
        return new DataSourceTransactionManager(dataSource);
    }
}
