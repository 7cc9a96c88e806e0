package com.partnerdeals.app;

import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.FreshSchemaConfiguration;
import com.partnerdeals.platform.testing.PostgresAvailable;
import com.partnerdeals.platform.testing.TestClockConfiguration;
import com.partnerdeals.platform.testing.TestProfiles;
import com.partnerdeals.platform.testing.Tokens;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test of the whole service through HTTP: the real app on a random port, H2 or (with
 * {@code -Dtest.database=postgres}) PostgreSQL, a settable clock, real signed tokens. Every such test
 * uses the same configuration, so one application context serves them all; tests therefore use fresh
 * ids and domains rather than an empty database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = PartnerDealsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
@Import({TestClockConfiguration.class, FreshSchemaConfiguration.class})
@ExtendWith(PostgresAvailable.class)
public @interface ServiceTest {
}
