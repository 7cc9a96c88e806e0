package com.partnerdeals.platform.time;

import java.time.Clock;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every time rule reads (protection, trial end, activity window, attention items).
 * Event timestamps come from it too, so a deal's history and its state "as of" agree with the rules.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    /** Tests replace it with a @Primary settable clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventClockBinding eventClockBinding(Clock clock) {
        return new EventClockBinding(clock);
    }

    /** Axon stamps events with a static clock; point it at ours. */
    static final class EventClockBinding {
        EventClockBinding(Clock clock) {
            GenericEventMessage.clock = clock;
        }
    }
}
