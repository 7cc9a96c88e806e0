package com.partnerdeals.api.customer;

import java.time.Instant;
import java.util.List;

/**
 * One row of the customer overview, as it stands at the time of asking: {@code status},
 * {@code activitiesLast90Days} and the attention items are evaluated against the clock then.
 * {@code mainFramework}, {@code frameworkProgress} and {@code users} are null until the product reports
 * usage; {@code lastActivityAt} until it reports an activity; {@code subscribedAt} until a subscription.
 */
public record CustomerView(String customerId,
                           String companyName,
                           String domain,
                           String partnerId,
                           String dealId,
                           CustomerStatus status,
                           String mainFramework,
                           Integer frameworkProgress,
                           Integer users,
                           long activitiesLast90Days,
                           Instant lastActivityAt,
                           Instant trialEndsAt,
                           Instant subscribedAt,
                           int attentionCount,
                           List<AttentionItem> attentionItems) {
}
