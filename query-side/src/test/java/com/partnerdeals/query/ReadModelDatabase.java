package com.partnerdeals.query;

import com.partnerdeals.platform.testing.PostgresSchema;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
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

    /** Emptied and migrated; on PostgreSQL a schema of this run's own. */
    public static ReadModelDatabase migrated() {
        return new ReadModelDatabase(PostgresSchema.orInMemory("query"));
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
