package com.partnerdeals.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Part of an erasure (SPEC 11): the deal records that its contact's personal data was erased. */
public record EraseDealContact(@TargetAggregateIdentifier String dealId, String erasureId, String reason) {
}
