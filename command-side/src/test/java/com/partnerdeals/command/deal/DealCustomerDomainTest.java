package com.partnerdeals.command.deal;

import static com.partnerdeals.command.RuleViolations.violation;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealFlag;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.RegisterDeal;
import com.partnerdeals.command.customer.CustomerAccountDirectory;
import com.partnerdeals.command.partner.PartnerDirectory;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.testing.PortalSettings;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC 12: every registration rule compares customer domains, the registrable domains of the contact emails
 * ({@code anna@sales.acme.co.uk} is a customer at {@code acme.co.uk}), and the deal is registered for that one.
 */
class DealCustomerDomainTest {

    private static final String DEAL = "6f1c1c52-2d1e-4d7e-9a61-0c5f3c1f0a01";
    private static final String PARTNER = "nordic-grc";

    private AggregateTestFixture<Deal> fixture;
    private PartnerDirectory partners;
    private DealDomainClaims claims;
    private CustomerAccountDirectory customerAccounts;

    @BeforeEach
    void setUp() {
        partners = mock(PartnerDirectory.class);
        claims = mock(DealDomainClaims.class);
        customerAccounts = mock(CustomerAccountDirectory.class);
        // Mocked: the rules here read only the partner's domains and whether it is active.
        PartnerDirectory.Entry partner = mock(PartnerDirectory.Entry.class);
        when(partner.domains()).thenReturn(Set.of("nordicgrc.se", "mail.nordicgrc.fi"));
        when(partner.active()).thenReturn(true);
        when(partners.find(PARTNER)).thenReturn(Optional.of(partner));
        when(claims.protectingDealOf(PARTNER, "acme.co.uk")).thenReturn(Optional.empty());
        fixture(PortalSettings.of());
    }

    private void fixture(PortalProperties properties) {
        fixture = new AggregateTestFixture<>(Deal.class);
        fixture.registerInjectableResource(new DealRegistrationRules(partners, claims, customerAccounts, properties));
        fixture.registerInjectableResource(partners);
    }

    private static CustomerDetails customer(String contactEmail) {
        return new CustomerDetails("Acme Ltd", "Anna Smith", contactEmail, "GB");
    }

    private static RegisterDeal registration(String contactEmail) {
        return new RegisterDeal(DEAL, PARTNER, customer(contactEmail), 25, null);
    }

    private static DealRegistered registered(String contactEmail, String domain, DealFlag... flags) {
        return new DealRegistered(DEAL, PARTNER, customer(contactEmail), domain, 25, null, Set.of(flags));
    }

    @Test
    void aDealIsRegisteredForTheRegistrableDomainOfTheContactEmail() {
        fixture.givenNoPriorActivity()
                .when(registration("Anna@Sales.ACME.co.uk"))
                .expectEvents(registered("Anna@Sales.ACME.co.uk", "acme.co.uk"));
    }

    @Test
    void anInternationalisedDomainIsKeptAsPunycode() {
        fixture.givenNoPriorActivity()
                .when(registration("anna@verkauf.bücher.de"))
                .expectEvents(registered("anna@verkauf.bücher.de", "xn--bcher-kva.de"));
    }

    @Test
    void aSubdomainOfADomainThePartnerAlreadyHoldsIsADuplicate() {
        when(claims.protectingDealOf(PARTNER, "acme.co.uk")).thenReturn(Optional.of("earlier-deal"));
        fixture.givenNoPriorActivity()
                .when(registration("anna@sales.acme.co.uk"))
                .expectNoEvents()
                .expectException(violation("DUPLICATE_DEAL", Map.of("existingDealId", "earlier-deal")));
    }

    @Test
    void anotherRegistrableDomainIsAnotherCustomer() {
        when(claims.protectingDealOf(PARTNER, "acme.co.uk")).thenReturn(Optional.of("earlier-deal"));
        when(claims.protectingDealOf(PARTNER, "acme.com")).thenReturn(Optional.empty());
        fixture.givenNoPriorActivity()
                .when(registration("anna@acme.com"))
                .expectEvents(registered("anna@acme.com", "acme.com"));
    }

    @Test
    void aContactOnASubdomainOfThePartnersOwnDomainIsThePartnersOwn() {
        fixture.givenNoPriorActivity()
                .when(registration("me@sales.nordicgrc.se"))
                .expectNoEvents()
                .expectException(violation("CONTACT_IS_PARTNER"));
    }

    @Test
    void aPartnerDomainGivenAsASubdomainCoversItsRegistrableDomain() {
        fixture.givenNoPriorActivity()
                .when(registration("me@nordicgrc.fi"))
                .expectNoEvents()
                .expectException(violation("CONTACT_IS_PARTNER"));
    }

    @Test
    void aSubdomainOfAFreeMailProviderIsFreeMail() {
        fixture.givenNoPriorActivity()
                .when(registration("anna@eu.gmail.com"))
                .expectNoEvents()
                .expectException(violation("FREE_EMAIL_DOMAIN"));
    }

    @Test
    void aConfiguredFreeMailEntryStandsForItsRegistrableDomain() {
        fixture(PortalSettings.of("portal.deal.free-email-domains", "gmail.com,mail.Yahoo.co.uk"));
        fixture.givenNoPriorActivity()
                .when(registration("anna@yahoo.co.uk"))
                .expectNoEvents()
                .expectException(violation("FREE_EMAIL_DOMAIN"));
    }

    @Test
    void anotherPartnersDealOnTheRegistrableDomainFlagsASubdomainRegistration() {
        when(claims.protectedByAnotherPartner(PARTNER, "acme.co.uk")).thenReturn(true);
        fixture.givenNoPriorActivity()
                .when(registration("anna@sales.acme.co.uk"))
                .expectEvents(registered("anna@sales.acme.co.uk", "acme.co.uk", DealFlag.DOMAIN_CONFLICT));
    }

    @Test
    void aSubscribedCustomerOnTheRegistrableDomainFlagsASubdomainRegistration() {
        when(customerAccounts.hasActiveSubscription("acme.co.uk")).thenReturn(true);
        fixture.givenNoPriorActivity()
                .when(registration("anna@sales.acme.co.uk"))
                .expectEvents(registered("anna@sales.acme.co.uk", "acme.co.uk", DealFlag.EXISTING_CUSTOMER));
    }

    @Test
    void anAddressWhoseDomainIsNoDomainNameIsRefusedAsInvalid() {
        fixture.givenNoPriorActivity()
                .when(registration("anna@acme.123"))
                .expectNoEvents()
                .expectException(violation("VALIDATION_FAILED"));
    }

    @Test
    void aRetryOfARegistrationStoredWithTheFullDomainChangesNothing() {
        fixture.given(registered("anna@sales.acme.co.uk", "sales.acme.co.uk"))
                .when(registration("anna@sales.acme.co.uk"))
                .expectNoEvents()
                .expectResultMessagePayload(new Deal.RegistrationOutcome(0, false));
    }
}
