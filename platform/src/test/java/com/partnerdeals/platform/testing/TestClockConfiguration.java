package com.partnerdeals.platform.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the service clock with a {@link MutableClock} that follows real time until a test sets it. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    @Bean
    @Primary
    MutableClock testClock() {
        MutableClock clock = new MutableClock(null);
        clock.reset();
        return clock;
    }
}
