package com.partnerdeals.query.deal;

import static com.partnerdeals.query.deal.DealStateTest.DEAL;
import static com.partnerdeals.query.deal.DealStateTest.T0;
import static com.partnerdeals.query.deal.DealStateTest.day;
import static com.partnerdeals.query.deal.DealStateTest.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.common.PageRequest;
import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.common.Viewer;
import com.partnerdeals.api.deal.BillingOption;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealBoard;
import com.partnerdeals.api.deal.DealCard;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.api.deal.DealContactErased;
import com.partnerdeals.api.deal.DealDenied;
import com.partnerdeals.api.deal.DealFlag;
import com.partnerdeals.api.deal.DealNoteAdded;
import com.partnerdeals.api.deal.DealNoteRedacted;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.DealTrialStarted;
import com.partnerdeals.api.deal.DealView;
import com.partnerdeals.api.deal.DenialReason;
import com.partnerdeals.api.deal.FindDeal;
import com.partnerdeals.api.deal.ListDeals;
import com.partnerdeals.api.deal.NewsletterSubscriptionSubmitted;
import com.partnerdeals.api.deal.ReviewStatus;
import com.partnerdeals.api.deal.Settlement;
import com.partnerdeals.platform.config.PortalProperties;
import com.partnerdeals.platform.testing.MutableClock;
import com.partnerdeals.query.ReadModelDatabase;
import com.partnerdeals.query.projections.RememberedViews;
import com.partnerdeals.query.projections.ViewTable.ViewChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deal-views projection on a real database: events go in through Axon's handler adapter (as the
 * processor delivers them, with their sequence number and timestamp), views come out of the queries.
 */
class DealProjectionTest {

    final MutableClock clock = new MutableClock(T0);
    DealViewRepository repository;
    AnnotationEventHandlerAdapter projection;
    DealQueries queries;

    @BeforeEach
    void setUp() {
        ReadModelDatabase database = ReadModelDatabase.migrated();
        repository = new DealViewRepository(database.namedParameterJdbc());
        projection = new AnnotationEventHandlerAdapter(
                new DealProjection(repository, database.transactions(), new RememberedViews.Settings(null)));
        queries = new DealQueries(repository, clock, new PortalProperties(null, null, null, null, null, null, null, null));
    }

    void deliver(String dealId, long sequence, Instant at, Object event) throws Exception {
        projection.handle(message(dealId, sequence, at, event));
    }

    static EventMessage<?> message(String dealId, long sequence, Instant at, Object event) {
        return new GenericDomainEventMessage<>("Deal", dealId, sequence, event, java.util.Map.of(),
                "event-" + dealId + "-" + sequence + "-" + at, at);
    }

    DealView detail(Viewer viewer) {
        return queries.handle(new FindDeal(DEAL, viewer));
    }

    @Test
    void storesTheRegisteredDeal() throws Exception {
        deliver(DEAL, 0, T0, registration());

        DealView view = detail(Viewer.vendorStaff());
        assertThat(view.customer()).isEqualTo(new DealView.Customer("Globex AB", "Greta Svensson",
                "greta@globex.example", "SE", "globex.example"));
        assertThat(view.estimatedUsers()).isEqualTo(25);
        assertThat(view.note()).isEqualTo("Wants ISO 27001");
        assertThat(view.flags()).containsExactly(DealFlag.DOMAIN_CONFLICT, DealFlag.EXISTING_CUSTOMER);
        assertThat(view.stage()).isEqualTo(DealStage.NEW);
        assertThat(view.reviewStatus()).isEqualTo(ReviewStatus.PENDING);
        assertThat(view.registeredAt()).isEqualTo(T0);
        assertThat(view.lastPartnerActionAt()).isEqualTo(T0);
        assertThat(view.version()).isZero();
    }

    @Test
    void storesEveryStepOfTheDealAsTheFoldMakesIt() throws Exception {
        Money value = new Money(new BigDecimal("1234.56"), "SEK");
        Money commission = value.times(new BigDecimal("0.15"));
        Object[] events = {
                registration(),
                new DealAccepted(DEAL),
                new NewsletterSubscriptionSubmitted(DEAL, "greta@globex.example"),
                new DealStageChanged(DEAL, DealStage.NEW, DealStage.NEWSLETTER_SUBSCRIPTION),
                new DealTrialStarted(DEAL, "c-7", day(18)),
                new DealStageChanged(DEAL, DealStage.NEWSLETTER_SUBSCRIPTION, DealStage.TRIAL),
                new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "Trial is going well"),
                new DealClosedWon(DEAL, DealStage.TRIAL, BillingOption.PARTNER_BILLING, value,
                        new BigDecimal("0.15"), commission, Settlement.of(BillingOption.PARTNER_BILLING, value, commission))};
        DealState fold = null;
        for (int sequence = 0; sequence < events.length; sequence++) {
            Instant at = day(sequence);
            deliver(DEAL, sequence, at, events[sequence]);
            fold = fold == null ? DealState.registered(registration(), 0, at) : fold.apply(events[sequence], sequence, at);
            assertThat(repository.find(DEAL)).contains(fold);
        }

        DealView view = detail(Viewer.partner("acme"));
        assertThat(view.stage()).isEqualTo(DealStage.CLOSED_WON);
        assertThat(view.customerId()).isEqualTo("c-7");
        assertThat(view.closeWon()).isEqualTo(new DealView.CloseWon(BillingOption.PARTNER_BILLING, value,
                new BigDecimal("0.15"), new Money(new BigDecimal("185.18"), "SEK"),
                new Settlement(Settlement.Type.INVOICE_TO_PARTNER, null, new Money(new BigDecimal("1049.38"), "SEK"))));
        assertThat(view.closeWon().commissionRate().toPlainString()).isEqualTo("0.15");
        assertThat(view.notes()).containsExactly(
                new DealView.Note("n-1", "consultant@acme.example", "Trial is going well", day(6)));
        assertThat(view.lastPartnerActionAt()).isEqualTo(day(6));
        assertThat(view.protectedUntil()).isNull();
        assertThat(view.version()).isEqualTo(7);
    }

    /** SPEC 11 on the tables: an erasure and a redaction update the stored view and note in place. */
    @Test
    void anErasureAndARedactionAreStoredAtOnce() throws Exception {
        deliver(DEAL, 0, T0, registration());
        deliver(DEAL, 1, day(1), new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "Greta is on leave"));
        deliver(DEAL, 2, day(2), new DealNoteAdded(DEAL, "n-2", "consultant@acme.example", "Demo booked"));
        deliver(DEAL, 3, day(3), new DealNoteRedacted(DEAL, "n-1", "Health information"));
        deliver(DEAL, 4, day(4), new DealContactErased(DEAL, "erasure-1", "Asked to be forgotten"));

        DealView view = detail(Viewer.vendorStaff());
        assertThat(view.customer().contactName()).isNull();
        assertThat(view.customer().contactEmail()).isNull();
        assertThat(view.customer().companyName()).isEqualTo("Globex AB");
        assertThat(view.note()).isNull();
        assertThat(view.personalDataErased()).isTrue();
        assertThat(view.notes()).containsExactly(
                new DealView.Note("n-1", "consultant@acme.example", null, day(1), true),
                new DealView.Note("n-2", "consultant@acme.example", "Demo booked", day(2), false));
        assertThat(view.version()).isEqualTo(4);
    }

    /**
     * SPEC 11 within one batch: a note added and redacted in the same batch is stored without its text, and a note
     * stored by an earlier batch loses its text in place, keeping its place among the notes.
     */
    @Test
    void aRedactionInTheBatchThatAddedTheNoteStoresNoText() throws Exception {
        deliver(DEAL, 0, T0, registration());
        deliver(DEAL, 1, day(1), new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "Greta is on leave"));
        List<EventMessage<?>> batch = List.of(
                message(DEAL, 2, day(2), new DealNoteAdded(DEAL, "n-2", "consultant@acme.example", "Anna's diagnosis")),
                message(DEAL, 3, day(3), new DealNoteAdded(DEAL, "n-3", "consultant@acme.example", "Demo booked")),
                message(DEAL, 4, day(4), new DealNoteRedacted(DEAL, "n-2", "Health information")),
                message(DEAL, 5, day(5), new DealNoteRedacted(DEAL, "n-1", "Health information")));

        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.executeWithResult(() -> projection.handle(unitOfWork.getMessage()));

        assertThat(repository.find(DEAL).orElseThrow().notes()).containsExactly(
                new DealView.Note("n-1", "consultant@acme.example", null, day(1), true),
                new DealView.Note("n-2", "consultant@acme.example", null, day(2), true),
                new DealView.Note("n-3", "consultant@acme.example", "Demo booked", day(3), false));
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        deliver(DEAL, 0, T0, registration());
        deliver(DEAL, 1, day(1), new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "First"));
        deliver(DEAL, 2, day(2), new DealDenied(DEAL, DenialReason.DUPLICATE, null));

        deliver(DEAL, 0, day(5), registration());
        deliver(DEAL, 1, day(5), new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "First"));

        DealView view = detail(Viewer.vendorStaff());
        assertThat(view.registeredAt()).isEqualTo(T0);
        assertThat(view.notes()).hasSize(1);
        assertThat(view.reviewStatus()).isEqualTo(ReviewStatus.DENIED);
        assertThat(view.denial()).isEqualTo(new DealView.Denial(DenialReason.DUPLICATE, null));
        assertThat(view.version()).isEqualTo(2);
    }

    @Test
    void protectionIsJudgedAtTheTimeOfAsking() throws Exception {
        deliver(DEAL, 0, T0, registration());
        deliver(DEAL, 1, day(30), new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "Still keen"));

        clock.set(day(119));
        assertThat(detail(Viewer.vendorStaff()).protectedUntil()).isEqualTo(day(120));
        assertThat(detail(Viewer.vendorStaff()).protectionLapsed()).isFalse();

        clock.set(day(120));
        assertThat(detail(Viewer.vendorStaff()).protectionLapsed()).isTrue();
        assertThat(board(Viewer.vendorStaff(), null, Set.of(), Set.of(), null, 0, 10).items().get(0).protectionLapsed())
                .isTrue();
    }

    @Test
    void aLostDealHasLapsedAtOnce() throws Exception {
        deliver(DEAL, 0, T0, registration());
        deliver(DEAL, 1, day(1), new DealClosedLost(DEAL, DealStage.NEW, "No budget this year"));

        DealView view = detail(Viewer.partner("acme"));
        assertThat(view.closeLostReason()).isEqualTo("No budget this year");
        assertThat(view.protectionLapsed()).isTrue();
    }

    @Test
    void anotherPartnersDealIsNotFound() throws Exception {
        deliver(DEAL, 0, T0, registration());

        assertThatThrownBy(() -> detail(Viewer.partner("initech")))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
        assertThat(detail(Viewer.partner("acme")).flags()).isNull();
    }

    @Test
    void theBoardFiltersPagesAndShowsNewestFirst() throws Exception {
        register("d-a", "acme", "Alpha Systems", "alpha.example", day(1));
        register("d-b", "acme", "Beta 100% Co", "beta.example", day(2));
        register("d-c", "initech", "Gamma", "gamma.example", day(3));
        register("d-d", "acme", "Delta", "alphabet.example", day(4));
        deliver("d-b", 1, day(5), new DealAccepted("d-b"));
        deliver("d-d", 1, day(5), new DealStageChanged("d-d", DealStage.NEW, DealStage.TRIAL));

        assertThat(ids(board(Viewer.vendorStaff(), null, Set.of(), Set.of(), null, 0, 50)))
                .containsExactly("d-d", "d-c", "d-b", "d-a");
        assertThat(ids(board(Viewer.vendorStaff(), "initech", Set.of(), Set.of(), null, 0, 50))).containsExactly("d-c");
        assertThat(ids(board(Viewer.partner("acme"), "initech", Set.of(), Set.of(), null, 0, 50)))
                .containsExactly("d-d", "d-b", "d-a");
        assertThat(ids(board(Viewer.vendorStaff(), null, Set.of(DealStage.TRIAL, DealStage.CLOSED_WON), Set.of(), null, 0, 50)))
                .containsExactly("d-d");
        assertThat(ids(board(Viewer.vendorStaff(), null, Set.of(), Set.of(ReviewStatus.PENDING), null, 0, 50)))
                .containsExactly("d-d", "d-c", "d-a");
        assertThat(ids(board(Viewer.vendorStaff(), null, Set.of(), Set.of(), "ALPHA", 0, 50)))
                .as("company name or domain, any case").containsExactly("d-d", "d-a");
        assertThat(ids(board(Viewer.vendorStaff(), null, Set.of(), Set.of(), "100%", 0, 50)))
                .as("a % in the text is no wildcard").containsExactly("d-b");
        assertThat(ids(board(Viewer.vendorStaff(), null, Set.of(), Set.of(), "a%c", 0, 50))).isEmpty();

        DealBoard second = board(Viewer.vendorStaff(), null, Set.of(), Set.of(), null, 1, 3);
        assertThat(ids(second)).containsExactly("d-a");
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(3);
        assertThat(second.totalItems()).isEqualTo(4);
    }

    @Test
    void aBatchOfEventsStoresWhatTheFoldMakesEventByEvent() throws Exception {
        deliver(DEAL, 0, T0, registration());
        DealRegistered other = new DealRegistered("d-2", "acme",
                new CustomerDetails("Initech", "Contact", "contact@initech.example", null), "initech.example", null,
                null, Set.of());
        List<EventMessage<?>> batch = List.of(
                message(DEAL, 1, day(1), new DealAccepted(DEAL)),
                message("d-2", 0, day(1), other),
                message(DEAL, 2, day(2), new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "First")),
                message("d-2", 1, day(2), new DealNoteAdded("d-2", "n-a", "consultant@acme.example", "Hello")),
                message(DEAL, 3, day(3), new DealNoteAdded(DEAL, "n-2", "consultant@acme.example", "Second")),
                message(DEAL, 2, day(4), new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "First")),
                message("d-2", 2, day(5), new DealClosedLost("d-2", DealStage.NEW, "No budget")));

        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.executeWithResult(() -> projection.handle(unitOfWork.getMessage()));

        DealState deal = DealState.registered(registration(), 0, T0)
                .apply(new DealAccepted(DEAL), 1, day(1))
                .apply(new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "First"), 2, day(2))
                .apply(new DealNoteAdded(DEAL, "n-2", "consultant@acme.example", "Second"), 3, day(3));
        DealState otherDeal = DealState.registered(other, 0, day(1))
                .apply(new DealNoteAdded("d-2", "n-a", "consultant@acme.example", "Hello"), 1, day(2))
                .apply(new DealClosedLost("d-2", DealStage.NEW, "No budget"), 2, day(5));
        assertThat(repository.find(DEAL)).contains(deal);
        assertThat(repository.find("d-2")).contains(otherDeal);
        assertThat(detail(Viewer.vendorStaff()).notes()).extracting(DealView.Note::noteId).containsExactly("n-1", "n-2");
    }

    /** Each batch after the first folds on from the view the one before stored, without reading it. */
    @Test
    void batchesFollowingOneAnotherFoldOnFromTheViewTheyStored() {
        inOneBatch(message(DEAL, 0, T0, registration()), message(DEAL, 1, day(1), new DealAccepted(DEAL)));
        inOneBatch(message(DEAL, 2, day(2), new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "First")));
        inOneBatch(message(DEAL, 3, day(3), new DealNoteAdded(DEAL, "n-2", "consultant@acme.example", "Second")));

        assertThat(repository.find(DEAL)).contains(DealState.registered(registration(), 0, T0)
                .apply(new DealAccepted(DEAL), 1, day(1))
                .apply(new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "First"), 2, day(2))
                .apply(new DealNoteAdded(DEAL, "n-2", "consultant@acme.example", "Second"), 3, day(3)));
        assertThat(detail(Viewer.vendorStaff()).notes()).extracting(DealView.Note::noteId).containsExactly("n-1", "n-2");
    }

    /** What makes a view remembered from an earlier batch safe to fold on from: it must still be the stored one. */
    @Test
    void aViewIsUpdatedOnlyFromTheVersionItWasFoldedFrom() throws Exception {
        deliver(DEAL, 0, T0, registration());
        deliver(DEAL, 1, day(1), new DealAccepted(DEAL));
        DealState registered = DealState.registered(registration(), 0, T0);
        DealState staleNext = registered.apply(
                new DealStageChanged(DEAL, DealStage.NEW, DealStage.NEWSLETTER_SUBSCRIPTION), 1, day(2));

        assertThatThrownBy(() -> repository.storeAll(List.of(new ViewChange<>(DEAL, registered, List.of(staleNext)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no longer at version 0");
        assertThat(repository.find(DEAL)).contains(registered.apply(new DealAccepted(DEAL), 1, day(1)));
    }

    private void inOneBatch(EventMessage<?>... events) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.of(events));
        unitOfWork.executeWithResult(() -> projection.handle(unitOfWork.getMessage()));
    }

    /**
     * Another batch's failed store switches the projection to writing event by event; a batch already
     * folding in memory must go on doing so, or storing it would overwrite the event written directly.
     */
    @Test
    void aBatchKeepsFoldingInMemoryWhenAnotherBatchFailsMeanwhile() throws Exception {
        deliver(DEAL, 0, T0, registration());
        List<EventMessage<?>> batch = List.of(
                message(DEAL, 1, day(1), new DealAccepted(DEAL)),
                message(DEAL, 2, day(2), new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "First")));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.executeWithResult(() -> {
            if (((DomainEventMessage<?>) unitOfWork.getMessage()).getSequenceNumber() == 2) {
                failAStoreOnAnotherThread();
            }
            return projection.handle(unitOfWork.getMessage());
        });

        assertThat(repository.find(DEAL)).contains(DealState.registered(registration(), 0, T0)
                .apply(new DealAccepted(DEAL), 1, day(1))
                .apply(new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "First"), 2, day(2)));
    }

    /** A batch whose view cannot be stored (a company name longer than its column), as another segment's. */
    private void failAStoreOnAnotherThread() throws Exception {
        DealRegistered tooLong = new DealRegistered("d-bad", "acme",
                new CustomerDetails("X".repeat(300), "Contact", "contact@bad.example", null), "bad.example", null,
                null, Set.of());
        Thread other = new Thread(() -> {
            BatchingUnitOfWork<EventMessage<?>> failing = new BatchingUnitOfWork<>(
                    List.of(message("d-bad", 0, day(1), tooLong)));
            try {
                failing.executeWithResult(() -> projection.handle(failing.getMessage()));
            } catch (RuntimeException expected) {
                // the store fails: that is the point
            }
        });
        other.start();
        other.join();
        assertThat(repository.find("d-bad")).isEmpty();
    }

    @Test
    void theResetHandlerEmptiesTheViews() throws Exception {
        deliver(DEAL, 0, T0, registration());
        deliver(DEAL, 1, day(1), new DealNoteAdded(DEAL, "n-1", "consultant@acme.example", "First"));

        projection.prepareReset();

        assertThat(repository.find(DEAL)).isEmpty();
        deliver(DEAL, 0, T0, registration());
        assertThat(repository.find(DEAL).orElseThrow().notes()).isEmpty();
    }

    private void register(String dealId, String partnerId, String company, String domain, Instant at) throws Exception {
        deliver(dealId, 0, at, new DealRegistered(dealId, partnerId,
                new CustomerDetails(company, "Contact", "contact@" + domain, null), domain, null, null, Set.of()));
    }

    private DealBoard board(Viewer viewer, String partnerId, Set<DealStage> stages, Set<ReviewStatus> reviews,
                            String text, int page, int size) {
        return queries.handle(new ListDeals(viewer, partnerId, stages, reviews, text, new PageRequest(page, size)));
    }

    private static java.util.List<String> ids(DealBoard board) {
        return board.items().stream().map(DealCard::dealId).toList();
    }
}
