package com.partnerdeals.platform.testing;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A schema of its own on the local PostgreSQL for a test that opens the database itself (the suite's second pass). */
public final class PostgresSchema {

    /** True in the suite's PostgreSQL pass ({@code -Dtest.database=postgres}). */
    public static final boolean POSTGRES = "postgres".equals(System.getProperty("test.database"));

    private PostgresSchema() {
    }

    /** The schema named after the test run and {@code suffix}, emptied and migrated to the service's whole schema. */
    public static DataSource migrated(String suffix) {
        String schema = System.getProperty("test.schema", "partner_deals_test") + "_" + suffix;
        DataSource postgres = new DriverManagerDataSource("jdbc:postgresql://localhost:5432/test?currentSchema=" + schema,
                "postgres", "");
        Flyway flyway = Flyway.configure().dataSource(postgres).schemas(schema).locations("classpath:db/migration")
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
