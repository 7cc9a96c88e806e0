package com.partnerdeals.api.deal;

public record DealNoteAdded(String dealId, String noteId, String author, String text) implements PartnerAction {
}
