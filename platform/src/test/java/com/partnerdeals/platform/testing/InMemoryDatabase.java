package com.partnerdeals.platform.testing;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh H2 database of its own for a test, in the mode the service runs H2 in (partner-deals.yml). */
public final class InMemoryDatabase {

    private InMemoryDatabase() {
    }

    /** Empty: the test migrates it as far as it needs. */
    public static DataSource empty() {
        return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** With the service's whole schema. */
    public static DataSource migrated() {
        DataSource database = empty();
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        return database;
    }
}
