package com.partnerdeals.app.deal;

import static com.partnerdeals.app.PartnerProgram.newCustomerDomain;
import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.common.Actor;
import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.command.deal.CachedDeals;
import com.partnerdeals.platform.testing.Api;
import java.util.List;
import java.util.Map;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Deals stay in memory between their commands (CachedDeals), but a command never decides from a deal that another
 * node changed meanwhile: here "another node" appends straight to the event store, as a second process would.
 */
@ServiceTest
class CachedDealsHttpTest {

    @LocalServerPort int port;
    @Autowired EventStorageEngine eventStore;
    @Autowired TransactionManager transactions;
    @Autowired @Qualifier(CachedDeals.CACHE) Cache cachedDeals;

    PartnerProgram program;
    Api api;
    String partner;

    @BeforeEach
    void setUp() {
        program = new PartnerProgram(port);
        api = program.api;
        partner = program.newPartner();
    }

    private Api.Response moveTo(String dealId, DealStage stage) {
        return api.post("/api/deals/" + dealId + "/stage", program.tokens.partner(partner), Map.of("stage", stage.name()));
    }

    @Test
    void aDealIsKeptInMemoryAfterItsCommands() {
        String dealId = program.newDeal(partner);

        assertThat(cachedDeals.containsKey(dealId)).isTrue();
    }

    /**
     * In memory the deal is in TRIAL; another node has moved it back since. Moving it to TRIAL is then a change (a new
     * version), not the no-op that the deal in memory would answer.
     */
    @Test
    void aCommandSeesWhatAnotherNodeStoredSinceTheDealWasKeptInMemory() {
        String dealId = program.newDeal(partner, "anna@" + newCustomerDomain());
        assertThat(moveTo(dealId, DealStage.TRIAL).at("/version")).isEqualTo("1");
        assertThat(cachedDeals.containsKey(dealId)).isTrue();

        appendAsAnotherNode(dealId, 2, new DealStageChanged(dealId, DealStage.TRIAL, DealStage.NEWSLETTER_SUBSCRIPTION));

        Api.Response moved = moveTo(dealId, DealStage.TRIAL);
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.at("/version")).isEqualTo("3");
        assertThat(moveTo(dealId, DealStage.TRIAL).at("/version")).as("now a no-op").isEqualTo("3");
    }

    /**
     * A change decided on the deal in memory is not checked against the store first: its append fails on the store's
     * unique key instead, and the retry finds the deal already where the command wants it (a no-op, SPEC 3).
     */
    @Test
    void aChangeDecidedOnADealAnotherNodeChangedFailsOnTheStoresKeyAndIsRetried() {
        String dealId = program.newDeal(partner, "anna@" + newCustomerDomain());
        assertThat(moveTo(dealId, DealStage.TRIAL).at("/version")).isEqualTo("1");

        appendAsAnotherNode(dealId, 2, new DealStageChanged(dealId, DealStage.TRIAL, DealStage.NEWSLETTER_SUBSCRIPTION));

        Api.Response moved = moveTo(dealId, DealStage.NEWSLETTER_SUBSCRIPTION);
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.at("/version")).isEqualTo("2");
        assertThat(transactions.fetchInTransaction(() -> eventStore.readEvents(dealId).asStream().count()))
                .as("registered, moved to TRIAL, moved back by the other node").isEqualTo(3);
    }

    /**
     * In memory the deal is still pending review; another node has accepted it since. Closing it as won is then
     * allowed, not the DEAL_NOT_ACCEPTED that the deal in memory would answer.
     */
    @Test
    void aRefusalIsNotDecidedOnADealAnotherNodeChanged() {
        String dealId = program.newDeal(partner, "anna@" + newCustomerDomain());
        assertThat(moveTo(dealId, DealStage.TRIAL).at("/version")).isEqualTo("1");

        appendAsAnotherNode(dealId, 2, new DealAccepted(dealId));

        Api.Response won = api.post("/api/deals/" + dealId + "/close-won", program.tokens.partner(partner),
                Map.of("billingOption", "INVOICE", "annualValue", Map.of("amount", "4800.00", "currency", "EUR")));
        assertThat(won.status()).as(won.toString()).isEqualTo(200);
        assertThat(won.at("/version")).isEqualTo("3");
    }

    /** SPEC 8: If-Match compares with the version in the store, not with the one the node last saw. */
    @Test
    void ifMatchComparesWithWhatAnotherNodeStored() {
        String dealId = program.newDeal(partner);
        assertThat(moveTo(dealId, DealStage.TRIAL).at("/version")).isEqualTo("1");
        appendAsAnotherNode(dealId, 2, new DealStageChanged(dealId, DealStage.TRIAL, DealStage.NEWSLETTER_SUBSCRIPTION));

        Api.Response stale = api.post("/api/deals/" + dealId + "/stage", program.tokens.partner(partner),
                Map.of("stage", "TRIAL"), "If-Match", "\"1\"");
        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        Api.Response current = api.post("/api/deals/" + dealId + "/stage", program.tokens.partner(partner),
                Map.of("stage", "TRIAL"), "If-Match", "\"2\"");
        assertThat(current.status()).as(current.toString()).isEqualTo(200);
        assertThat(current.at("/version")).isEqualTo("3");
    }

    private void appendAsAnotherNode(String dealId, long sequence, Object event) {
        transactions.executeInTransaction(() -> eventStore.appendEvents(new GenericDomainEventMessage<>("Deal", dealId,
                sequence, event, Map.of(Actor.SUBJECT_KEY, "another-node@vendor.example", Actor.ROLES_KEY, List.of("MANAGER")))));
    }
}
