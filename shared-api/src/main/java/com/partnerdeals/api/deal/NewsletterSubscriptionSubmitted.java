package com.partnerdeals.api.deal;

/** The customer's contact agreed to receive the vendor's newsletter. */
public record NewsletterSubscriptionSubmitted(String dealId, String email) implements PartnerAction {
}
