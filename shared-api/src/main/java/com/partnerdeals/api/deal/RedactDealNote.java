package com.partnerdeals.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erases one note's text (SPEC 11); the note's author and time stay. */
public record RedactDealNote(@TargetAggregateIdentifier String dealId, String noteId, String reason) {
}
