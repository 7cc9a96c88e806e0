package com.partnerdeals.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes the trial if it has ended without a subscription; otherwise changes nothing. Sent by the expiry
 * check, which may send it more than once.
 */
public record ExpireTrial(@TargetAggregateIdentifier String customerId) {
}
