package com.partnerdeals.api.deal;

public record DealClosedLost(String dealId, DealStage from, String reason) implements DealEvent {
}
