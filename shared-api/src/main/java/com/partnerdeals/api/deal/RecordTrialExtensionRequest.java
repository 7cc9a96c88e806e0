package com.partnerdeals.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The partner asked for an extension of the trial started from this deal: a partner action, which renews
 * the deal's protection (SPEC 4.4). Sent by the service itself when the trial records the request.
 */
public record RecordTrialExtensionRequest(@TargetAggregateIdentifier String dealId, String customerId) {
}
