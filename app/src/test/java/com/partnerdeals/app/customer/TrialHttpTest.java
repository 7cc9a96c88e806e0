package com.partnerdeals.app.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.command.customer.SubscriptionFaults;
import com.partnerdeals.platform.testing.Api;
import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.platform.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Trials through HTTP: start from a deal, extension request and grant, subscription, expiry. */
@ServiceTest
class TrialHttpTest {

    static final Map<String, Object> WON = Map.of("billingOption", "INVOICE",
            "annualValue", Map.of("amount", "4800.00", "currency", "EUR"));

    @LocalServerPort int port;
    @Autowired MutableClock clock;
    @Autowired DataSource dataSource;

    CustomerAccounts accounts;
    Api api;
    Tokens tokens;
    String partner;

    @BeforeEach
    void setUp() {
        accounts = new CustomerAccounts(port, dataSource);
        api = accounts.api;
        tokens = accounts.program.tokens;
        partner = accounts.program.newPartner();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void startingATrialCreatesTheLinkedAccountAndMovesTheDealToTrial() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        String dealId = accounts.program.newDeal(partner);

        Api.Response started = api.post("/api/deals/" + dealId + "/trial", tokens.partner(partner), null);

        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String customerId = started.at("/customerId");
        assertThat(started.at("/dealId")).isEqualTo(dealId);
        assertThat(started.at("/trialEndsAt")).isEqualTo(now.plus(Duration.ofDays(14)).toString());
        assertThat(started.at("/version")).isEqualTo("2");
        assertThat(started.header("Location")).endsWith("/api/customers/" + customerId);
        assertThat(accounts.eventsOf(dealId)).containsExactly("DealRegistered", "DealTrialStarted", "DealStageChanged");
        assertThat(accounts.eventsOf(customerId)).containsExactly("TrialStarted");

        Api.Response shown = accounts.awaitCustomer(customerId, tokens.partner(partner), r -> r.status() == 200);
        assertThat(shown.at("/status")).isEqualTo("TRIAL");
        assertThat(shown.at("/dealId")).isEqualTo(dealId);
        assertThat(shown.at("/partnerId")).isEqualTo(partner);
    }

    @Test
    void aDealHasAtMostOneTrialAndOnlyItsPartnerOrAManagerStartsIt() {
        String dealId = accounts.program.newDeal(partner);
        String other = accounts.program.newPartner();

        assertThat(api.post("/api/deals/" + dealId + "/trial", tokens.partner(other), null).code()).isEqualTo("NOT_FOUND");
        assertThat(api.post("/api/deals/" + dealId + "/trial", tokens.system(), null).status()).isEqualTo(403);
        Api.Response first = api.post("/api/deals/" + dealId + "/trial", tokens.manager(), null);
        assertThat(first.status()).isEqualTo(201);
        Api.Response second = api.post("/api/deals/" + dealId + "/trial", tokens.partner(partner), null);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("TRIAL_EXISTS");
        assertThat(second.at("/customerId")).isEqualTo(first.at("/customerId"));
    }

    @Test
    void deniedAndClosedDealsStartNoTrial() {
        String denied = accounts.program.newDeal(partner);
        api.post("/api/deals/" + denied + "/deny", tokens.manager(), Map.of("reason", "INVALID_LEAD"));
        assertThat(api.post("/api/deals/" + denied + "/trial", tokens.partner(partner), null).code()).isEqualTo("DEAL_DENIED");

        String lost = accounts.program.newDeal(partner);
        api.post("/api/deals/" + lost + "/close-lost", tokens.partner(partner), Map.of("reason", "No budget"));
        assertThat(api.post("/api/deals/" + lost + "/trial", tokens.partner(partner), null).code()).isEqualTo("DEAL_CLOSED");
        assertThat(accounts.eventsOf(lost)).doesNotContain("DealTrialStarted");
    }

    @Test
    void thePartnerAsksForAnExtensionAndAManagerGrantsItOnce() {
        String customerId = accounts.newTrial(partner);
        String path = "/api/customers/" + customerId;

        assertThat(api.post(path + "/trial-extension-requests", tokens.manager(), Map.of()).status()).isEqualTo(403);
        assertThat(api.post(path + "/trial-extension-requests", tokens.partner(accounts.program.newPartner()),
                Map.of()).code()).isEqualTo("NOT_FOUND");
        Api.Response requested = api.post(path + "/trial-extension-requests", tokens.partner(partner),
                Map.of("note", "The pilot starts late"));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(200);
        assertThat(requested.at("/version")).isEqualTo("1");
        assertThat(api.post(path + "/trial-extension-requests", tokens.partner(partner), null).code())
                .isEqualTo("EXTENSION_ALREADY_REQUESTED");
        accounts.awaitCustomer(customerId, tokens.partner(partner),
                r -> r.body().contains("EXTENSION_REQUESTED"));

        assertThat(api.post(path + "/trial-extension", tokens.partner(partner), null).status()).isEqualTo(403);
        assertThat(api.post(path + "/trial-extension", tokens.manager(), Map.of("days", 91)).code())
                .isEqualTo("VALIDATION_FAILED");
        String endsBefore = accounts.awaitCustomer(customerId, tokens.manager(), r -> r.status() == 200).at("/trialEndsAt");
        Api.Response extended = api.post(path + "/trial-extension", tokens.manager(), null);
        assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
        assertThat(api.post(path + "/trial-extension", tokens.manager(), Map.of("days", 5)).code())
                .isEqualTo("TRIAL_ALREADY_EXTENDED");

        Api.Response shown = accounts.awaitCustomer(customerId, tokens.partner(partner),
                r -> !r.body().contains("EXTENSION_REQUESTED"));
        assertThat(Instant.parse(shown.at("/trialEndsAt")))
                .isEqualTo(Instant.parse(endsBefore).plus(Duration.ofDays(30)));
    }

    @Test
    void aVersionMismatchIsRefused() {
        String customerId = accounts.newTrial(partner);
        Api.Response stale = api.post("/api/customers/" + customerId + "/trial-extension", tokens.manager(), null,
                "If-Match", "\"7\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("VERSION_MISMATCH");
    }

    @Test
    void theProductOrAManagerStartsASubscriptionOnce() {
        String customerId = accounts.newTrial(partner);
        String path = "/api/customers/" + customerId + "/subscription";

        assertThat(api.post(path, tokens.partner(partner), null).status()).isEqualTo(403);
        Api.Response subscribed = api.post(path, tokens.system(), Map.of("plan", "Professional"));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(200);
        Api.Response again = api.post(path, tokens.manager(), null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.at("/version")).isEqualTo(subscribed.at("/version"));
        assertThat(accounts.eventsOf(customerId)).containsExactly("TrialStarted", "SubscriptionStarted");
        assertThat(api.post("/api/customers/" + customerId + "/trial-extension", tokens.manager(), null).code())
                .isEqualTo("SUBSCRIPTION_ACTIVE");
        assertThat(api.post("/api/customers/no-such-customer/subscription", tokens.system(), null).code())
                .isEqualTo("NOT_FOUND");

        Api.Response shown = accounts.awaitCustomer(customerId, tokens.partner(partner),
                r -> "ACTIVE".equals(r.at("/status")));
        assertThat(shown.at("/subscribedAt")).isNotNull();
    }

    @Test
    void closingTheLinkedDealAsWonSubscribesTheAccountInTheSameTransaction() {
        String dealId = accounts.program.newAcceptedDeal(partner);
        String customerId = accounts.startTrial(partner, dealId);

        SubscriptionFaults.FAILING_ACCOUNTS.add(customerId);
        try {
            Api.Response failed = api.post("/api/deals/" + dealId + "/close-won", tokens.partner(partner), WON);
            assertThat(failed.status()).isEqualTo(500);
        } finally {
            SubscriptionFaults.FAILING_ACCOUNTS.remove(customerId);
        }
        assertThat(accounts.eventsOf(dealId)).doesNotContain("DealClosedWon");
        assertThat(accounts.eventsOf(customerId)).containsExactly("TrialStarted");

        Api.Response won = api.post("/api/deals/" + dealId + "/close-won", tokens.partner(partner), WON);
        assertThat(won.status()).as(won.toString()).isEqualTo(200);
        assertThat(accounts.eventsOf(dealId)).endsWith("DealClosedWon");
        assertThat(accounts.eventsOf(customerId)).containsExactly("TrialStarted", "SubscriptionStarted");
        assertThat(accounts.awaitCustomer(customerId, tokens.partner(partner), r -> "ACTIVE".equals(r.at("/status")))
                .at("/status")).isEqualTo("ACTIVE");
    }

    @Test
    void aWonDealWithoutATrialSubscribesNothing() {
        String dealId = accounts.program.newAcceptedDeal(partner);
        api.post("/api/deals/" + dealId + "/stage", tokens.partner(partner), Map.of("stage", "TRIAL"));
        assertThat(api.post("/api/deals/" + dealId + "/close-won", tokens.partner(partner), WON).status()).isEqualTo(200);
        assertThat(accounts.eventsOf(dealId)).doesNotContain("DealTrialStarted");
    }

    @Test
    void aDealForACustomerWhoSubscribedIsFlaggedAsAnExistingCustomer() {
        String domain = PartnerProgram.newCustomerDomain();
        String customerId = accounts.startTrial(partner, accounts.program.newDeal(partner, "anna@" + domain));

        String inTrial = accounts.program.newDeal(accounts.program.newPartner(), "bo@" + domain);
        api.post("/api/customers/" + customerId + "/subscription", tokens.system(), null);
        String subscribed = accounts.program.newDeal(accounts.program.newPartner(), "cy@" + domain);

        assertThat(flagsOf(inTrial)).containsExactly("DOMAIN_CONFLICT");
        assertThat(flagsOf(subscribed)).containsExactlyInAnyOrder("DOMAIN_CONFLICT", "EXISTING_CUSTOMER");
    }

    @Test
    void aTrialExtendedAfterItEndedRunsAgainAndEndsAgainAtItsNewEnd() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(start);
        String customerId = accounts.newTrial(partner);
        Instant ended = start.plus(Duration.ofDays(14)).plusSeconds(60);
        clock.set(ended);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> accounts.eventsOf(customerId).contains("TrialExpired"));

        Api.Response extended = api.post("/api/customers/" + customerId + "/trial-extension", tokens.manager(),
                Map.of("days", 10));
        assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
        Instant newEnd = ended.plus(Duration.ofDays(10));
        Api.Response reopened = accounts.awaitCustomer(customerId, tokens.manager(), r -> "TRIAL".equals(r.at("/status")));
        assertThat(Instant.parse(reopened.at("/trialEndsAt"))).isEqualTo(newEnd);

        clock.set(newEnd.minusSeconds(60));
        Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(accounts.eventsOf(customerId)).containsExactly("TrialStarted", "TrialExpired", "TrialExtended");

        clock.set(newEnd.plusSeconds(60));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> accounts.eventsOf(customerId).size() == 4);
        assertThat(accounts.eventsOf(customerId))
                .containsExactly("TrialStarted", "TrialExpired", "TrialExtended", "TrialExpired");
        assertThat(accounts.awaitCustomer(customerId, tokens.manager(), r -> "CLOSED".equals(r.at("/status")))
                .at("/status")).isEqualTo("CLOSED");
    }

    @Test
    void anEndedTrialIsClosedWithNoRequestAndItsExpiryIsRecordedOnce() {
        String customerId = accounts.newTrial(partner);
        String subscribed = accounts.newTrial(partner);
        api.post("/api/customers/" + subscribed + "/subscription", tokens.system(), null);

        clock.set(Instant.now().plus(Duration.ofDays(14)).plusSeconds(60));
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> accounts.eventsOf(customerId).contains("TrialExpired"));
        // A few more checks run; none records the expiry again, and the subscription never expires.
        Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(accounts.eventsOf(customerId)).containsExactly("TrialStarted", "TrialExpired");
        assertThat(accounts.eventsOf(subscribed)).containsExactly("TrialStarted", "SubscriptionStarted");
        assertThat(accounts.awaitCustomer(customerId, tokens.partner(partner), r -> r.status() == 200).at("/status"))
                .isEqualTo("CLOSED");
    }

    /** The deal's flags as a manager sees them, once the deal views show the deal. */
    private List<String> flagsOf(String dealId) {
        Api.Response shown = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/api/deals/" + dealId, tokens.manager()), response -> response.status() == 200);
        return StreamSupport.stream(shown.json().at("/flags").spliterator(), false).map(JsonNode::asString).toList();
    }
}
