package com.partnerdeals.platform.testing;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A schema of its own on the local PostgreSQL for a test that opens the database itself (the suite's second pass),
 * named after the run ({@code -Dtest.schema=...}, so that runs beside each other on one server keep apart) and the
 * test's {@code suffix}.
 */
public final class PostgresSchema {

    /** True in the suite's PostgreSQL pass ({@code -Dtest.database=postgres}). */
    public static final boolean POSTGRES = "postgres".equals(System.getProperty("test.database"));

    private PostgresSchema() {
    }

    public static String name(String suffix) {
        return System.getProperty("test.schema", "partner_deals_test") + "_" + suffix;
    }

    /** The schema as it is: the test migrates it as far as it needs. */
    public static DataSource dataSource(String suffix) {
        return new DriverManagerDataSource("jdbc:postgresql://localhost:5432/test?currentSchema=" + name(suffix),
                "postgres", "");
    }

    /** The schema emptied and migrated to the service's whole schema. */
    public static DataSource migrated(String suffix) {
        DataSource postgres = dataSource(suffix);
        Flyway flyway = Flyway.configure().dataSource(postgres).schemas(name(suffix)).locations("classpath:db/migration")
                .cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        return postgres;
    }

    /** PostgreSQL's schema in its pass, otherwise a fresh H2 database, both with the service's whole schema. */
    public static DataSource orInMemory(String suffix) {
        PostgresAvailable.assumeDatabase();
        return POSTGRES ? migrated(suffix) : InMemoryDatabase.migrated();
    }
}
