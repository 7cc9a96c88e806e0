package com.partnerdeals.command.personal;

import com.partnerdeals.api.personal.ContactErased;
import com.partnerdeals.api.personal.EraseContact;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/** SPEC 11: an erasure request is itself audited: who (metadata), why, a keyed hash of the email, what it covered. */
class ContactErasureTest {

    private final AggregateTestFixture<ContactErasure> fixture = new AggregateTestFixture<>(ContactErasure.class);

    @Test
    void anErasureRequestIsRecordedWithTheHashNeverTheEmail() {
        fixture.givenNoPriorActivity()
                .when(new EraseContact("erasure-1", "5f1e0c", "The contact asked to be forgotten", List.of("deal-1", "deal-2"),
                        List.of("customer-1")))
                .expectEvents(new ContactErased("erasure-1", "5f1e0c", "The contact asked to be forgotten",
                        List.of("deal-1", "deal-2"), List.of("customer-1")));
    }

    @Test
    void anErasureThatFindsNothingIsRecordedToo() {
        fixture.givenNoPriorActivity()
                .when(new EraseContact("erasure-2", "9a3b77", "Asked again", List.of(), List.of()))
                .expectEvents(new ContactErased("erasure-2", "9a3b77", "Asked again", List.of(), List.of()));
    }
}
