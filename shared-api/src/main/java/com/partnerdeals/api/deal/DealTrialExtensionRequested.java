package com.partnerdeals.api.deal;

/** The partner asked to extend the trial of this deal's customer account; renews the deal's protection. */
public record DealTrialExtensionRequested(String dealId, String customerId) implements PartnerAction {
}
