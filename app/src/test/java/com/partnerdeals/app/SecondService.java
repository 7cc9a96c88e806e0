package com.partnerdeals.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another instance of the service inside the test JVM, for tests that need settings of their own (an issuer, a
 * database behind a proxy, a setting taken away). Axon stamps events with a static clock that every starting
 * service points at its own; closing this one gives it back to the shared test service's settable clock.
 */
public final class SecondService implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Clock eventClock;

    private SecondService(ConfigurableApplicationContext context, Clock eventClock) {
        this.context = context;
        this.eventClock = eventClock;
    }

    /** On a fresh in-memory H2 database of its own, with the test profile and these arguments. */
    public static SecondService onH2(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));
        all.addAll(List.of(arguments));
        return start(new String[] {"test"}, all.toArray(String[]::new));
    }

    /** With these profiles; arguments outrank the profiles' settings. */
    public static SecondService start(String[] profiles, String... arguments) {
        Clock eventClock = GenericEventMessage.clock;
        List<String> all = new ArrayList<>(List.of("--server.port=0"));
        all.addAll(List.of(arguments));
        try {
            return new SecondService(new SpringApplicationBuilder(PartnerDealsApplication.class)
                    .profiles(profiles)
                    .run(all.toArray(String[]::new)), eventClock);
        } catch (RuntimeException failedToStart) {
            GenericEventMessage.clock = eventClock;
            throw failedToStart;
        }
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Override
    public void close() {
        context.close();
        GenericEventMessage.clock = eventClock;
    }
}
