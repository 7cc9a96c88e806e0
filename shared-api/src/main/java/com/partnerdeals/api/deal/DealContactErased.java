package com.partnerdeals.api.deal;

/** The deal's customer contact was erased (SPEC 11): name, email and the registration note read back as null. */
public record DealContactErased(String dealId, String erasureId, String reason) implements DealEvent {
}
