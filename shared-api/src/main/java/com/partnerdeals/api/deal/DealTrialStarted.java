package com.partnerdeals.api.deal;

import java.time.Instant;

/**
 * The partner started the customer's trial account from this deal: the account ({@code customerId}) is
 * linked to the deal. The deal's move to {@code TRIAL} follows as a {@link DealStageChanged}.
 */
public record DealTrialStarted(String dealId, String customerId, Instant trialEndsAt) implements PartnerAction {
}
