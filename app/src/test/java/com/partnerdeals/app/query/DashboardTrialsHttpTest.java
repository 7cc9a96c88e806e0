package com.partnerdeals.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dashboard counts the trials ending within 7 days, from the customer overview, per viewer. */
@ServiceTest
class DashboardTrialsHttpTest {

    @LocalServerPort int port;
    @Autowired MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aTrialShowsOnTheDashboardInItsLastSevenDays() {
        PartnerProgram program = new PartnerProgram(port);
        String partner = program.newPartner();
        clock.set(Instant.parse("2026-05-04T08:00:00Z"));
        String dealId = program.newDeal(partner);
        Api.Response trial = program.api.post("/api/deals/" + dealId + "/trial", program.tokens.partner(partner), null);
        assertThat(trial.status()).as(trial.toString()).isEqualTo(201);
        String customerId = trial.at("/customerId");

        await().atMost(Duration.ofSeconds(20)).until(() ->
                program.api.get("/api/customers/" + customerId, program.tokens.partner(partner)).status() == 200);
        assertThat(endingSoon(program, partner)).isEqualTo("0");

        clock.advance(Duration.ofDays(8)); // ends in 6 days now
        assertThat(endingSoon(program, partner)).isEqualTo("1");
        Api.Response dashboard = program.api.get("/api/dashboard", program.tokens.partner(partner));
        assertThat(dashboard.at("/trialsEndingSoon/soonest/0/customerId")).isEqualTo(customerId);
        assertThat(program.api.get("/api/dashboard", program.tokens.partner(program.newPartner()))
                .at("/trialsEndingSoon/count")).isEqualTo("0");
    }

    private static String endingSoon(PartnerProgram program, String partner) {
        return program.api.get("/api/dashboard", program.tokens.partner(partner)).at("/trialsEndingSoon/count");
    }
}
