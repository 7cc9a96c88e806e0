package com.partnerdeals.app.deal;

import static com.partnerdeals.app.PartnerProgram.dealFor;
import static com.partnerdeals.app.PartnerProgram.unique;
import static com.partnerdeals.app.deal.DealCommandsHttpTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.platform.testing.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * SPEC 12 through HTTP with real tokens: the customer domain is the registrable domain of the contact email, and
 * every domain rule compares it. Customer names are fresh labels under real public suffixes ({@code .co.uk},
 * {@code .com}), where subdomains fold into one customer.
 */
@ServiceTest
class CustomerDomainHttpTest {

    @LocalServerPort int port;

    PartnerProgram program;
    Api api;
    String partner;
    /** A customer nobody has registered yet, e.g. {@code acme-1a2b3c4d}: its domains are this under some suffix. */
    String acme;

    @BeforeEach
    void setUp() {
        program = new PartnerProgram(port);
        api = program.api;
        partner = program.newPartner();
        acme = unique("acme");
    }

    private Api.Response register(String partnerId, String contactEmail) {
        return api.post("/api/deals", program.tokens.partner(partnerId), dealFor(contactEmail));
    }

    private JsonNode dealAsManager(String dealId) {
        Api.Response[] last = new Api.Response[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            last[0] = api.get("/api/deals/" + dealId, program.tokens.manager());
            return last[0].status() == 200;
        });
        return last[0].json();
    }

    @Test
    void aSubdomainOfACustomerThePartnerAlreadyRegisteredIsADuplicate() {
        String first = program.newDeal(partner, "anna@" + acme + ".co.uk");

        Api.Response duplicate = register(partner, "bob@sales." + acme + ".co.uk");

        assertProblem(duplicate, 409, "DUPLICATE_DEAL");
        assertThat(duplicate.at("/existingDealId")).isEqualTo(first);
    }

    @Test
    void anotherRegistrableDomainIsAnotherCustomer() {
        program.newDeal(partner, "anna@" + acme + ".co.uk");

        assertThat(register(partner, "anna@" + acme + ".com").status()).isEqualTo(201);
    }

    @Test
    void theDealShowsTheRegistrableDomainAsTheCustomersDomain() {
        String dealId = program.newDeal(partner, "Anna@Sales." + acme.toUpperCase() + ".co.uk");

        JsonNode deal = dealAsManager(dealId);

        assertThat(deal.at("/customer/domain").asString()).isEqualTo(acme + ".co.uk");
        assertThat(deal.at("/customer/contactEmail").asString()).isEqualTo("Anna@Sales." + acme.toUpperCase() + ".co.uk");
    }

    @Test
    void aContactOnASubdomainOfThePartnersOwnDomainIsThePartnersOwn() {
        String nordic = unique("nordic-grc");
        Api.Response registered = api.post("/api/partners", program.tokens.manager(), Map.of(
                "partnerId", nordic, "name", "Nordic GRC", "domains", List.of(nordic + ".se")));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        assertProblem(register(nordic, "me@sales." + nordic + ".se"), 400, "CONTACT_IS_PARTNER");
    }

    @Test
    void anotherPartnersDealOnASubdomainIsFlaggedAsADomainConflict() {
        program.newDeal(partner, "anna@" + acme + ".co.uk");
        String otherPartner = program.newPartner();

        Api.Response other = register(otherPartner, "bob@sales." + acme + ".co.uk");

        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        JsonNode deal = dealAsManager(other.at("/dealId"));
        assertThat(deal.at("/customer/domain").asString()).isEqualTo(acme + ".co.uk");
        assertThat(deal.get("flags").toString()).contains("DOMAIN_CONFLICT");
    }

    @Test
    void anAddressWhoseDomainIsNoDomainNameIsAValidationFailure() {
        Api.Response refused = register(partner, "anna@" + acme + ".123");

        assertProblem(refused, 400, "VALIDATION_FAILED");
        assertThat(refused.at("/errors/0/field")).isEqualTo("customer.contactEmail");
    }
}
