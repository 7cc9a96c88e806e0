package com.partnerdeals.command.partner;

import static com.partnerdeals.command.RuleViolations.violation;

import com.partnerdeals.api.partner.PartnerRegistered;
import com.partnerdeals.api.partner.PartnerUpdated;
import com.partnerdeals.api.partner.RegisterPartner;
import com.partnerdeals.api.partner.UpdatePartner;
import java.math.BigDecimal;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartnerTest {

    private static final BigDecimal RATE = new BigDecimal("0.20");
    private AggregateTestFixture<Partner> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Partner.class);
    }

    @Test
    void registersAPartner() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartner("nordic-grc", "Nordic GRC", Set.of("nordicgrc.se"), RATE))
                .expectEvents(new PartnerRegistered("nordic-grc", "Nordic GRC", Set.of("nordicgrc.se"), RATE))
                .expectResultMessagePayload(0L);
    }

    @Test
    void registeringTheSamePartnerAgainIsAHarmlessRetry() {
        fixture.given(new PartnerRegistered("nordic-grc", "Nordic GRC", Set.of("nordicgrc.se"), RATE))
                .when(new RegisterPartner("nordic-grc", "Nordic GRC", Set.of("nordicgrc.se"), new BigDecimal("0.2")))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void refusesAnotherRegistrationUnderATakenId() {
        fixture.given(new PartnerRegistered("nordic-grc", "Nordic GRC", Set.of("nordicgrc.se"), RATE))
                .when(new RegisterPartner("nordic-grc", "Other Firm", Set.of("other.se"), RATE))
                .expectNoEvents()
                .expectException(violation("PARTNER_EXISTS"));
    }

    @Test
    void updatesOnlyTheGivenFields() {
        fixture.given(new PartnerRegistered("nordic-grc", "Nordic GRC", Set.of("nordicgrc.se"), RATE))
                .when(new UpdatePartner("nordic-grc", null, null, new BigDecimal("0.25"), false, null, null))
                .expectEvents(new PartnerUpdated("nordic-grc", "Nordic GRC", Set.of("nordicgrc.se"),
                        new BigDecimal("0.25"), false))
                .expectResultMessagePayload(1L);
    }

    @Test
    void anUpdateThatChangesNothingWritesNothing() {
        fixture.given(new PartnerRegistered("nordic-grc", "Nordic GRC", Set.of("nordicgrc.se"), RATE))
                .when(new UpdatePartner("nordic-grc", "Nordic GRC", Set.of("nordicgrc.se"), new BigDecimal("0.200"), true, null, null))
                .expectNoEvents();
    }
}
