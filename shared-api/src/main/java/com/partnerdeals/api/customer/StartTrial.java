package com.partnerdeals.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Starts the customer's trial account from a deal: handled by the deal, which creates the account
 * ({@code customerId}) and links it to itself in one unit of work.
 *
 * @param actingPartnerId the partner the caller acts for, or null for vendor staff
 */
public record StartTrial(@TargetAggregateIdentifier String dealId,
                         String customerId,
                         String actingPartnerId,
                         @TargetAggregateVersion Long expectedVersion) {
}
