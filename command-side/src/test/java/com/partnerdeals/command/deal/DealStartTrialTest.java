package com.partnerdeals.command.deal;

import static com.partnerdeals.command.RuleViolations.violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.customer.StartTrial;
import com.partnerdeals.api.customer.TrialStarted;
import com.partnerdeals.api.deal.BillingOption;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.api.deal.DealDenied;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.DealTrialStarted;
import com.partnerdeals.api.deal.DenialReason;
import com.partnerdeals.api.deal.Settlement;
import com.partnerdeals.command.customer.Trial;
import com.partnerdeals.command.partner.PartnerDirectory;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Starting a trial from a deal (SPEC 4.3): the deal links the new account and moves to TRIAL, and the Trial
 * aggregate is created in the same unit of work.
 */
class DealStartTrialTest {

    static final String DEAL = "6f1c1c52-2d1e-4d7e-9a61-0c5f3c1f0a01";
    static final String CUSTOMER_ID = "c7a1e0d4-5b7e-4c61-8f3e-2a9d8c7b6a50";
    static final String PARTNER = "nordic-grc";
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final Instant TRIAL_END = NOW.plus(Duration.ofDays(14));
    static final DealRegistered REGISTERED = new DealRegistered(DEAL, PARTNER,
            new CustomerDetails("Acme Oy", "Anna Virtanen", "anna@acme.fi", "FI"), "acme.fi", 25, null, Set.of());

    AggregateTestFixture<Deal> fixture;
    /** The Trial aggregates the deal created, with the events they applied. */
    EventStore trialEvents;

    @BeforeEach
    void setUp() {
        setUp(new PortalProperties(null, null, null, null, null, null, null, null));
    }

    void setUp(PortalProperties properties) {
        fixture = new AggregateTestFixture<>(Deal.class);
        fixture.registerInjectableResource(properties);
        fixture.registerInjectableResource(activePartners());
        fixture.registerInjectableResource(new MutableClock(NOW));
        trialEvents = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        Repository<Trial> trials = EventSourcingRepository.builder(Trial.class).eventStore(trialEvents).build();
        fixture.registerRepositoryProvider(new RepositoryProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
                return aggregateType == Trial.class ? (Repository<T>) trials : null;
            }
        });
    }

    static StartTrial startTrial(String actingPartnerId) {
        return new StartTrial(DEAL, CUSTOMER_ID, actingPartnerId, null);
    }

    List<Object> trialEventsOf(String customerId) {
        List<Object> payloads = new ArrayList<>();
        trialEvents.readEvents(customerId).asStream().forEach(event -> payloads.add(event.getPayload()));
        return payloads;
    }

    @Test
    void linksTheNewAccountMovesTheDealToTrialAndCreatesTheTrial() {
        fixture.given(REGISTERED)
                .when(startTrial(PARTNER))
                .expectEvents(new DealTrialStarted(DEAL, CUSTOMER_ID, TRIAL_END),
                        new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL))
                .expectResultMessagePayload(new Deal.TrialStart(CUSTOMER_ID, TRIAL_END, 2));
        assertThat(trialEventsOf(CUSTOMER_ID)).containsExactly(
                new TrialStarted(CUSTOMER_ID, DEAL, PARTNER, "Acme Oy", "acme.fi", TRIAL_END));
    }

    @Test
    void aDealAlreadyInTrialIsOnlyLinked() {
        fixture.given(REGISTERED, new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL))
                .when(startTrial(PARTNER))
                .expectEvents(new DealTrialStarted(DEAL, CUSTOMER_ID, TRIAL_END));
    }

    @Test
    void aManagerMayStartTheTrial() {
        fixture.given(REGISTERED, new DealAccepted(DEAL))
                .when(startTrial(null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DealTrialStarted(DEAL, CUSTOMER_ID, TRIAL_END),
                        new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL));
    }

    @Test
    void anotherPartnerIsToldTheDealDoesNotExist() {
        fixture.given(REGISTERED)
                .when(startTrial("baltic-sec"))
                .expectNoEvents()
                .expectException(violation("NOT_FOUND"));
        assertThat(trialEventsOf(CUSTOMER_ID)).isEmpty();
    }

    @Test
    void atMostOneTrialPerDeal() {
        fixture.given(REGISTERED, new DealTrialStarted(DEAL, "earlier-account", TRIAL_END),
                        new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL))
                .when(startTrial(PARTNER))
                .expectNoEvents()
                .expectException(violation("TRIAL_EXISTS", Map.of("customerId", "earlier-account")));
        assertThat(trialEventsOf(CUSTOMER_ID)).isEmpty();
    }

    @Test
    void aDeniedDealStartsNoTrial() {
        fixture.given(REGISTERED, new DealDenied(DEAL, DenialReason.INVALID_LEAD, null))
                .when(startTrial(PARTNER))
                .expectNoEvents()
                .expectException(violation("DEAL_DENIED"));
    }

    @Test
    void aClosedDealStartsNoTrial() {
        fixture.given(REGISTERED, new DealClosedLost(DEAL, DealStage.NEW, "Chose a competitor"))
                .when(startTrial(PARTNER))
                .expectNoEvents()
                .expectException(violation("DEAL_CLOSED"));
        Money value = new Money(new BigDecimal("4800.00"), "EUR");
        Money commission = value.times(new BigDecimal("0.20"));
        fixture.given(REGISTERED, new DealAccepted(DEAL), new DealClosedWon(DEAL, DealStage.NEW,
                        BillingOption.INVOICE, value, new BigDecimal("0.20"), commission,
                        Settlement.of(BillingOption.INVOICE, value, commission)))
                .when(startTrial(PARTNER))
                .expectNoEvents()
                .expectException(violation("DEAL_CLOSED"));
    }

    @Test
    void theTrialLengthIsConfigurable() {
        setUp(new PortalProperties(
                new PortalProperties.Trial(Duration.ofDays(21), null, null), null, null, null, null, null, null, null));
        fixture.given(REGISTERED)
                .when(startTrial(PARTNER))
                .expectEvents(new DealTrialStarted(DEAL, CUSTOMER_ID, NOW.plus(Duration.ofDays(21))),
                        new DealStageChanged(DEAL, DealStage.NEW, DealStage.TRIAL));
    }

    /** SPEC 12: a deal registered before customer domains were registrable starts its account on one. */
    @Test
    void aDealStoredWithTheFullDomainStartsItsTrialOnTheCustomerDomain() {
        fixture.given(new DealRegistered(DEAL, PARTNER, new CustomerDetails("Acme Ltd", "Anna Smith",
                        "anna@sales.acme.co.uk", "GB"), "sales.acme.co.uk", 25, null, Set.of()))
                .when(startTrial(PARTNER))
                .expectSuccessfulHandlerExecution();
        assertThat(trialEventsOf(CUSTOMER_ID)).containsExactly(
                new TrialStarted(CUSTOMER_ID, DEAL, PARTNER, "Acme Ltd", "acme.co.uk", TRIAL_END));
    }

    static PartnerDirectory activePartners() {
        PartnerDirectory partners = mock(PartnerDirectory.class);
        when(partners.isActive(anyString())).thenReturn(true);
        return partners;
    }
}
