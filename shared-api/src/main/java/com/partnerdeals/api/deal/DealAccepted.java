package com.partnerdeals.api.deal;

public record DealAccepted(String dealId) implements DealEvent {
}
