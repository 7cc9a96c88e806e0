package com.partnerdeals.app.personal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerdeals.api.deal.DealContactErased;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.SubmitNewsletterSubscription;
import com.partnerdeals.api.personal.ContactErased;
import com.partnerdeals.app.PartnerProgram;
import com.partnerdeals.app.ServiceTest;
import com.partnerdeals.command.deal.CachedDeals;
import com.partnerdeals.command.deal.Deal;
import com.partnerdeals.command.personal.DealContacts;
import com.partnerdeals.platform.axon.CachedAggregates;
import com.partnerdeals.platform.testing.Api;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SPEC 11: a contact's erasure is one transaction (its record, the key's shredding, each deal's record of it), on H2
 * and PostgreSQL. Nothing is half erased when a deal cannot record it; a node that keeps one of the deals in memory
 * (the deal cache) never copies the erased email into a later event: from the moment the key is gone, its store check
 * sees the deal's erasure; and a deal of the contact registered at the same moment is covered too.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
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
     * Two deals of the contact, and the second cannot record the erasure (its unit of work fails as it records it):
     * the request fails, and the contact's key, the erasure's record and the first deal's record are all still as
     * they were. Once the fault is gone, the same request erases both.
     */
    @Test
    void anErasureThatOneOfItsDealsCannotRecordErasesNothing() {
        String first = register();
        String second = registerForAnotherPartner();
        long erasuresBefore = storedErasures();
        Registration failTheSecondDealsRecord = eventStore.subscribe(events -> {
            if (events.stream().anyMatch(event -> event.getPayload() instanceof DealContactErased erased
                    && erased.dealId().equals(second))) {
                throw new IllegalStateException("the second deal cannot record the erasure");
            }
        });
        Api.Response failed;
        try {
            failed = api.post("/api/personal-data/erasures", manager, Map.of("email", email, "reason", "Asked"));
        } finally {
            failTheSecondDealsRecord.cancel();
        }

        assertThat(failed.status()).as(failed.toString()).isNotEqualTo(200);
        assertThat(storedErasures()).isEqualTo(erasuresBefore);
        assertThat(history(first)).as("the key is still there: the events still decrypt").contains(email)
                .doesNotContain("DealContactErased");

        Api.Response erased = api.post("/api/personal-data/erasures", manager, Map.of("email", email, "reason", "Asked"));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.at("/deals")).isEqualTo("2");
        assertThat(storedErasures()).isEqualTo(erasuresBefore + 1);
        for (String dealId : List.of(first, second)) {
            assertThat(history(dealId)).doesNotContainIgnoringCase(email).contains("DealContactErased");
        }
    }

    /**
     * The lookup names a deal with no history (a row without a deal behind it, as a half-restored backup would
     * leave): it holds nothing of the contact in the store, so it does not keep the contact's key alive. The erasure
     * erases the real deal and counts only it.
     */
    @Test
    void aLookupRowWithoutADealDoesNotStopTheErasure(CapturedOutput output) {
        String dealId = register();
        String missingDeal = "zzzzzzzz-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO deal_contact (deal_id, contact_hash, erased) VALUES (?, ?, FALSE)")
                .params(missingDeal, contacts.contactHash(email)).update();
        long erasuresBefore = storedErasures();

        Api.Response erased = api.post("/api/personal-data/erasures", manager, Map.of("email", email, "reason", "Asked"));

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.at("/deals")).isEqualTo("1");
        assertThat(storedErasures()).isEqualTo(erasuresBefore + 1);
        assertThat(history(dealId)).doesNotContainIgnoringCase(email).contains("DealContactErased");
        assertThat(output.getAll()).as("the operator learns which deal, and nothing of the person (SPEC 11)")
                .contains(missingDeal).doesNotContainIgnoringCase(email);
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

    /**
     * A deal of the same contact is being registered when the erasure comes: its transaction has used the contact's
     * key and is held open just before its commit. The erasure waits for it and then covers that deal too, so no deal
     * keeps the contact readable in a read model without the erasure's record.
     */
    @Test
    void aDealRegisteredWhileTheContactIsErasedIsCoveredByTheErasure() throws Exception {
        String first = register();
        String second = UUID.randomUUID().toString();
        CountDownLatch registering = new CountDownLatch(1);
        CountDownLatch commitRegistration = new CountDownLatch(1);
        AtomicBoolean contactRecordedBeforeTheHold = new AtomicBoolean();
        Registration holdTheRegistrationOpen = eventStore.subscribe(events -> {
            if (registering.getCount() > 0 && events.stream().anyMatch(event ->
                    event.getPayload() instanceof DealRegistered registered && registered.dealId().equals(second))) {
                // In the registration's transaction, after the command side's lookups (which lock the key) ran.
                contactRecordedBeforeTheHold.set(jdbc.sql("SELECT count(*) FROM deal_contact WHERE deal_id = ?")
                        .param(second).query(Long.class).single() == 1);
                registering.countDown();
                awaitQuietly(commitRegistration);
            }
        });
        CompletableFuture<Api.Response> registration;
        CompletableFuture<Api.Response> erasure;
        try {
            // Another partner: the first deal protects the domain for this one (SPEC 4.4).
            String otherPartner = program.newPartner();
            registration = CompletableFuture.supplyAsync(() -> api.post("/api/deals", program.tokens.partner(otherPartner),
                    dealWithId(second)));
            assertThat(registering.await(20, TimeUnit.SECONDS)).as("the registration reached its commit").isTrue();
            erasure = CompletableFuture.supplyAsync(() -> api.post("/api/personal-data/erasures", manager,
                    Map.of("email", email, "reason", "Asked")));
            Thread.sleep(500);
            assertThat(erasure).as("the erasure waits for the registration that uses the contact's key").isNotDone();
        } finally {
            commitRegistration.countDown();
            holdTheRegistrationOpen.cancel();
        }

        assertThat(contactRecordedBeforeTheHold).isTrue();
        Api.Response registered = registration.get(20, TimeUnit.SECONDS);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Api.Response erased = erasure.get(20, TimeUnit.SECONDS);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.at("/deals")).isEqualTo("2");
        for (String dealId : List.of(first, second)) {
            assertThat(history(dealId)).contains("DealContactErased").doesNotContainIgnoringCase(email);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** As another node's command: in a unit of work with its own transaction; a failure fails the test. */
    private void inTransaction(Callable<?> command) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(command);
        assertThat(result.isExceptional()).as(() -> String.valueOf(result.optionalExceptionResult().orElse(null))).isFalse();
    }

    private String register() {
        return registerAs(partner);
    }

    /** A second deal of the same contact: another partner's, as the first deal protects the domain (SPEC 4.4). */
    private String registerForAnotherPartner() {
        return registerAs(program.newPartner());
    }

    private String registerAs(String partnerId) {
        Api.Response registered = api.post("/api/deals", program.tokens.partner(partnerId),
                dealWithId(UUID.randomUUID().toString()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.at("/dealId");
    }

    /** A deal whose contact email appears in nothing but the contact (the program's company name carries it). */
    private Map<String, Object> dealWithId(String dealId) {
        Map<String, Object> deal = PartnerProgram.dealFor(email);
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = (Map<String, Object>) deal.get("customer");
        customer.put("companyName", "Kallio Group " + UUID.randomUUID());
        deal.put("dealId", dealId);
        return deal;
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
