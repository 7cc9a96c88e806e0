package com.partnerdeals.app.personal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.deal.SubmitNewsletterSubscription;
import com.partnerdeals.api.personal.ContactErased;
import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.command.deal.CachedDeals;
import com.partnerdeals.command.deal.Deal;
import com.partnerdeals.command.personal.DealContacts;
import com.partnerdeals.platform.axon.CachedAggregates;
import com.partnerdeals.platform.testing.Api;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SPEC 11: a contact's erasure is one transaction (its record, the key's shredding, each deal's record of it), on H2
 * and PostgreSQL. Nothing is half erased when a deal cannot record it, and a node that keeps one of the deals in
 * memory (the deal cache) never copies the erased email into a later event: from the moment the key is gone, its
 * store check sees the deal's erasure.
 */
@ServiceTest
class ContactErasureTransactionTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired DealContacts contacts;
    @Autowired EventStore eventStore;
    @Autowired TransactionManager transactions;
    @Autowired AggregateFactory<Deal> dealFactory;
    @Autowired ParameterResolverFactory parameters;
    @Autowired HandlerDefinition handlers;
    @Autowired RepositorySpanFactory spans;
    @Autowired ObjectProvider<Configuration> axon;

    PartnerProgram program;
    Api api;
    String manager;
    String partner;
    String email;

    @BeforeEach
    void setUp() {
        program = new PartnerProgram(port);
        api = program.api;
        manager = program.tokens.manager();
        partner = program.newPartner();
        email = "ilse.k" + UUID.randomUUID().toString().substring(0, 8) + "@" + PartnerProgram.newCustomerDomain();
    }

    /**
     * The lookup names a deal that cannot record the erasure (a row without a deal behind it, as a half-restored
     * backup would leave): the request fails, and the contact's key, the erasure's record and the other deal's
     * record are all still as they were. Mended, the same request erases everything.
     */
    @Test
    void anErasureThatOneOfItsDealsCannotRecordErasesNothing() {
        String dealId = register();
        String missingDeal = "zzzzzzzz-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO deal_contact (deal_id, contact_hash, erased) VALUES (?, ?, FALSE)")
                .params(missingDeal, contacts.contactHash(email)).update();
        long erasuresBefore = storedErasures();

        Api.Response failed = api.post("/api/personal-data/erasures", manager, Map.of("email", email, "reason", "Asked"));

        assertThat(failed.status()).as(failed.toString()).isNotEqualTo(200);
        assertThat(storedErasures()).isEqualTo(erasuresBefore);
        assertThat(history(dealId)).as("the key is still there: the events still decrypt").contains(email)
                .doesNotContain("DealContactErased");

        jdbc.sql("DELETE FROM deal_contact WHERE deal_id = ?").param(missingDeal).update();
        Api.Response erased = api.post("/api/personal-data/erasures", manager, Map.of("email", email, "reason", "Asked"));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.at("/deals")).isEqualTo("1");
        assertThat(storedErasures()).isEqualTo(erasuresBefore + 1);
        assertThat(history(dealId)).doesNotContainIgnoringCase(email).contains("DealContactErased");
    }

    /**
     * Another command node keeps the deal in memory, with the contact it decrypted. Right after the erasure's record
     * commits (the key is gone from then on), that node takes the deal's newsletter agreement, which copies the
     * deal's contact email into its event: it must find the deal erased, not agree with the email in memory.
     */
    @Test
    void anotherNodeKeepingTheDealInMemoryDoesNotCopyTheErasedEmailIntoALaterEvent() throws Exception {
        String dealId = register();
        Cache otherNodesCache = CachedAggregates.leastRecentlyUsed(100);
        Repository<Deal> otherNode = CachedDeals.storeChecked(otherNodesCache, eventStore, dealFactory, parameters,
                handlers, spans, axon);
        assertThat(api.post("/api/deals/" + dealId + "/accept", manager, null).status()).isEqualTo(200);
        inTransaction(() -> otherNode.load(dealId).version());
        assertThat(otherNodesCache.containsKey(dealId)).isTrue();

        AtomicBoolean agreedOnTheOtherNode = new AtomicBoolean();
        Registration rightAfterTheKeyIsGone = eventStore.subscribe(events -> {
            if (events.stream().anyMatch(event -> event.getPayload() instanceof ContactErased)) {
                CurrentUnitOfWork.get().afterCommit(erasure -> CompletableFuture.runAsync(() -> {
                    inTransaction(() -> otherNode.load(dealId).handle(GenericCommandMessage.asCommandMessage(
                            new SubmitNewsletterSubscription(dealId, partner, null))));
                    agreedOnTheOtherNode.set(true);
                }).join());
            }
        });
        try {
            Api.Response erased = api.post("/api/personal-data/erasures", manager, Map.of("email", email, "reason", "Asked"));
            assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        } finally {
            rightAfterTheKeyIsGone.cancel();
        }

        assertThat(agreedOnTheOtherNode).isTrue();
        assertThat(history(dealId)).contains("NewsletterSubscriptionSubmitted").doesNotContainIgnoringCase(email);
    }

    /** As another node's command: in a unit of work with its own transaction; a failure fails the test. */
    private void inTransaction(Callable<?> command) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(command);
        assertThat(result.isExceptional()).as(() -> String.valueOf(result.optionalExceptionResult().orElse(null))).isFalse();
    }

    /** A deal whose contact email appears in nothing but the contact (the program's company name carries it). */
    private String register() {
        Map<String, Object> deal = PartnerProgram.dealFor(email);
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = (Map<String, Object>) deal.get("customer");
        customer.put("companyName", "Kallio Group " + UUID.randomUUID());
        Api.Response registered = api.post("/api/deals", program.tokens.partner(partner), deal);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.at("/dealId");
    }

    private String history(String dealId) {
        Api.Response history = api.get("/api/deals/" + dealId + "/history", manager);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        return history.body();
    }

    private long storedErasures() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE type = 'ContactErasure'").query(Long.class).single();
    }
}
