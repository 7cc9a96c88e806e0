package com.partnerdeals.api.deal;

/** A lost deal is open again, in the stage it was closed from. */
public record DealReopened(String dealId, DealStage to) implements DealEvent {
}
