package com.partnerdeals.api.deal;

/** The deal is closed as registered by mistake: not reopenable, its domain released, only notes from now on. */
public record DealWithdrawn(String dealId, DealStage from, String reason) implements DealEvent {
}
