package com.partnerdeals.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.partnerdeals.api.common.RuleViolation;
import com.partnerdeals.api.customer.Activity;
import com.partnerdeals.api.customer.CustomerActivityRecorded;
import com.partnerdeals.api.customer.CustomerStatus;
import com.partnerdeals.api.customer.CustomerUsageReported;
import com.partnerdeals.api.customer.ExpireTrial;
import com.partnerdeals.api.customer.ExtendTrial;
import com.partnerdeals.api.customer.RecordCustomerActivities;
import com.partnerdeals.api.customer.ReportCustomerUsage;
import com.partnerdeals.api.customer.RequestTrialExtension;
import com.partnerdeals.api.customer.StartSubscription;
import com.partnerdeals.api.customer.SubscriptionStarted;
import com.partnerdeals.api.customer.TrialExpired;
import com.partnerdeals.api.customer.TrialExtended;
import com.partnerdeals.api.customer.TrialExtensionRequested;
import com.partnerdeals.api.customer.TrialStarted;
import com.partnerdeals.command.partner.PartnerDirectory;
import com.partnerdeals.platform.axon.CommandTargets;
import com.partnerdeals.platform.config.PortalProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer's account in the vendor's product, created in trial from a deal (SPEC section 5): it is
 * extended on request, closes when the trial ends without a subscription, and becomes an active
 * subscription that never expires. The product reports its usage.
 *
 * <p>Fields are visible to Jackson because the aggregate is snapshotted (its stream grows with every
 * activity batch).
 */
@Aggregate(snapshotTriggerDefinition = TrialSnapshots.TRIGGER, commandTargetResolver = CommandTargets.BEAN)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Trial {

    /** How far in the future the product's clock may be ahead of ours. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    @AggregateIdentifier
    private String customerId;
    private String partnerId;
    private CustomerStatus status;
    private Instant trialEndsAt;
    private int extensions;
    private boolean extensionRequested;
    private CustomerUsageReported usage;

    protected Trial() {
        // For Axon.
    }

    /** Only a deal starts a trial, in the deal's own unit of work (see the deal's StartTrial). */
    public Trial(TrialStarted started) {
        apply(started);
    }

    /** The owning partner asks for a longer trial; one request at a time. */
    @CommandHandler
    public long handle(RequestTrialExtension command, PartnerDirectory partners, PortalProperties properties) {
        if (!partnerId.equals(command.actingPartnerId())) {
            throw RuleViolation.notFound("No customer " + customerId);
        }
        if (!partners.isActive(partnerId)) {
            throw RuleViolation.forbidden("PARTNER_INACTIVE", "Partner " + partnerId + " is deactivated");
        }
        checkNotSubscribed();
        if (extensionRequested) {
            throw RuleViolation.conflict("EXTENSION_ALREADY_REQUESTED", "An extension request is already open");
        }
        checkExtensionLeft(properties);
        apply(new TrialExtensionRequested(customerId, command.note()));
        return getVersion();
    }

    /**
     * The trial runs {@code days} more from its end, or from now if it has ended (which reopens it). Closes
     * the open request, if any.
     */
    @CommandHandler
    public long handle(ExtendTrial command, PortalProperties properties, Clock clock) {
        int days = command.days() != null ? command.days() : properties.trial().extensionDays();
        if (days < 1 || days > 90) {
            throw RuleViolation.invalidField("days", "must be between 1 and 90");
        }
        checkNotSubscribed();
        checkExtensionLeft(properties);
        Instant now = clock.instant();
        Instant from = trialEndsAt.isAfter(now) ? trialEndsAt : now;
        apply(new TrialExtended(customerId, days, from.plus(Duration.ofDays(days))));
        return getVersion();
    }

    /** Closes a trial that has ended without a subscription; anything else is left as it is. */
    @CommandHandler
    public long handle(ExpireTrial command, Clock clock) {
        if (status == CustomerStatus.TRIAL && !clock.instant().isBefore(trialEndsAt)) {
            apply(new TrialExpired(customerId, trialEndsAt));
        }
        return getVersion();
    }

    /** From trial or from closed; a second start changes nothing. */
    @CommandHandler
    public long handle(StartSubscription command, Clock clock) {
        Instant now = clock.instant();
        if (command.startedAt() != null && command.startedAt().isAfter(now.plus(CLOCK_TOLERANCE))) {
            throw RuleViolation.invalidField("startedAt", "must not be in the future");
        }
        if (status != CustomerStatus.ACTIVE) {
            apply(new SubscriptionStarted(customerId, command.plan(),
                    command.startedAt() != null ? command.startedAt() : now, command.dealId()));
        }
        return getVersion();
    }

    /**
     * Records the batch's new activities. The ledger remembers every activity id of the account inside this
     * transaction, so a retried batch (even a concurrent one) counts each activity once.
     */
    @CommandHandler
    public ActivityOutcome handle(RecordCustomerActivities command, ActivityLedger ledger, Clock clock) {
        Instant latest = clock.instant().plus(CLOCK_TOLERANCE);
        List<Activity> activities = command.activities();
        for (int i = 0; i < activities.size(); i++) {
            if (activities.get(i).occurredAt().isAfter(latest)) {
                throw RuleViolation.invalidField("activities[" + i + "].occurredAt",
                        "is more than 5 minutes in the future");
            }
        }
        List<Activity> fresh = ledger.recordNew(customerId, activities);
        if (!fresh.isEmpty()) {
            apply(new CustomerActivityRecorded(customerId, fresh));
        }
        return new ActivityOutcome(fresh.size(), activities.size() - fresh.size(), getVersion());
    }

    /** What recording a batch did: activities new to the account, repeats, and the account's version. */
    public record ActivityOutcome(int accepted, int duplicates, long version) {
    }

    /** The latest report wins; the same report again changes nothing. */
    @CommandHandler
    public long handle(ReportCustomerUsage command) {
        CustomerUsageReported report = new CustomerUsageReported(customerId, command.users(), command.mainFramework(),
                command.frameworkProgress());
        if (!Objects.equals(report, usage)) {
            apply(report);
        }
        return getVersion();
    }

    private void checkNotSubscribed() {
        if (status == CustomerStatus.ACTIVE) {
            throw RuleViolation.conflict("SUBSCRIPTION_ACTIVE", "The customer has an active subscription");
        }
    }

    private void checkExtensionLeft(PortalProperties properties) {
        if (extensions >= properties.trial().maxExtensions()) {
            throw RuleViolation.conflict("TRIAL_ALREADY_EXTENDED", "The trial was already extended");
        }
    }

    @EventSourcingHandler
    void on(TrialStarted event) {
        customerId = event.customerId();
        partnerId = event.partnerId();
        trialEndsAt = event.trialEndsAt();
        status = CustomerStatus.TRIAL;
    }

    @EventSourcingHandler
    void on(TrialExtensionRequested event) {
        extensionRequested = true;
    }

    @EventSourcingHandler
    void on(TrialExtended event) {
        trialEndsAt = event.trialEndsAt();
        extensions++;
        extensionRequested = false;
        status = CustomerStatus.TRIAL;
    }

    @EventSourcingHandler
    void on(TrialExpired event) {
        status = CustomerStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(SubscriptionStarted event) {
        status = CustomerStatus.ACTIVE;
        extensionRequested = false; // a subscribed customer needs no longer trial
    }

    @EventSourcingHandler
    void on(CustomerUsageReported event) {
        usage = event;
    }
}
