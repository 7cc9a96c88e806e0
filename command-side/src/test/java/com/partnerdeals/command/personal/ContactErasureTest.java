package com.partnerdeals.command.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealContactErased;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.personal.ContactErased;
import com.partnerdeals.api.personal.EraseContact;
import com.partnerdeals.command.customer.CustomerAccountDirectory;
import com.partnerdeals.command.deal.Deal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC 11: an erasure request shreds the contact's key and is itself audited (who, in the metadata; why; a keyed hash
 * of the email; what it covered), and each deal it covers records it in the same unit of work, or none does.
 */
class ContactErasureTest {

    private static final String REASON = "The contact asked to be forgotten";

    private final AggregateTestFixture<ContactErasure> fixture = new AggregateTestFixture<>(ContactErasure.class);
    /** The deals live in a store of their own: the fixture's holds the aggregate under test only. */
    private final EventStore dealStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();

    private final DealContacts contacts = mock(DealContacts.class);
    private final CustomerAccountDirectory accounts = mock(CustomerAccountDirectory.class);

    @BeforeEach
    void setUp() {
        fixture.registerAnnotatedCommandHandler(new ContactErasureCommandHandler(fixture.getRepository(),
                EventSourcingRepository.builder(Deal.class).eventStore(dealStore).build(), contacts, accounts));
        registered("deal-1");
        registered("deal-2");
        when(accounts.accountOfDeal(anyString())).thenReturn(Optional.empty());
    }

    @Test
    void anErasureShredsTheKeyAndIsRecordedWithTheHashNeverTheEmailAndOnEachDeal() {
        when(contacts.dealsOf("5f1e0c")).thenReturn(List.of("deal-1", "deal-2"));
        when(accounts.accountOfDeal("deal-1")).thenReturn(Optional.of("customer-1"));

        fixture.givenNoPriorActivity()
                .when(new EraseContact("erasure-1", "5f1e0c", REASON))
                .expectEvents(new ContactErased("erasure-1", "5f1e0c", REASON, List.of("deal-1", "deal-2"), List.of("customer-1")))
                .expectResultMessagePayload(new ContactErasures.Outcome("erasure-1", 2, 1));
        verify(contacts).shredKey("5f1e0c");
        assertThat(lastEventOf("deal-1")).isEqualTo(new DealContactErased("deal-1", "erasure-1", REASON));
        assertThat(lastEventOf("deal-2")).isEqualTo(new DealContactErased("deal-2", "erasure-1", REASON));
    }

    @Test
    void anErasureThatFindsNothingIsRecordedToo() {
        when(contacts.dealsOf("9a3b77")).thenReturn(List.of());

        fixture.givenNoPriorActivity()
                .when(new EraseContact("erasure-2", "9a3b77", "Asked again"))
                .expectEvents(new ContactErased("erasure-2", "9a3b77", "Asked again", List.of(), List.of()))
                .expectResultMessagePayload(new ContactErasures.Outcome("erasure-2", 0, 0));
    }

    /**
     * The lookup names a deal with no history (a half-restored backup): it holds nothing of the contact, so the
     * erasure goes on without it and does not count it. (Nothing is erased when a deal that exists cannot record it:
     * ContactErasureTransactionTest, in the app.)
     */
    @Test
    void aDealWithNoHistoryDoesNotStopTheErasureAndIsNotCounted() {
        when(contacts.dealsOf("5f1e0c")).thenReturn(List.of("deal-1", "deal-9"));

        fixture.givenNoPriorActivity()
                .when(new EraseContact("erasure-3", "5f1e0c", REASON))
                .expectEvents(new ContactErased("erasure-3", "5f1e0c", REASON, List.of("deal-1"), List.of()))
                .expectResultMessagePayload(new ContactErasures.Outcome("erasure-3", 1, 0));
        verify(contacts).shredKey("5f1e0c");
        assertThat(lastEventOf("deal-1")).isEqualTo(new DealContactErased("deal-1", "erasure-3", REASON));
    }

    /** A deal registered before the key was shredded but after the first lookup: the erasure starts again. */
    @Test
    void whenADealOfTheContactCommitsMeanwhileTheErasureIsTriedAgain() {
        when(contacts.dealsOf("5f1e0c")).thenReturn(List.of("deal-1"), List.of("deal-1", "deal-2"));

        fixture.givenNoPriorActivity()
                .when(new EraseContact("erasure-4", "5f1e0c", REASON))
                .expectException(ConcurrencyException.class)
                .expectNoEvents();
        assertThat(lastEventOf("deal-1")).isInstanceOf(DealRegistered.class);
    }

    private void registered(String dealId) {
        dealStore.publish(new GenericDomainEventMessage<>("Deal", dealId, 0, new DealRegistered(dealId, "partner-1",
                new CustomerDetails("Acme Oy", "Anna Virtanen", "anna@acme.fi", "FI"), "acme.fi", 25, null, Set.of())));
    }

    private Object lastEventOf(String dealId) {
        return dealStore.readEvents(dealId).asStream().reduce((first, second) -> second).map(EventMessage::getPayload)
                .orElseThrow();
    }
}
