package com.partnerdeals.platform.testing;

import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Spring profiles for full-service tests: {@code test} on H2, or {@code test,postgres} when the build
 * runs with {@code -Dtest.database=postgres} (the second pass of the suite, against the real PostgreSQL).
 */
public class TestProfiles implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        return PostgresSchema.POSTGRES
                ? new String[] {"test", "postgres"}
                : new String[] {"test"};
    }
}
