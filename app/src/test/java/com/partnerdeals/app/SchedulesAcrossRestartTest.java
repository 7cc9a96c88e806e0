package com.partnerdeals.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.platform.testing.FreshSchemaConfiguration;
import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.platform.testing.StoredEvents;
import com.partnerdeals.platform.testing.TestClockConfiguration;
import com.partnerdeals.platform.testing.TestProfiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What falls due while the service is down is recorded once the service is back, with no request, and once even
 * with two nodes checking: a trial's end (TrialExpired) and a review's due time (DealReviewOverdue, SPEC 12). Runs
 * its own service instances on a database of its own (H2 in memory, or with {@code -Dtest.database=postgres} a
 * PostgreSQL schema).
 */
class SchedulesAcrossRestartTest {

    private final boolean postgres = "postgres".equals(System.getProperty("test.database"));
    private final String h2Name = "restart-" + UUID.randomUUID();
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();
    /** Axon stamps events with a static clock that each service instance points at its own clock. */
    private final Clock eventClockBefore = GenericEventMessage.clock;

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
        GenericEventMessage.clock = eventClockBefore; // give the shared test service its clock back
    }

    private ConfigurableApplicationContext start(boolean freshSchema) {
        List<Class<?>> sources = new ArrayList<>(List.of(PartnerDealsApplication.class, TestClockConfiguration.class));
        if (freshSchema) {
            sources.add(FreshSchemaConfiguration.class);
        }
        String url = postgres
                ? "jdbc:postgresql://localhost:5432/test?currentSchema=trials_restart_test"
                : "jdbc:h2:mem:" + h2Name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        // Small pools: these instances share the database server with the other tests' service.
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
                "--spring.flyway.clean-disabled=false", "--spring.datasource.hikari.maximum-pool-size=4",
                "--portal.review.overdue-check-every=1s"));
        if (postgres) {
            arguments.add("--spring.flyway.schemas=trials_restart_test");
            arguments.add("--spring.flyway.default-schema=trials_restart_test");
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .profiles(new TestProfiles().resolve(getClass()))
                .run(arguments.toArray(String[]::new));
        running.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static List<String> eventsOf(ConfigurableApplicationContext context, String aggregateId) {
        return StoredEvents.typesOf(JdbcClient.create(context.getBean(DataSource.class)), aggregateId);
    }

    /** The trial's end, or the review's due time, passes while no node runs; then two nodes come up. */
    private List<ConfigurableApplicationContext> twoNodesAt(Instant later) {
        ConfigurableApplicationContext nodeA = start(false);
        ConfigurableApplicationContext nodeB = start(false);
        nodeA.getBean(MutableClock.class).set(later);
        nodeB.getBean(MutableClock.class).set(later);
        return List.of(nodeA, nodeB);
    }

    @Test
    void aReviewThatFellDueWhileTheServiceWasDownIsRecordedOverdueOnceAfterItComesBack() {
        ConfigurableApplicationContext first = start(true);
        PartnerProgram program = new PartnerProgram(port(first));
        String dealId = program.newDeal(program.newPartner());
        program.awaitReadModelsCaughtUp(Duration.ofSeconds(30)); // the read below must find the deal
        Instant registeredAt = Instant.parse(program.api.get("/api/deals/" + dealId, program.tokens.manager())
                .at("/registeredAt"));
        assertThat(eventsOf(first, dealId)).containsExactly("DealRegistered");
        first.close();

        ConfigurableApplicationContext nodeA = twoNodesAt(registeredAt.plus(Duration.ofDays(2)).plusSeconds(1)).get(0);

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOf(nodeA, dealId).contains("DealReviewOverdue"));
        Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true); // a few more checks on both nodes
        assertThat(eventsOf(nodeA, dealId)).containsExactly("DealRegistered", "DealReviewOverdue");
        PartnerProgram again = new PartnerProgram(port(nodeA));
        again.awaitReadModelsCaughtUp(Duration.ofSeconds(30));
        var history = again.api.get("/api/deals/" + dealId + "/history", again.tokens.manager());
        assertThat(history.json().findValuesAsString("eventType")).containsExactly("DealRegistered", "DealReviewOverdue");
        assertThat(history.json().get(1).at("/actor/subject").asString()).as("the service's schedule, not a user")
                .isEqualTo("partner-deals-service");
        assertThat(again.api.get("/api/deals/" + dealId, again.tokens.manager()).at("/reviewOverdue")).isEqualTo("true");
    }

    @Test
    void aTrialThatEndedWhileTheServiceWasDownIsClosedOnceAfterItComesBack() {
        ConfigurableApplicationContext first = start(true);
        PartnerProgram program = new PartnerProgram(port(first));
        String partner = program.newPartner();
        String dealId = program.newDeal(partner);
        var started = program.api.post("/api/deals/" + dealId + "/trial", program.tokens.partner(partner), null);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String customerId = started.at("/customerId");
        Instant trialEndsAt = Instant.parse(started.at("/trialEndsAt"));
        assertThat(eventsOf(first, customerId)).containsExactly("TrialStarted");
        first.close();

        ConfigurableApplicationContext nodeA = twoNodesAt(trialEndsAt.plus(Duration.ofMinutes(1))).get(0);

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOf(nodeA, customerId).contains("TrialExpired"));
        Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true); // a few more checks on both nodes
        assertThat(eventsOf(nodeA, customerId)).containsExactly("TrialStarted", "TrialExpired");
    }
}
