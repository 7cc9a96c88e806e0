package com.partnerdeals.api.deal;

public record DealDenied(String dealId, DenialReason reason, String comment) implements DealEvent {
}
