package com.partnerdeals.api.deal;

/** A note's text was erased (SPEC 11): it reads back as null, marked redacted, everywhere, history included. */
public record DealNoteRedacted(String dealId, String noteId, String reason) implements DealEvent {
}
