package com.partnerdeals.command.deal;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.partnerdeals.api.common.CustomerDomain;
import com.partnerdeals.api.common.Money;
import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.customer.StartTrial;
import com.partnerdeals.api.customer.TrialStarted;
import com.partnerdeals.api.deal.AcceptDeal;
import com.partnerdeals.api.deal.AddDealNote;
import com.partnerdeals.api.deal.CloseDealLost;
import com.partnerdeals.api.deal.CloseDealWon;
import com.partnerdeals.api.deal.CustomerDetails;
import com.partnerdeals.api.deal.DealAccepted;
import com.partnerdeals.api.deal.DealClosedLost;
import com.partnerdeals.api.deal.DealClosedWon;
import com.partnerdeals.api.deal.DealContactErased;
import com.partnerdeals.api.deal.DealDenied;
import com.partnerdeals.api.deal.DealNoteAdded;
import com.partnerdeals.api.deal.DealNoteRedacted;
import com.partnerdeals.api.deal.DealRegistered;
import com.partnerdeals.api.deal.DealReopened;
import com.partnerdeals.api.deal.DealReviewOverdue;
import com.partnerdeals.api.deal.DealStage;
import com.partnerdeals.api.deal.DealStageChanged;
import com.partnerdeals.api.deal.DealTrialExtensionRequested;
import com.partnerdeals.api.deal.DealTrialStarted;
import com.partnerdeals.api.deal.DealWithdrawn;
import com.partnerdeals.api.deal.DenialReason;
import com.partnerdeals.api.deal.DenyDeal;
import com.partnerdeals.api.deal.EraseDealContact;
import com.partnerdeals.api.deal.MarkDealReviewOverdue;
import com.partnerdeals.api.deal.MoveDealStage;
import com.partnerdeals.api.deal.NewsletterSubscriptionSubmitted;
import com.partnerdeals.api.deal.RecordTrialExtensionRequest;
import com.partnerdeals.api.deal.RedactDealNote;
import com.partnerdeals.api.deal.RegisterDeal;
import com.partnerdeals.api.deal.ReopenDeal;
import com.partnerdeals.api.deal.ReviewDecider;
import com.partnerdeals.api.deal.ReviewStatus;
import com.partnerdeals.api.deal.Settlement;
import com.partnerdeals.api.deal.SubmitNewsletterSubscription;
import com.partnerdeals.api.deal.WithdrawDeal;
import com.partnerdeals.command.customer.Trial;
import com.partnerdeals.command.partner.PartnerDirectory;
import com.partnerdeals.platform.axon.CommandTargets;
import com.partnerdeals.platform.config.PortalProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A deal a partner registered for a customer (SPEC section 4): reviewed by the vendor, moved through
 * stages, closed won or lost. Every command answers the deal's version after it.
 *
 * <p>Access: commands carry {@code actingPartnerId} (null for vendor staff). A partner acting on another
 * partner's deal is told the deal does not exist.
 */
@Aggregate(repository = "dealRepository", commandTargetResolver = CommandTargets.BEAN)
public class Deal {

    @AggregateIdentifier
    private String dealId;
    private DealRegistered registration;
    private Instant registeredAt;
    private DealStage stage;
    private ReviewStatus review;
    /** The open stage a lost deal was closed from, where reopening takes it back. */
    private DealStage closedFrom;
    private boolean newsletterSubmitted;
    private String customerId;
    private final Map<String, String> noteTexts = new HashMap<>();
    private final Set<String> redactedNotes = new HashSet<>();
    private boolean contactErased;
    private boolean reviewOverdueRecorded;

    protected Deal() {
        // For Axon.
    }

    /**
     * Registers the deal. Sending the same registration again (same {@code dealId}, partner and payload)
     * is a harmless retry that changes nothing.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RegistrationOutcome handle(RegisterDeal command, DealRegistrationRules rules) {
        if (dealId != null) {
            if (isSameRegistration(command)) {
                return new RegistrationOutcome(getVersion(), false);
            }
            throw RuleViolation.conflict("DEAL_ID_TAKEN", "Deal " + command.dealId() + " exists with other details");
        }
        DealRegistrationRules.Registration evaluated = rules.evaluate(command);
        apply(evaluated.registered());
        if (evaluated.acceptedByRule()) {
            apply(new DealAccepted(dealId, ReviewDecider.AUTO_ACCEPT));
        }
        return new RegistrationOutcome(getVersion(), true);
    }

    /** What registering answered: the version, and whether this call created the deal. */
    public record RegistrationOutcome(long version, boolean created) {
    }

    @CommandHandler
    public long handle(AcceptDeal command) {
        checkNotWithdrawn();
        if (review == ReviewStatus.DENIED) {
            throw RuleViolation.conflict("REVIEW_ALREADY_DECIDED", "The deal was already denied");
        }
        if (review == ReviewStatus.PENDING) {
            apply(new DealAccepted(dealId));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(DenyDeal command) {
        if (command.reason() == DenialReason.OTHER && (command.comment() == null || command.comment().isBlank())) {
            throw RuleViolation.invalidField("comment", "is required when the reason is OTHER");
        }
        checkNotWithdrawn();
        if (review == ReviewStatus.ACCEPTED) {
            throw RuleViolation.conflict("REVIEW_ALREADY_DECIDED", "The deal was already accepted");
        }
        if (review == ReviewStatus.PENDING) {
            apply(new DealDenied(dealId, command.reason(), command.comment()));
        }
        return getVersion();
    }

    /** The partner moves its deals on its board: any open stage, forward or back, also while pending. */
    @CommandHandler
    public long handle(MoveDealStage command, PartnerDirectory partners) {
        checkActing(command.actingPartnerId(), partners);
        if (!command.stage().isOpen()) {
            throw RuleViolation.invalid("USE_CLOSE_COMMAND", "Close a deal with close-won, close-lost or withdraw");
        }
        checkChangeable();
        if (command.stage() != stage) {
            apply(new DealStageChanged(dealId, stage, command.stage()));
        }
        return getVersion();
    }

    /** The customer agreed to the newsletter; a new deal moves on to that stage. */
    @CommandHandler
    public long handle(SubmitNewsletterSubscription command, PartnerDirectory partners) {
        checkActing(command.actingPartnerId(), partners);
        checkNotDenied();
        checkNotWithdrawn();
        if (!newsletterSubmitted) {
            apply(new NewsletterSubscriptionSubmitted(dealId, registration.customer().contactEmail()));
            if (stage == DealStage.NEW) {
                apply(new DealStageChanged(dealId, DealStage.NEW, DealStage.NEWSLETTER_SUBSCRIPTION));
            }
        }
        return getVersion();
    }

    /**
     * Starts the customer's trial account and links it to this deal (SPEC 4.3 and 5). The account is
     * created in this command's unit of work, so the deal's link and the account are stored in one
     * transaction: both or neither.
     */
    @CommandHandler
    public TrialStart handle(StartTrial command, PartnerDirectory partners, PortalProperties properties, Clock clock)
            throws Exception {
        checkActing(command.actingPartnerId(), partners);
        if (customerId != null) {
            throw RuleViolation.conflict("TRIAL_EXISTS", "The deal already has a trial account",
                    Map.of("customerId", customerId));
        }
        checkChangeable();
        Instant trialEndsAt = clock.instant().plus(properties.trial().length());
        apply(new DealTrialStarted(dealId, command.customerId(), trialEndsAt));
        if (stage != DealStage.TRIAL) {
            apply(new DealStageChanged(dealId, stage, DealStage.TRIAL));
        }
        TrialStarted started = new TrialStarted(command.customerId(), dealId, registration.partnerId(),
                registration.customer().companyName(), CustomerDomain.of(registration.domain()), trialEndsAt);
        createNew(Trial.class, () -> new Trial(started));
        return new TrialStart(command.customerId(), trialEndsAt, getVersion());
    }

    /** What starting a trial answered: the new account, its trial end, and the deal's version. */
    public record TrialStart(String customerId, Instant trialEndsAt, long version) {
    }

    /**
     * The partner asked to extend the linked trial: recorded on the deal as a partner action. A denied or
     * closed deal takes no changes and protects nothing, so nothing is recorded on it.
     */
    @CommandHandler
    public long handle(RecordTrialExtensionRequest command) {
        if (review == ReviewStatus.DENIED || !stage.isOpen()) {
            return getVersion();
        }
        apply(new DealTrialExtensionRequested(dealId, command.customerId()));
        return getVersion();
    }

    /**
     * Closes an accepted deal as won. The commission is the annual value times the partner's rate in force
     * now; the billing option decides who bills the customer and so how the commission is settled.
     */
    @CommandHandler
    public long handle(CloseDealWon command, PartnerDirectory partners) {
        checkActing(command.actingPartnerId(), partners);
        checkChangeable();
        if (review != ReviewStatus.ACCEPTED) {
            throw RuleViolation.conflict("DEAL_NOT_ACCEPTED", "Only an accepted deal can be closed as won");
        }
        BigDecimal rate = partners.find(registration.partnerId())
                .map(PartnerDirectory.Entry::commissionRate)
                .orElseThrow(() -> new IllegalStateException("Partner of deal " + dealId + " is not in the directory"));
        Money commission = command.annualValue().times(rate);
        apply(new DealClosedWon(dealId, stage, command.billingOption(), command.annualValue(), rate, commission,
                Settlement.of(command.billingOption(), command.annualValue(), commission)));
        return getVersion();
    }

    @CommandHandler
    public long handle(CloseDealLost command, PartnerDirectory partners) {
        checkActing(command.actingPartnerId(), partners);
        checkChangeable();
        apply(new DealClosedLost(dealId, stage, command.reason()));
        return getVersion();
    }

    /**
     * A deal registered by mistake is withdrawn (SPEC 12): closed for good, its domain released, only notes
     * from now on. Unlike a lost deal it cannot be reopened and counts in no win rate.
     */
    @CommandHandler
    public long handle(WithdrawDeal command, PartnerDirectory partners) {
        checkActing(command.actingPartnerId(), partners);
        checkChangeable();
        apply(new DealWithdrawn(dealId, stage, command.reason()));
        return getVersion();
    }

    /**
     * The review schedule's nudge (SPEC 12): a deal still pending at its due time records that once. Sent again,
     * too early, or after a decision or withdrawal, it changes nothing, so several nodes may send it.
     */
    @CommandHandler
    public long handle(MarkDealReviewOverdue command, PortalProperties properties, Clock clock) {
        Instant dueAt = registeredAt.plus(properties.review().dueWithin());
        if (review == ReviewStatus.PENDING && stage != DealStage.WITHDRAWN && !reviewOverdueRecorded
                && !clock.instant().isBefore(dueAt)) {
            apply(new DealReviewOverdue(dealId, dueAt));
        }
        return getVersion();
    }

    /** A lost deal can be taken up again, in the stage it was closed from. */
    @CommandHandler
    public long handle(ReopenDeal command, PartnerDirectory partners) {
        checkActing(command.actingPartnerId(), partners);
        checkNotDenied();
        if (stage != DealStage.CLOSED_LOST) {
            throw RuleViolation.conflict("DEAL_NOT_LOST", "Only a deal closed as lost can be reopened");
        }
        apply(new DealReopened(dealId, closedFrom));
        return getVersion();
    }

    /**
     * Notes are allowed in every state, also to a deactivated partner's users. A note sent again with the same
     * {@code noteId} is a retry.
     */
    @CommandHandler
    public long handle(AddDealNote command) {
        checkAccess(command.actingPartnerId());
        if (noteTexts.containsKey(command.noteId())) {
            if (command.text().equals(noteTexts.get(command.noteId()))) {
                return getVersion();
            }
            throw RuleViolation.conflict("NOTE_ID_TAKEN", "Note " + command.noteId() + " exists with another text");
        }
        apply(new DealNoteAdded(dealId, command.noteId(), command.author(), command.text()));
        return getVersion();
    }

    /**
     * Part of a contact's erasure (SPEC 11), in the transaction that shreds the contact's key: the deal records it, so
     * that its read models drop the name and email at once, its history says who erased them and why, and a node that
     * keeps the deal in memory sees a later event and reads it back.
     */
    @CommandHandler
    public long handle(EraseDealContact command) {
        if (!contactErased) {
            apply(new DealContactErased(dealId, command.erasureId(), command.reason()));
        }
        return getVersion();
    }

    /** Erases one note's text (SPEC 11); redacting it again changes nothing. */
    @CommandHandler
    public long handle(RedactDealNote command) {
        if (!noteTexts.containsKey(command.noteId())) {
            throw RuleViolation.notFound("No note " + command.noteId() + " on deal " + dealId);
        }
        if (!redactedNotes.contains(command.noteId())) {
            apply(new DealNoteRedacted(dealId, command.noteId(), command.reason()));
        }
        return getVersion();
    }

    private void checkAccess(String actingPartnerId) {
        if (actingPartnerId != null && !actingPartnerId.equals(registration.partnerId())) {
            throw RuleViolation.notFound("No deal " + dealId);
        }
    }

    /** A deactivated partner's users keep reading their deals and adding notes; they change nothing else (SPEC 3). */
    private void checkActing(String actingPartnerId, PartnerDirectory partners) {
        checkAccess(actingPartnerId);
        if (actingPartnerId != null && !partners.isActive(actingPartnerId)) {
            throw RuleViolation.forbidden("PARTNER_INACTIVE", "Partner " + actingPartnerId
                    + " is deactivated: its users can read their deals and add notes, nothing else");
        }
    }

    private void checkNotDenied() {
        if (review == ReviewStatus.DENIED) {
            throw RuleViolation.conflict("DEAL_DENIED", "The deal was denied; only notes can be added");
        }
    }

    /** Only notes (and erasures) reach a withdrawn deal. */
    private void checkNotWithdrawn() {
        if (stage == DealStage.WITHDRAWN) {
            throw RuleViolation.conflict("DEAL_CLOSED", "The deal was withdrawn; only notes can be added");
        }
    }

    private void checkChangeable() {
        checkNotDenied();
        if (!stage.isOpen()) {
            throw RuleViolation.conflict("DEAL_CLOSED", "The deal is closed");
        }
    }

    private boolean isSameRegistration(RegisterDeal command) {
        return registration.partnerId().equals(command.partnerId())
                && registration.customer().equals(command.customer())
                && Objects.equals(registration.estimatedUsers(), command.estimatedUsers())
                && Objects.equals(registration.note(), command.note());
    }

    @EventSourcingHandler
    void on(DealRegistered event, @Timestamp Instant at) {
        dealId = event.dealId();
        registration = event;
        registeredAt = at;
        stage = DealStage.NEW;
        review = ReviewStatus.PENDING;
    }

    @EventSourcingHandler
    void on(DealAccepted event) {
        review = ReviewStatus.ACCEPTED;
    }

    @EventSourcingHandler
    void on(DealDenied event) {
        review = ReviewStatus.DENIED;
    }

    @EventSourcingHandler
    void on(DealStageChanged event) {
        stage = event.to();
    }

    @EventSourcingHandler
    void on(NewsletterSubscriptionSubmitted event) {
        newsletterSubmitted = true;
    }

    @EventSourcingHandler
    void on(DealTrialStarted event) {
        customerId = event.customerId();
    }

    @EventSourcingHandler
    void on(DealClosedWon event) {
        stage = DealStage.CLOSED_WON;
    }

    @EventSourcingHandler
    void on(DealClosedLost event) {
        closedFrom = event.from();
        stage = DealStage.CLOSED_LOST;
    }

    @EventSourcingHandler
    void on(DealWithdrawn event) {
        stage = DealStage.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(DealReviewOverdue event) {
        reviewOverdueRecorded = true;
    }

    @EventSourcingHandler
    void on(DealReopened event) {
        stage = event.to();
        closedFrom = null;
    }

    /** A redacted note's text reads back as null: a retry under its id can no longer be recognised. */
    @EventSourcingHandler
    void on(DealNoteAdded event) {
        noteTexts.put(event.noteId(), event.text());
    }

    @EventSourcingHandler
    void on(DealNoteRedacted event) {
        noteTexts.put(event.noteId(), null);
        redactedNotes.add(event.noteId());
    }

    /**
     * The contact's name and email (and the registration's note, keyed by the contact) are dropped from memory too: a
     * deal kept in the command side's cache must decide as one read back from the store, where they no longer decrypt,
     * and must not copy them into a later event (the newsletter agreement) under a new key.
     */
    @EventSourcingHandler
    void on(DealContactErased event) {
        contactErased = true;
        CustomerDetails customer = registration.customer();
        registration = new DealRegistered(registration.dealId(), registration.partnerId(),
                new CustomerDetails(customer.companyName(), null, null, customer.country()), registration.domain(),
                registration.estimatedUsers(), null, registration.flags());
    }
}
