package com.partnerdeals.api.deal;

public record DealStageChanged(String dealId, DealStage from, DealStage to) implements PartnerAction {
}
