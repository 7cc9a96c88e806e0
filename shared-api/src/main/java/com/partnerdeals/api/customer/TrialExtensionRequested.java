package com.partnerdeals.api.customer;

/** The partner asked for a longer trial; the request stays open until an extension or a subscription. */
public record TrialExtensionRequested(String customerId, String note) {
}
